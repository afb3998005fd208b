"""Strict parsing of settings from the environment.

Every helper raises ImproperlyConfigured naming the variable when a value is malformed, so a
typo stops start-up instead of being silently coerced (a deployment with DEBUG="flase" must
not run in debug mode).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """A string, or the content of the file named by NAME_FILE (for secrets mounted as files)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use one of: true, false, 1, 0, yes, no.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is set but holds no value; give a comma-separated list.")
    return items


def env_database(name: str, default: str) -> dict[str, Any]:
    raw = os.environ.get(name) or default
    if not raw.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a supported database URL; use postgres://... or sqlite:///path."
        )
    try:
        config = dj_database_url.parse(raw, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} cannot be parsed: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several requests and the task worker share one file: wait for locks instead of failing.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    return dict(config)


def env_redis_url(name: str) -> str | None:
    raw = os.environ.get(name)
    if not raw:
        return None
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a Redis URL; use redis://host:port/db.")
    return raw


_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A rate such as ``600/minute`` as (count, seconds)."""
    raw = os.environ.get(name) or default
    count, _, period = raw.partition("/")
    if not count.strip().isdigit() or period.strip() not in _PERIODS:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a rate; write it like 600/minute (second, hour, day).")
    return int(count), _PERIODS[period.strip()]
