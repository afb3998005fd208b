"""Cells that a spreadsheet would run as formulas, made inert in every CSV and XLSX the platform writes.

OWASP's CSV injection guidance: a cell that begins with ``=``, ``+``, ``-`` or ``@`` (also after leading
spaces, tabs or line breaks, which spreadsheets skip), or with a tab or carriage return, is written with a
single quote in front, so Excel, LibreOffice and Google Sheets show it as text instead of evaluating
``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0``. Only text is touched, and a cell that is exactly a number
(``-1``, ``+3.5``, OGP's IRM scores) is not a formula and stays a number for the researcher's spreadsheet.

The prefix must not corrupt data that comes back: the OGP commitments CSV is exported, edited and imported
again. So a value that already starts with a quote followed by something that would be prefixed gets a quote
too, which makes ``neutralise`` one-to-one, and ``restore`` (the importers) removes exactly the one quote it
added: ``restore(neutralise(text)) == text`` for every text (tested with Hypothesis). A cell OGP wrote as
``- Ministry of ...`` leaves as ``'- Ministry of ...`` and comes back as it was.

Everything that writes CSV goes through ``SafeWriter`` (or ``neutralise_row``), XLSX through ``xlsx_row``;
JSON is not a spreadsheet format and is written as it is. Files read back go through ``restore_row``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import Any

PREFIX = "'"
# A cell needs the prefix when, after optional blanks, it starts with a formula trigger, or when it starts
# with a tab or carriage return (OWASP), unless it is exactly a number; or when it is a quote followed by
# something needing the prefix (so that the prefix can be told from a quote that was there).
_TRIGGER = re.compile(r"'*(?:[ \t\r\n]*[=+\-@]|[\t\r])")
_NUMBER = re.compile(r"'*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Quick test for a whole row joined by NUL, with a NUL in front (no cell contains NUL: the importers refuse binary
# data). The pattern starts with a literal, which the regular-expression engine scans for quickly.
_ROW_TRIGGER = re.compile(r"\x00'*(?:[ \t\r\n]*[=+\-@]|[\t\r])")


def needs_prefix(text: str, start: int = 0) -> bool:
    return _TRIGGER.match(text, start) is not None and _NUMBER.fullmatch(text, start) is None


def neutralise(value: Any) -> Any:
    """``value`` with the prefix when a spreadsheet would read it as a formula; other values unchanged."""
    if value.__class__ is str and needs_prefix(value):
        return PREFIX + value
    return value


def restore(text: str) -> str:
    """The inverse of ``neutralise`` for a cell read back from one of the platform's files."""
    if text[:1] == PREFIX and needs_prefix(text, 1):
        return text[1:]
    return text


def neutralise_row(row: list[Any]) -> list[Any]:
    """A row of cells ready for a CSV or XLSX writer. One regular-expression pass over the joined row
    decides whether any cell needs looking at (almost never), so a 100,000-row export pays next to nothing."""
    try:
        joined = "\x00" + "\x00".join(row)
    except TypeError:  # numbers or None among the cells
        return [neutralise(value) for value in row]
    if _ROW_TRIGGER.search(joined) is None:
        return row
    return [neutralise(value) for value in row]


# A CSV cell starts at the start of the text or of a line, after a comma, or after its opening double quote.
_CELL_WITH_PREFIX = re.compile(r"(?:^|[,\n\"])'", re.MULTILINE)


def could_hold_prefix(text: str) -> bool:
    """Whether a CSV file's text may hold a neutralised cell at all (importers skip ``restore_row`` when not);
    a false "yes" only costs a pass over the cells."""
    return _CELL_WITH_PREFIX.search(text) is not None


def restore_row(cells: list[str]) -> list[str]:
    return [restore(cell) if cell[:1] == PREFIX else cell for cell in cells]


def xlsx_row(sheet: Any, row: Iterable[Any]) -> list[Any]:
    """Cells for openpyxl's write-only ``sheet.append``: text as explicit string cells, neutralised.

    openpyxl turns any string starting with ``=`` into a formula; an explicit string cell never is one.
    The prefix is kept too, so the XLSX and the CSV read the same and a cell re-entered in Excel stays text.
    """
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for value in row:
        if value.__class__ is str:
            cell = WriteOnlyCell(sheet, value=None)
            cell.value = neutralise(value)
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells


class SafeWriter:
    """``csv.writer`` whose rows pass through ``neutralise_row``: use it for every CSV the platform writes."""

    def __init__(self, out: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(neutralise_row(list(row)))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)

    def writedicts(self, fields: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> None:
        """A header line, then each mapping's values in the order of ``fields`` (what csv.DictWriter does)."""
        names = list(fields)
        self.writerow(names)
        for row in rows:
            self.writerow([row.get(name, "") for name in names])
