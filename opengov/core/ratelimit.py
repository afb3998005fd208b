"""The one rate-limit mechanism of the platform: counters in the shared cache, used by every app.

Two shapes, both keyed by an action name and a subject (a user, or a string such as an IP address):

- fixed windows (``hit``, ``check``, ``record``): at most N of an action per subject per window;
  contributions, supports, flags, sign-ups, password resets, API requests (``core.api.RateLimitThrottle``);
- exponential back-off (``Backoff``): after a few free failures, each further failure locks the subject for twice
  as long as the last, up to a ceiling; a success clears it. Used for log-ins (accounts/throttle.py).

Limits come from ``settings.RATE_LIMITS`` ({action: (count, seconds)}) over DEFAULTS. Counters live in the
default cache, which must be shared by every worker process: production settings refuse to start without
REDIS_URL, because per-process counters multiply every limit by the number of workers.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext

DEFAULTS: dict[str, tuple[int, int]] = {
    "contribute": (10, 3600),  # ten contributions (or monitoring notes) an hour per user
    "support": (120, 3600),
    "flag": (20, 3600),
    "signup": (5, 3600),  # new accounts from one IP address an hour
    "password-reset": (10, 3600),  # reset or confirmation e-mails requested from one IP address an hour
    "login-ip": (50, 3600),  # failed log-ins from one IP address an hour, whatever the accounts tried
    "api-anon": (600, 60),  # API requests per IP address a minute, anonymous
    "api-user": (1200, 60),  # API requests per user a minute, with a token or a session
}


class RateLimited(Exception):
    """Too many of one action. ``retry_after`` is in seconds."""

    def __init__(self, action: str, retry_after: int):
        self.action = action
        self.retry_after = max(1, int(retry_after))
        self.minutes = minutes = -(-self.retry_after // 60)  # rounded up: never "try again in 0 minutes"
        super().__init__(
            ngettext(
                "You have done this too often. Please try again in %(minutes)s minute.",
                "You have done this too often. Please try again in %(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )


def limit_for(action: str) -> tuple[int, int]:
    overrides: dict[str, tuple[int, int]] = getattr(settings, "RATE_LIMITS", {})  # settings are untyped
    return {**DEFAULTS, **overrides}[action]


def _subject(subject: Any) -> str:
    # Quoted: e-mail addresses and IPv6 addresses hold characters some cache backends refuse in keys.
    return str(subject.pk) if hasattr(subject, "pk") else quote(str(subject), safe="@.")


def _window(action: str, subject: Any) -> tuple[str, int, int, int]:
    allowed, seconds = limit_for(action)
    now = int(time.time())
    window = now // seconds
    return f"rate:{action}:{_subject(subject)}:{window}", allowed, seconds, (window + 1) * seconds - now


def _increment(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def check(subject: Any, action: str) -> None:
    """Raise RateLimited if ``subject`` has used up this window's allowance of ``action`` (counts nothing)."""
    key, allowed, _, retry_after = _window(action, subject)
    if (cache.get(key) or 0) >= allowed:
        raise RateLimited(action, retry_after)


def record(subject: Any, action: str) -> int:
    """Count one ``action`` by ``subject`` without refusing it (for failures counted after the fact)."""
    key, _, seconds, _ = _window(action, subject)
    return _increment(key, seconds + 1)


def hit(subject: Any, action: str) -> None:
    """Count one ``action`` by ``subject``; raise RateLimited once the window's allowance is used up."""
    key, allowed, seconds, retry_after = _window(action, subject)
    if _increment(key, seconds + 1) > allowed:
        raise RateLimited(action, retry_after)


@dataclass(frozen=True)
class Backoff:
    """Exponential back-off on failures: ``free`` failures cost nothing, the next locks for ``base`` seconds and
    each one after that doubles the lock, up to ``ceiling``. Failures are forgotten ``memory`` seconds after the
    last one, and at once on success. The lock always ends: at worst ``ceiling`` seconds after the last failure.
    """

    action: str
    free: int = 5
    base: int = 30
    ceiling: int = 3600
    memory: int = 24 * 3600

    def _keys(self, subject: Any) -> tuple[str, str]:
        base = f"backoff:{self.action}:{_subject(subject)}"
        return f"{base}:failures", f"{base}:locked-until"

    def retry_after(self, subject: Any) -> int:
        """Seconds until ``subject`` may try again (0: now)."""
        locked_until: float = cache.get(self._keys(subject)[1]) or 0  # the cache is untyped: failure() stores a float
        return max(0, math.ceil(locked_until - time.time()))

    def failure(self, subject: Any) -> int:
        """Count a failure (atomically, so parallel guesses are all counted); return the lock it earns in seconds
        (0 while failures are free)."""
        failures_key, lock_key = self._keys(subject)
        over = _increment(failures_key, self.memory) - self.free
        if over <= 0:
            return 0
        # Annotated: typeshed types int ** int as Any (a negative power is a float); this power is never negative.
        lock: int = min(self.ceiling, self.base * 2 ** min(over - 1, 32))
        cache.set(lock_key, time.time() + lock, timeout=lock + 1)
        return lock

    def success(self, subject: Any) -> None:
        cache.delete_many(list(self._keys(subject)))


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind ``settings.TRUSTED_PROXIES`` reverse proxies, each of which appends the
    address it saw to X-Forwarded-For, that is the entry those proxies added; a client cannot forge it by sending
    its own header (its values stand to the left)."""
    proxies: int = getattr(settings, "TRUSTED_PROXIES", 0)  # settings are untyped
    if proxies:
        header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")  # META is a dict of Any; headers are str
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    remote: str = request.META.get("REMOTE_ADDR", "")  # as above
    return remote or "unknown"
