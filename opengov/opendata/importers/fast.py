"""Bulk inserts for the OGP import: rows given as plain values, written with PostgreSQL ``COPY``.

A 100,000-commitment import creates some 400,000 rows (commitments, records, assessments, tags) and as many
history rows. Django's bulk_create builds a model instance per row (``__init__`` and its pre/post-init
signals), binds every value client-side, and simple_history's bulk helper builds a second instance per row
for its history: most of an import's time. Here rows are dicts ``{attname: value}``; on PostgreSQL primary
keys are taken from the table's sequence up front (so callers can reference the new rows), every value is
prepared once (JSON encoded once, for the row and its history row alike) and both tables are filled with
``COPY``. The history rows are what simple_history's helper writes: type ``+``, with the user, reason and
date of the ``Stamp``. Other databases (SQLite in development and tests) build instances and use
``bulk_create_with_history``.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.db.models import ForeignObjectRel
from psycopg import sql
from simple_history.utils import bulk_create_with_history

from opengov.core import freshness
from opengov.core.queries import model_field

BATCH = 1000


@dataclass(frozen=True)
class Stamp:
    """Who, why and when, for the history rows of an import."""

    user: Any
    reason: str
    date: Any


def use_copy() -> bool:
    return connection.vendor == "postgresql"


def _allocate_pks(model: type[models.Model], count: int) -> list[int]:
    pk = model._meta.pk
    with connection.cursor() as cursor:
        # The sequence is looked up once: as an argument of nextval() it would be looked up for every row.
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, pk.column])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
        return [value for (value,) in cursor.fetchall()]


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """``COPY table (columns) FROM STDIN`` with psycopg's row writer (PostgreSQL only)."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    # COPY bypasses Django's execute wrappers: say so to the shared caches (pages that read this table).
    freshness.tables_changed([table], using=connection.alias)


def _column(field: models.Field[Any, Any] | ForeignObjectRel) -> str:
    """The column of a concrete field (the stubs allow None, for fields without one, which are not concrete)."""
    assert isinstance(field, models.Field) and field.column is not None, f"{field} has no column"
    return field.column


def _defaults(fields: list[models.Field[Any, Any]], date: Any) -> list[Any]:
    """The value of each field when a row does not give it; auto_now dates take the stamp's date."""
    defaults = []
    for field in fields:
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
            defaults.append(date)
        else:
            default = field.get_default()
            defaults.append(default.value if isinstance(default, enum.Enum) else default)
    return defaults


