"""DRF's throttle on the platform's one rate-limit mechanism (core/ratelimit.py).

Its own module because DRF imports DEFAULT_THROTTLE_CLASSES while defining APIView: this file must not import
rest_framework.views (core/api.py does).
"""

from __future__ import annotations

from typing import Any

from rest_framework import throttling

from . import ratelimit


class RateLimitThrottle(throttling.BaseThrottle):
    """API requests counted in the shared cache like every other limit: per user when authenticated
    (token or session), per IP address otherwise (RATE_LIMITS "api-user" and "api-anon")."""

    def allow_request(self, request: Any, view: Any) -> bool:
        user = request.user
        if user is not None and user.is_authenticated:
            subject, action = user, "api-user"
        else:
            subject, action = ratelimit.client_ip(request), "api-anon"
        try:
            ratelimit.hit(subject, action)
        except ratelimit.RateLimited as exc:
            self._wait = exc.retry_after
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self, "_wait", None)
