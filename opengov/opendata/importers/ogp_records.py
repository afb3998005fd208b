"""What the OGP import writes beside the commitments (their OGP records with the bookkeeping of the unchanged-row
shortcut), and existing rows read as snapshots to compare with the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model, QuerySet
from simple_history.utils import bulk_update_with_history

from ..models import CommitmentRecord
from . import unchanged
from .base import (
    Issue,
)
from .fast import Stamp, insert_rows, update_columns
from .ogp_rows import RECORD_FIELDS, Row

BATCH = 1000
_M = TypeVar("_M", bound=Model)


BOOKKEEPING = ("row_hash", "synced_state", "row_warnings")


class Records:
    """The OGP records of the rows read in full: compared with the commitments, written after the
    assessments with the bookkeeping of the unchanged-row shortcut (importers/unchanged.py)."""

    def __init__(self) -> None:
        self.new: list[Row] = []
        self.changed: list[tuple[Row, Snapshot[CommitmentRecord]]] = []
        self.same: list[tuple[Row, Snapshot[CommitmentRecord]]] = []

    def compared(self, row: Row, record: Snapshot[CommitmentRecord] | None, differs: bool) -> None:
        if record is None:
            self.new.append(row)
        elif differs:
            self.changed.append((row, record))
        else:
            self.same.append((row, record))

    def write(self, rows: list[Row], issues: list[Issue], stamp: Stamp, history: dict[str, Any]) -> None:
        states = unchanged.states_of(row.plan_pk for row in rows if row.plan_pk is not None)
        warnings = unchanged.warnings_of(issues)

        def bookkeeping(row: Row) -> dict[str, Any]:
            assert row.commitment_pk is not None  # every row written here was matched or inserted
            return {
                "row_hash": row.digest,
                "synced_state": states[row.commitment_pk],
                "row_warnings": warnings.get(row.line, []),
            }

        insert_rows(
            CommitmentRecord,
            [{"commitment_id": row.commitment_pk, **row.record, **bookkeeping(row)} for row in self.new],
            stamp,
        )
        changed = []
        for row, snapshot in self.changed:
            record = snapshot.instance()
            for name, value in {**row.record, **bookkeeping(row)}.items():
                setattr(record, name, value)
            changed.append(record)
        if changed:
            bulk_update_with_history(
                changed, CommitmentRecord, [*RECORD_FIELDS, *BOOKKEEPING], batch_size=BATCH, **history
            )
        stale = []
        for row, snapshot in self.same:
            wanted = bookkeeping(row)
            if any(getattr(snapshot, name) != value for name, value in wanted.items()):
                stale.append({"commitment_id": row.commitment_pk, **wanted})
        # Bookkeeping only (the record says the same): no history row.
        update_columns(CommitmentRecord, stale, BOOKKEEPING)


class Snapshot(Generic[_M]):
    """A row read with values(): compared field by field like an instance, turned into one when it changed."""

    if TYPE_CHECKING:
        # The row's values are attributes, set in __init__ from the model's column names.
        def __getattr__(self, name: str) -> Any: ...

    def __init__(self, model: type[_M], attnames: list[str], values: tuple[Any, ...]) -> None:
        self.__dict__.update(zip(attnames, values, strict=True))
        self._model, self._attnames, self._values = model, attnames, values
        self.pk = self.__dict__[model._meta.pk.attname]

    @classmethod
    def read(cls, model: type[_M], queryset: QuerySet[_M]) -> Iterable[Snapshot[_M]]:
        attnames = [f.attname for f in model._meta.concrete_fields]
        for values in queryset.values_list(*attnames):
            yield cls(model, attnames, values)

    def instance(self) -> _M:
        return self._model.from_db(DEFAULT_DB_ALIAS, self._attnames, list(self._values))


def chunks(items: list[Row], size: int) -> Iterable[list[Row]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
