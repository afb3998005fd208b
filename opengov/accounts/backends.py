"""Password log-in with throttling on every path that checks a password (our log-in page, the admin's,
DRF's session log-in): the backend is the one place all of them go through."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from opengov.core.ratelimit import RateLimited

from . import throttle


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if request is None:  # a call from code (management commands, tests), not a client: nothing to throttle
            return super().authenticate(request, username=username, password=password, **kwargs)
        email = username or kwargs.get("email") or ""
        try:
            throttle.check_login_allowed(request, email)
        except RateLimited as exc:
            # PermissionDenied stops django.contrib.auth.authenticate at once: no other backend is tried.
            raise PermissionDenied(str(exc)) from exc
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.login_failed(request, email)
        else:
            throttle.login_succeeded(request, email)
        return user
