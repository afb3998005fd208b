"""One data version for everything derived from the public events (counts, calendar days, map clusters,
statistics): any event saved or deleted bumps it (signals.py; the bulk upload bumps it once), so cached answers
are never stale and nothing has to be invalidated key by key. At 150,000 events a COUNT(*) or a GROUP BY over an
edition costs 100+ ms on PostgreSQL; read from the cache it costs one round trip to Redis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.cache import cache

VERSION_KEY = "events:data-version"
CACHE_SECONDS = 600
T = TypeVar("T")


def data_version() -> int:
    return int(cache.get_or_set(VERSION_KEY, 1, None) or 1)


def bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def versioned(key: str, compute: Callable[[], T], seconds: int = CACHE_SECONDS) -> T:
    """``compute()`` cached under ``key`` for the current data version."""
    full = f"events:{data_version()}:{key}"
    value: Any = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, seconds)
    return cast(T, value)
