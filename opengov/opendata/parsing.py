"""Cell parsers for OGP's commitments database: null codes, 0/1 flags, and the messy dates.

OGP's null codes mean different things and stay distinct (DOMAIN.md 4.3): ``NA`` not applicable, ``ND``
indicator not defined for that report model, ``NR`` not (yet) reviewed by the IRM, and the empty cell.
None of them is ever read as 0.

Dates (``Start Date``, ``End Date``) come in every format people typed: ``M/D/YYYY``, ``MM/DD/YYYY``,
``D/M/YYYY`` (when the first number cannot be a month), ``M/D/YY``, ``July 2014``, ``Quarter 1 2014``,
``Spring 2015``, ``2014``, a spreadsheet's serial number (``44439``: 31 August 2021, with a warning), a null
code, or free text (``Underway``). The rule: a parsed date is the first
day of what was given, with its ``precision`` (day, month, quarter, season, year) and the text as given,
so nothing is invented and the export can write the same text back (see ``format_date``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

NULL_CODES = ("NA", "ND", "NR", "")

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
MONTH_NAMES = {number: name.capitalize() for name, number in MONTHS.items()}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
SEASON_NAMES = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}


class Precision:
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"
    TEXT = "text"  # not a date: kept as given, no date value
    NONE = ""  # a null code

    CHOICES = (
        (DAY, "day"),
        (MONTH, "month"),
        (QUARTER, "quarter"),
        (SEASON, "season"),
        (YEAR, "year"),
        (TEXT, "text, not a date"),
        (NONE, "not given (null code)"),
    )


def null_code(cell: str) -> str | None:
    """The null code the cell holds (``NA``, ``ND``, ``NR`` or ``""``), or None when it holds a value."""
    stripped = cell.strip()
    return stripped if stripped in NULL_CODES else None


@dataclass(frozen=True)
class Flag:
    """A 0/1 cell: ``value`` True/False, or None with the null ``code``; ``stray`` when it is neither."""

    value: bool | None
    code: str | None = None
    stray: bool = False


def parse_flag(cell: str) -> Flag:
    known = _FLAGS.get(cell)  # a 100,000-row file has millions of flag cells, nearly all of these six
    if known is not None:
        return known
    stripped = cell.strip()
    if stripped == "1":
        return Flag(True)
    if stripped == "0":
        return Flag(False)
    code = null_code(cell)
    if code is not None:
        return Flag(None, code)
    return Flag(None, None, stray=True)


_FLAGS = {"1": Flag(True), "0": Flag(False), **{code: Flag(None, code) for code in NULL_CODES}}


@dataclass(frozen=True)
class ParsedDate:
    value: datetime.date | None
    precision: str
    given: str
    note: str = ""  # why the reading needs a second look (day-first, implausible year)


_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_QUARTER = re.compile(r"^(?:Quarter|Q)\s*([1-4])\s+(\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
# A date a spreadsheet wrote as its serial number (days since 30 December 1899, Excel and LibreOffice alike):
# five digits, between 1 January 2000 (36526) and 31 December 2100 (73415).
_SERIAL = re.compile(r"^(\d{5})$")
SERIAL_EPOCH = datetime.date(1899, 12, 30)
SERIAL_RANGE = range(36526, 73416)
# OGP's plans start in 2011; earlier years in the data are spreadsheet artefacts (e.g. 7/15/1905).
PLAUSIBLE_YEARS = range(2000, 2101)


def parse_date(cell: str) -> ParsedDate:
    text = cell.strip()
    code = null_code(cell)
    if code is not None:
        return ParsedDate(None, Precision.NONE, cell)
    parsed = _parse(text)
    if parsed is None:
        return ParsedDate(None, Precision.TEXT, cell, "not a date; kept as text")
    value, precision, note = parsed
    if value.year not in PLAUSIBLE_YEARS:
        note = (note + "; " if note else "") + f"implausible year {value.year}"
    return ParsedDate(value, precision, cell, note)


def _parse(text: str) -> tuple[datetime.date, str, str] | None:
    try:
        if match := _SLASHED.match(text):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            if len(match[3]) == 2:
                year += 2000
            if first > 12 >= second:
                return datetime.date(year, second, first), Precision.DAY, "read day-first (D/M/YYYY)"
            return datetime.date(year, first, second), Precision.DAY, ""
        if match := _MONTH_YEAR.match(text):
            word, year = match[1].lower(), int(match[2])
            if word in MONTHS:
                return datetime.date(year, MONTHS[word], 1), Precision.MONTH, ""
            if word in SEASONS:
                return datetime.date(year, SEASONS[word], 1), Precision.SEASON, ""
            return None
        if match := _QUARTER.match(text):
            quarter, year = int(match[1]), int(match[2])
            return datetime.date(year, 3 * quarter - 2, 1), Precision.QUARTER, ""
        if match := _YEAR.match(text):
            return datetime.date(int(match[1]), 1, 1), Precision.YEAR, ""
        if (match := _SERIAL.match(text)) and int(match[1]) in SERIAL_RANGE:
            value = SERIAL_EPOCH + datetime.timedelta(days=int(match[1]))
            return value, Precision.DAY, f"a spreadsheet serial number, read as {value.isoformat()}"
    except ValueError:  # 2/30/2014, month 13 both ways, year 0
        return None
    return None


def format_date(value: datetime.date | None, precision: str, given: str | None = None) -> str:
    """The cell to export: the text as given (``given``; None when the row was never imported) while it
    still means the stored date, else the date written at its precision in OGP's usual style (M/D/YYYY,
    "July 2014", "Quarter 1 2014", "Spring 2015", "2014"), and ``NA`` for no date."""
    if given is not None and parse_date(given).value == value:
        return given
    if value is None:
        return "NA"
    if precision == Precision.MONTH:
        return f"{MONTH_NAMES[value.month]} {value.year}"
    if precision == Precision.QUARTER:
        return f"Quarter {(value.month - 1) // 3 + 1} {value.year}"
    if precision == Precision.SEASON and value.month in SEASON_NAMES:
        return f"{SEASON_NAMES[value.month]} {value.year}"
    if precision == Precision.YEAR:
        return str(value.year)
    return f"{value.month}/{value.day}/{value.year}"
