"""Bulk inserts for the OGP import: PostgreSQL ``COPY`` for the rows and their history rows.

Django's bulk_create on PostgreSQL binds every value client-side (arrays quoted value by value) and
simple_history's bulk helper builds one historical model instance per row: at 100,000 commitments that is
most of an import's time. Here, on PostgreSQL, primary keys are taken from the table's sequence up front
(so the objects can be referenced afterwards, as after bulk_create), the rows are streamed with ``COPY``
and the history rows (type ``+``, same user, reason and date as simple_history's helper would write) are
streamed the same way into the historical table. Other databases (SQLite in development and tests) keep
``bulk_create_with_history``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import connection, models
from psycopg import sql
from simple_history.utils import bulk_create_with_history

BATCH = 1000


def use_copy() -> bool:
    return connection.vendor == "postgresql"


def _allocate_pks(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    pk = model._meta.pk
    missing = [obj for obj in objs if obj.pk is None]
    if not missing or not isinstance(pk, models.AutoField):
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(missing)],
        )
        for obj, (value,) in zip(missing, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, value)
    for obj in missing:
        obj._state.adding = False
        obj._state.db = connection.alias


def _prepare(field: models.Field) -> Any:
    if isinstance(field, models.JSONField):
        return lambda obj: field.get_db_prep_save(getattr(obj, field.attname), connection)
    if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
        return lambda obj: field.pre_save(obj, True)
    attname = field.attname
    return lambda obj: getattr(obj, attname)


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """``COPY table (columns) FROM STDIN`` with psycopg's row writer (PostgreSQL only)."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def insert_with_history(
    model: type[models.Model], objs: Sequence[models.Model], *, user: Any, reason: str, date: Any
) -> None:
    """Insert new ``objs`` and one ``+`` history row each (COPY on PostgreSQL); primary keys are set."""
    if not objs:
        return
    if not use_copy():
        bulk_create_with_history(
            list(objs), model, batch_size=BATCH, default_user=user, default_change_reason=reason, default_date=date
        )
        return
    _allocate_pks(model, objs)
    fields = list(model._meta.concrete_fields)
    getters = [_prepare(f) for f in fields]
    copy_rows(model._meta.db_table, [f.column for f in fields], ([g(obj) for g in getters] for obj in objs))
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = model.history.model  # type: ignore[attr-defined]
    tracked = list(historical.tracked_fields)
    by_name = {f.name: f for f in fields}
    history_getters = [_prepare(by_name[f.name]) for f in tracked]
    user_id = getattr(user, "pk", None)
    tail = [date, reason, "+", user_id]
    opts = historical._meta
    columns = [opts.get_field(f.name).column for f in tracked] + [
        opts.get_field(name).column
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    ]
    copy_rows(opts.db_table, columns, ([g(obj) for g in history_getters] + tail for obj in objs))


def insert_plain(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert rows without history (the M2M tag table): COPY on PostgreSQL, else bulk_create."""
    if not objs:
        return
    if not use_copy():
        model.objects.bulk_create(list(objs), batch_size=5000)
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
    attnames = [f.attname for f in fields]
    copy_rows(model._meta.db_table, [f.column for f in fields], ([getattr(o, a) for a in attnames] for o in objs))
