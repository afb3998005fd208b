"""Production: everything secure by default; must pass `manage.py check --deploy` with no warning."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES
from .env import env_bool, env_int

# Rate limits, log-in lock-outs and cached pages are counted in the cache: a cache per worker process (local
# memory) would multiply every limit by the number of workers, so production needs one that all of them share.
if CACHES["default"]["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
    raise ImproperlyConfigured(
        "REDIS_URL is required in production: rate limits and log-in lock-outs must be counted in a cache "
        "shared by all worker processes (set REDIS_URL=redis://host:6379/0)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
