"""Tests: same code paths as production where they matter (real database from DATABASE_URL)."""

import os
from urllib.parse import urlsplit

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-0d6f1e")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from .base import *  # noqa: E402,F403
from .base import RATE_LIMITS, STORAGES  # noqa: E402

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; never outside tests
# The API throttle stays on (same code path as production) with limits no test reaches; tests of the limits
# themselves set RATE_LIMITS lower.
RATE_LIMITS = {**RATE_LIMITS, "api-anon": (100_000, 60), "api-user": (100_000, 60)}
# Serve app static files straight from the finders (no collectstatic before tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Several test runs may share one PostgreSQL server (developers, helpers, CI): one test database per process,
# dropped by pytest-django at the end of the run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405

# Tests clear the cache (Redis: FLUSHDB). Parallel workers (pytest-xdist: gw0, gw1, ...) each get their own Redis
# database, so one worker's clear never empties another's warm cache in the middle of a test.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
    _db = 1 + int(_worker[2:]) if _worker[2:].isdigit() else 15
    CACHES["default"]["LOCATION"] = urlsplit(CACHES["default"]["LOCATION"])._replace(path=f"/{_db}").geturl()  # noqa: F405

# Tests write inside a transaction that never commits, so no table generation moves (core/freshness.py): the page
# cache would serve a test its own earlier page. It is off here and on in the tests of the page cache itself.
PAGE_CACHE_ENABLED = False
