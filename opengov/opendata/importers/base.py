"""What every importer shares: reading an uploaded CSV safely, the issue list, the report, the actor.

A file-level problem (not UTF-8, not CSV, empty, too large, missing columns) raises ``FileRejected`` before
anything is written. A row-level problem is an ``Issue`` with its line, column, value and reason: errors
reject the row (and, unless ``skip_bad_rows``, the whole import: nothing is written), warnings keep it.
"""

from __future__ import annotations

import csv
import gc
import io
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from opengov.core.formula_injection import SafeWriter, could_hold_prefix, restore_row

# Default upper bound of an uploaded or imported file; settings.OPENDATA_IMPORT_MAX_BYTES overrides it.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
SYSTEM_USER_EMAIL = "opendata-import@system.invalid"

Progress = Callable[[int, int], None]


def max_bytes() -> int:
    return int(getattr(settings, "OPENDATA_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


class FileRejected(Exception):
    """The file as a whole cannot be imported; nothing was written."""


@dataclass
class Issue:
    line: int | None
    column: str
    value: str
    reason: str
    severity: str = "error"  # "error" rejects the row, "warning" keeps it
    key: str = ""  # the row's natural key (commitment id), when known

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "key": self.key,
            "column": self.column,
            "value": self.value[:200],
            "severity": self.severity,
            "reason": self.reason,
        }


ISSUE_FIELDS = ("line", "key", "column", "value", "severity", "reason")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    held: int = 0  # rows changed on the platform since the file was produced, not overwritten (ogp_csv.py)

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "held": self.held,
        }

    def describe(self, written: bool) -> str:
        """ "3 created, 4 updated, ..." when written; "3 to create, 4 to update, ..." when nothing was."""
        created, updated = (
            (f"{self.created} created", f"{self.updated} updated")
            if written
            else (
                f"{self.created} to create",
                f"{self.updated} to update",
            )
        )
        held = f", {self.held} held back" if self.held else ""
        return f"{created}, {updated}, {self.unchanged} unchanged{held}"


@dataclass
class ImportReport:
    filename: str
    rows: Counts = field(default_factory=Counts)
    entities: dict[str, Counts] = field(default_factory=dict)  # "members", "action plans", ... -> counts
    issues: list[Issue] = field(default_factory=list)
    dry_run: bool = False
    applied: bool = False  # False: nothing was written (dry run, or bad rows without skip_bad_rows)
    failure: str = ""  # why nothing was written although the rows were fine (an edit during the import)

    def entity(self, name: str) -> Counts:
        return self.entities.setdefault(name, Counts())

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "warning"]

    @property
    def changed_anything(self) -> bool:
        return self.applied and (self.rows.created + self.rows.updated) > 0

    def counts_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows.as_dict(),
            **{name: counts.as_dict() for name, counts in self.entities.items()},
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }

    def summary(self) -> str:
        # Counts say "to create / to update" when nothing was written (dry run, rejected rows, a failure), so a
        # summary never claims a change that did not happen.
        r, written = self.rows, self.applied and not self.failure
        lines = [
            f"{self.filename}: {r.describe(written)}, {r.rejected} rejected rows; "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings."
        ]
        for name, c in self.entities.items():
            lines.append(f"  {name}: {c.describe(written)}")
        if self.failure:
            lines.append(f"Nothing was written: {self.failure}")
        elif self.dry_run:
            lines.append("Dry run: nothing was written.")
        elif not self.applied:
            lines.append("Nothing was written: fix the rejected rows or import with --skip-bad-rows.")
        elif not self.changed_anything:
            lines.append("Nothing changed: the data is already up to date.")
        return "\n".join(lines)

    def write_issues_csv(self, out: IO[str]) -> None:
        # The values quoted come from the uploaded file: formulas made inert (core/formula_injection.py).
        SafeWriter(out, lineterminator="\r\n").writedicts(ISSUE_FIELDS, (issue.as_dict() for issue in self.issues))


def read_text(source: str | Path | IO[bytes] | bytes, limit: int | None = None) -> str:
    """The file's text, or FileRejected with a reason a person can act on."""
    limit = max_bytes() if limit is None else limit
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise FileRejected(f"No such file: {path}")
        if path.stat().st_size > limit:
            raise FileRejected(f"The file is {path.stat().st_size:,} bytes; the limit is {limit:,} bytes.")
        data = path.read_bytes()
    else:
        data = source.read(limit + 1)
    if len(data) > limit:
        raise FileRejected(f"The file is larger than the limit of {limit:,} bytes.")
    if not data.strip():
        raise FileRejected("The file is empty.")
    if b"\x00" in data[:65536]:
        raise FileRejected("This is not a CSV file (it holds binary data; an Excel workbook? Save it as CSV UTF-8).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(
            f"The file is not UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}). Save it as CSV UTF-8."
        ) from exc


def read_rows(text: str, required: tuple[str, ...]) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and an iterator of (line number where the record starts, cells). Checks the header."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise FileRejected(f"This is not a CSV file: {exc}") from exc
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        raise FileRejected("The columns are separated by semicolons or tabs; this format uses commas.")
    missing = [column for column in required if column not in header]
    if len(header) < 2 or len(missing) == len(required):
        raise FileRejected(
            "This is not the expected CSV: none of the expected columns is in the first line "
            f"(expected e.g. {', '.join(required[:3])})."
        )
    if missing:
        raise FileRejected(f"Missing columns ({len(missing)}): {', '.join(missing)}.")
    duplicates = sorted({column for column in header if header.count(column) > 1})
    if duplicates:
        raise FileRejected(f"Columns appear twice: {', '.join(duplicates)}.")

    # Undo the quote the platform's exports put before formula-like cells (core/formula_injection.py); a
    # file with no cell starting with a quote (most) skips the pass.
    restoring = could_hold_prefix(text)

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = reader.line_num + 1
        try:
            for cells in reader:
                yield line, restore_row(cells) if restoring else cells
                line = reader.line_num + 1
        except csv.Error as exc:
            raise FileRejected(f"Line {line}: this is not valid CSV ({exc}).") from exc

    return header, rows()


def system_user() -> Any:
    """The account imports run as from the command line (history shows it); it cannot log in."""
    user_model = get_user_model()
    user = user_model.objects.filter(email=SYSTEM_USER_EMAIL).first()
    if user is None:
        user = user_model.objects.create_user(email=SYSTEM_USER_EMAIL, password=None, is_active=False)
        user.display_name = "Open data import (system)"
        user.save(update_fields=["display_name"])
    return user


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the length of a large import. The import keeps hundreds of thousands
    of row objects alive until it writes them, and every full collection walks them all: a third of the time
    of a 10,000-row import (5.2 s -> 3.6 s), more as files grow. The rows form no reference cycles, so
    reference counting frees them as before; the collector is switched back on (if it was on) at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def one_at_a_time(name: str) -> Iterator[None]:
    """Imports of one kind run one after the other: a second one waits until the first has finished, then
    reads what the first wrote (on PostgreSQL, a session advisory lock named after ``name``). Without it,
    two imports of the same file would both find a commitment new and the second would fail on its id, or
    would skip rows by what the database held before the first. SQLite, for development, serialises writers
    by itself (IMMEDIATE transactions)."""
    if connection.vendor != "postgresql":
        yield
        return
    key = zlib.crc32(name.encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
