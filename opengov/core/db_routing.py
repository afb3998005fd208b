"""Reads from a PostgreSQL streaming replica, writes and the writer's next reads on the primary.

Only set up when ``DATABASE_REPLICA_URL`` is set (settings/base.py): the ``replica`` alias, this router and the
middleware below. Everything reads from the primary by default (management commands, tasks, tests, anything inside
a transaction); the middleware marks a request as allowed to read from the replica when it is a safe method (GET,
HEAD, OPTIONS) from a client that has not written recently.

Read-your-own-writes: a client that sends an unsafe request (POST, PUT, PATCH, DELETE) gets a short-lived cookie
that sends its next requests' reads to the primary until the replica has surely caught up (``REPLICA_PIN_SECONDS``,
default 30; streaming replication on one network lags by milliseconds). A request that writes part-way (a GET that
records something) reads from the primary for the rest of that request. The cookie carries no secret: forging it
only makes a client read from the primary.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "og_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


def pin_seconds() -> int:
    return int(getattr(settings, "REPLICA_PIN_SECONDS", 30))


class PrimaryReplicaRouter:
    """Django database router: see the module docstring."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if _replica_reads.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        _replica_reads.set(False)  # this request has written: its next reads must see the write
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == PRIMARY  # the replica follows the primary's WAL; it is never migrated itself


class ReadYourWritesMiddleware:
    """Decides per request where reads go, and pins a client that writes to the primary for a while."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in SAFE_METHODS
        token = _replica_reads.set(safe and PIN_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.reset(token)
        if not safe:
            response.set_cookie(PIN_COOKIE, "1", max_age=pin_seconds(), httponly=True, samesite="Lax")
        return response


def reads_from_replica() -> bool:
    """Whether reads in this context go to the replica (for tests and the benchmark's report)."""
    return _replica_reads.get()