def _encode_json(prepared: list[list[Any]], fields: Sequence[models.Field[Any, Any]]) -> None:
    """COPY's text format takes JSON as text: encode the JSON fields' values in place (``fields`` lines up
    with each row's values), with the field's encoder as JSONField would, once per row."""
    json_at = [(i, f.encoder) for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    for values in prepared:
        for i, encoder in json_at:
            if values[i] is not None:
                values[i] = json.dumps(values[i], cls=encoder)


def insert_rows(model: type[models.Model], rows: Sequence[dict[str, Any]], stamp: Stamp | None) -> list[Any]:
    """Insert ``rows`` ({attname: value}; a missing field takes its default; no enum members) and, given a
    ``stamp``, one ``+`` history row each. Returns the primary keys, in the order of ``rows`` (on PostgreSQL,
    none for rows without history and without given keys)."""
    if not rows:
        return []
    history = stamp is not None and getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    if not use_copy():
        objs = [model(**row) for row in rows]
        if stamp is not None and history:
            bulk_create_with_history(
                objs,
                model,
                batch_size=BATCH,
                default_user=stamp.user,
                default_change_reason=stamp.reason,
                default_date=stamp.date,
            )
        else:
            model._default_manager.bulk_create(objs, batch_size=5 * BATCH)
        return [obj.pk for obj in objs]
    pk = model._meta.pk
    fields = list(model._meta.concrete_fields)
    pks: list[Any] = []
    if not isinstance(pk, models.AutoField) or pk.attname in rows[0]:
        pks = [row[pk.attname] for row in rows]
    elif history:
        pks = _allocate_pks(model, len(rows))
        rows = [{**row, pk.attname: value} for row, value in zip(rows, pks, strict=True)]
    else:
        fields.remove(pk)  # nobody needs the keys (tag rows): the column's default numbers them
    spec = list(zip([f.attname for f in fields], _defaults(fields, stamp.date if stamp else None), strict=True))
    prepared = [[row.get(attname, default) for attname, default in spec] for row in rows]
    _encode_json(prepared, fields)
    copy_rows(model._meta.db_table, [_column(f) for f in fields], prepared)
    if stamp is not None and history:
        _history_of_new_rows(model, pks, stamp)
    return pks


def _history_of_new_rows(model: type[models.Model], pks: list[Any], stamp: Stamp) -> None:
    """The ``+`` history rows of rows just inserted, copied from them in the database (no second pass over
    the values, no second parse of their JSON)."""
    historical = model.history.model  # type: ignore[attr-defined]  # simple-history adds .history to what it tracks
    opts = historical._meta
    tracked = [
        (_column(opts.get_field(f.name)), _column(model._meta.get_field(f.name))) for f in historical.tracked_fields
    ]
    stamps = ["history_date", "history_change_reason", "history_type", "history_user"]
    statement = sql.SQL("INSERT INTO {} ({}) SELECT {}, %s, %s, %s, %s FROM {} WHERE {} = ANY(%s)").format(
        sql.Identifier(opts.db_table),
        sql.SQL(", ").join(
            sql.Identifier(c) for c in [h for h, _ in tracked] + [_column(opts.get_field(n)) for n in stamps]
        ),
        sql.SQL(", ").join(sql.Identifier(c) for _, c in tracked),
        sql.Identifier(model._meta.db_table),
        sql.Identifier(_column(model._meta.pk)),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            statement.as_string(cursor.connection),
            [stamp.date, stamp.reason, "+", getattr(stamp.user, "pk", None), list(pks)],
        )


def insert_instances(model: type[models.Model], objs: Sequence[models.Model], stamp: Stamp | None) -> None:
    """``insert_rows`` for a few unsaved instances (plans, reports): their primary keys are set."""
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]

    def value(obj: models.Model, field: models.Field[Any, Any]) -> Any:
        found = getattr(obj, field.attname)
        return found.value if isinstance(found, enum.Enum) else found

    pks = insert_rows(model, [{f.attname: value(obj, f) for f in fields} for obj in objs], stamp)
    for obj, key in zip(objs, pks, strict=True):
        setattr(obj, pk.attname, key)
        obj._state.adding = False
        obj._state.db = connection.alias


def update_columns(model: type[models.Model], rows: Sequence[dict[str, Any]], fields: Sequence[str]) -> None:
    """Set ``fields`` of existing rows (dicts with the primary key and those fields), without history: for
    bookkeeping columns. On PostgreSQL one ``COPY`` into a temporary table and one ``UPDATE ... FROM`` (Django's
    bulk_update writes a CASE per column and row: 60 s for 100,000 rows); elsewhere bulk_update."""
    if not rows:
        return
    pk = model._meta.pk
    if not use_copy():
        objs = []
        for row in rows:
            obj = model(**{pk.attname: row[pk.attname]})
            for name in fields:
                setattr(obj, name, row[name])
            objs.append(obj)
        model._default_manager.bulk_update(objs, list(fields), batch_size=BATCH)
        return
    opts = model._meta
    columns = [_column(pk)] + [_column(opts.get_field(name)) for name in fields]
    prepared = [[row[pk.attname]] + [row[name] for name in fields] for row in rows]
    _encode_json(prepared, [pk, *(model_field(model, name) for name in fields)])
    temporary_name = f"_update_{opts.db_table}"
    temporary = sql.Identifier(temporary_name)
    table = sql.Identifier(opts.db_table)
    listed = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("CREATE TEMPORARY TABLE {} AS SELECT {} FROM {} WITH NO DATA")
            .format(temporary, listed, table)
            .as_string(cursor.connection)
        )
        copy_rows(temporary_name, columns, prepared)
        assignments = sql.SQL(", ").join(
            sql.SQL("{} = u.{}").format(sql.Identifier(c), sql.Identifier(c)) for c in columns[1:]
        )
        cursor.execute(
            sql.SQL("UPDATE {} AS t SET {} FROM {} AS u WHERE t.{} = u.{}")
            .format(table, assignments, temporary, sql.Identifier(_column(pk)), sql.Identifier(_column(pk)))
            .as_string(cursor.connection)
        )
        cursor.execute(sql.SQL("DROP TABLE {}").format(temporary).as_string(cursor.connection))
