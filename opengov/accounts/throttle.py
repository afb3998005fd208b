"""Log-in throttling that slows password guessing without letting anyone lock a victim out.

Design (docs/security.md explains it for operators):

- Failures are counted per (account, client IP address), with exponential back-off: five free failures, then a
  lock of 30 s that doubles with each further failure up to one hour. A success clears it. Because the key holds
  the IP address, someone guessing a victim's password from their own connection locks only themselves out of
  that account: the victim, from any other address, logs in as usual.
- Failures are also counted per IP address whatever the account (``login-ip`` in core/ratelimit.py): one address
  trying many accounts (credential stuffing) is refused for the rest of the hour.
- Every lock ends by itself (at most an hour after the last failure); nothing is stored in the database and
  there is no account-wide lock, so there is no "locked forever" state to abuse or to clear by hand.
- While locked, the password is not even checked, so a locked guesser learns nothing from the answer.

Counted in the shared cache through core/ratelimit.py, like every other limit.
"""

from __future__ import annotations

from django.http import HttpRequest

from opengov.core import ratelimit

LOGIN = ratelimit.Backoff("login", free=5, base=30, ceiling=3600)


def _subject(request: HttpRequest, email: str) -> str:
    return f"{(email or '').strip().lower()}|{ratelimit.client_ip(request)}"


def check_login_allowed(request: HttpRequest, email: str) -> None:
    """Raise RateLimited when this address may not try this account (or any account) now."""
    ratelimit.check(ratelimit.client_ip(request), "login-ip")
    wait = LOGIN.retry_after(_subject(request, email))
    if wait:
        raise ratelimit.RateLimited("login", wait)


def login_failed(request: HttpRequest, email: str) -> None:
    LOGIN.failure(_subject(request, email))
    ratelimit.record(ratelimit.client_ip(request), "login-ip")


def login_succeeded(request: HttpRequest, email: str) -> None:
    LOGIN.success(_subject(request, email))
