"""Development: a laptop with a SQLite file, no Redis, console e-mail, tasks run at once."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-6b1c0f2e9a")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *  # noqa: E402,F403
from .base import STORAGES  # noqa: E402

# Immediate tasks: no worker to start on a laptop. Production uses the database backend and db_worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Plain static storage so runserver works without collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Serve app static files straight from the finders (no collectstatic on a laptop).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
