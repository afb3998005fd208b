"""Moved to opengov.core.ratelimit (one rate-limit mechanism for every app); kept so older imports still work."""

from opengov.core.ratelimit import RateLimited, hit, limit_for

__all__ = ["RateLimited", "hit", "limit_for"]
