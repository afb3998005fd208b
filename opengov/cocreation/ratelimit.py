"""Per-user rate limits on contributions, supports and flags, counted in the cache (fixed windows).

Limits come from ``settings.COCREATION_RATE_LIMITS`` ({action: (count, seconds)}) when set, else DEFAULTS.
The cache is Redis in production (shared by every app server) and local memory on a laptop.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

DEFAULTS: dict[str, tuple[int, int]] = {
    "contribute": (10, 3600),  # ten contributions (or monitoring notes) an hour
    "support": (120, 3600),
    "flag": (20, 3600),
}


class RateLimited(Exception):
    """Too many of one action in the window. ``retry_after`` is in seconds."""

    def __init__(self, action: str, retry_after: int):
        self.action = action
        self.retry_after = retry_after
        super().__init__(
            _("You have done this too often. Please try again in %(minutes)s minutes.")
            % {"minutes": max(1, retry_after // 60)}
        )


def limit_for(action: str) -> tuple[int, int]:
    return {**DEFAULTS, **getattr(settings, "COCREATION_RATE_LIMITS", {})}[action]


def hit(user: Any, action: str) -> None:
    """Count one ``action`` by ``user``; raise RateLimited once the window's allowance is used up."""
    allowed, seconds = limit_for(action)
    now = int(time.time())
    window = now // seconds
    key = f"cocreation:rate:{action}:{user.pk}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count > allowed:
        raise RateLimited(action, (window + 1) * seconds - now)
