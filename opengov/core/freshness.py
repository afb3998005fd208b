"""Which tables a page read, and whether any of them changed since: the ground truth for shared caches.

Every SQL statement sent through Django's connections passes a wrapper installed when a connection opens:
- a write (INSERT, UPDATE, DELETE, TRUNCATE, COPY) marks its table changed; when the transaction commits (at once
  in autocommit), each changed table gets a new *generation* in the shared cache;
- a read, while a recording is open (``recording()``), adds the tables it names (FROM, JOIN) to the recording.

A cached page (core/pagecache.py) or value (``remember``) keeps the generations of the tables it was built from,
taken *before* it was built; it is fresh while none of them moved. So a write anywhere (a form, the API, the admin,
an import, a task in another process, a raw SQL statement) makes the next request of every page that read that
table rebuild it, and nothing else. Writes that do not go through ``cursor.execute`` (psycopg's COPY in the
importers) call ``tables_changed`` themselves.

Generations are nanosecond timestamps, not counters: a generation lost from the cache (eviction) comes back as
"unknown", which never equals a stored one, so an eviction can only cause a rebuild, never a stale answer.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created

GENERATION_PREFIX = "freshness:gen:"
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|COPY)\s+"?(\w+)"?', re.I)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.I)
_NOT_TABLES = frozenset({"select", "lateral", "unnest", "json_each", "generate_series"})

_recording: ContextVar[set[str] | None] = ContextVar("freshness_recording", default=None)

T = TypeVar("T")


def tables_changed(tables: Iterable[str], using: str = "default") -> None:
    """Mark ``tables`` changed: new generations once the current transaction on ``using`` commits (at once in
    autocommit). Call it after the write, never before: a reader must not pair old rows with a new generation."""
    connection = connections[using]
    pending: set[str] = connection.__dict__.setdefault("_freshness_pending", set())
    pending.update(tables)
    if not connection.in_atomic_block:
        _publish(connection)
    elif not any(is_publisher(entry[1]) for entry in connection.run_on_commit):
        # One callback per transaction, publishing whatever is pending then. A rollback drops it (and a savepoint
        # rollback drops it with the savepoint): the next write registers another, and the leftover tables go out
        # with the next commit, an extra rebuild at worst, never a stale page.
        publisher = partial(_publish, connection)
        setattr(publisher, "freshness_publisher", True)  # noqa: B010 - a marker on a partial object
        transaction.on_commit(publisher, using=using)


def is_publisher(func: Any) -> bool:
    """Whether an on-commit callback is this module's (tests that count an app's own callbacks leave it out)."""
    return bool(getattr(func, "freshness_publisher", False))


def _publish(connection: BaseDatabaseWrapper) -> None:
    pending: set[str] = connection.__dict__.get("_freshness_pending", set())
    if pending:
        now = time.time_ns()
        cache.set_many({GENERATION_PREFIX + table: now for table in pending}, timeout=None)
        pending.clear()


def generations(tables: Iterable[str]) -> dict[str, int | None]:
    """Current generation of each table (None: never changed since the cache started, or evicted)."""
    tables = list(tables)
    if not tables:
        return {}  # (Redis refuses an MGET of no key)
    found = cache.get_many([GENERATION_PREFIX + table for table in tables])
    return {table: found.get(GENERATION_PREFIX + table) for table in tables}


def all_tables() -> list[str]:
    """Every table of every installed model, with many-to-many tables."""
    names = set()
    for model in apps.get_models(include_auto_created=True):
        names.add(model._meta.db_table)
    return sorted(names)


def is_fresh(stored: Mapping[str, int | None]) -> bool:
    """Whether no table in ``stored`` moved (a page that read no table stays fresh until its entry expires)."""
    return generations(stored) == dict(stored)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the tables read inside the block (nested recordings each see their own)."""
    tables: set[str] = set()
    token = _recording.set(tables)
    try:
        yield tables
    finally:
        _recording.reset(token)
        outer = _recording.get()
        if outer is not None:
            outer.update(tables)


def remember(key: str, compute: Callable[[], T], timeout: int = 3600) -> T:
    """``compute()`` through the cache, fresh while the tables it read are unchanged (see the module docstring)."""
    entry = cache.get(key)
    if entry is not None and is_fresh(entry["generations"]):
        current = _recording.get()
        if current is not None:
            current.update(entry["generations"])
        value: T = entry["value"]
        return value
    before = generations(all_tables())
    with recording() as read:
        value = compute()
    cache.set(key, {"value": value, "generations": {t: before.get(t) for t in read}}, timeout)
    return value


def _track(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Mapping[str, Any]) -> Any:
    result = execute(sql, params, many, context)
    written = _WRITE.match(sql)
    if written:
        tables_changed([written.group(1)], using=context["connection"].alias)
    else:
        current = _recording.get()
        if current is not None:
            current.update(name for name in _READ.findall(sql) if name.lower() not in _NOT_TABLES)
    return result


def _install(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if _track not in connection.execute_wrappers:
        connection.execute_wrappers.append(_track)


def install() -> None:
    """Called from CoreConfig.ready(): every connection, present and future, passes through the wrapper."""
    connection_created.connect(_install, dispatch_uid="core.freshness")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)
