"""Import of third-party country-year indicators (a CSV), all or nothing, with every error located.

Format: a header row with ``country`` and ``year`` columns, then one column per indicator. A country is
matched against members by ISO 3 code, ISO 2 code, OGP code or name (case-insensitive). Empty cells are
skipped (no value, never a zero). Any error anywhere rejects the whole file, and every error is reported
with its row, column and reason so the file can be fixed in one go.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from opengov.members.models import Member

from .models import ThirdPartyDataset, ThirdPartyValue

COUNTRY, YEAR = "country", "year"
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_ERRORS = 200


@dataclass(frozen=True)
class RowError:
    row: int  # line number in the file (the header is line 1)
    column: str
    reason: str

    def __str__(self) -> str:
        return _("Line %(row)s, column “%(column)s”: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


class ThirdPartyImportError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def _member_index() -> dict[str, Member]:
    index: dict[str, Member] = {}
    for member in Member.objects.all():
        for key in (member.iso3, str(member.country or ""), member.ogp_code, member.name):
            if key:
                index.setdefault(key.strip().casefold(), member)
    return index


def _number(text: str) -> float | None:
    """A number written with a dot for decimals ("12.5"); a comma is refused rather than guessed at."""
    try:
        value = float(text.replace(" ", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse(text: str) -> tuple[list[tuple[Member, str, int, float]], list[RowError]]:
    """(member, indicator, year, value) tuples, and the errors found; nothing is written."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in next(reader, [])]
    lowered = [h.casefold() for h in header]
    errors: list[RowError] = []
    if COUNTRY not in lowered or YEAR not in lowered:
        return [], [RowError(1, ", ".join(header), _("The header needs a “country” and a “year” column."))]
    c_col, y_col = lowered.index(COUNTRY), lowered.index(YEAR)
    indicator_cols = [(i, name) for i, name in enumerate(header) if i not in (c_col, y_col)]
    if not indicator_cols:
        return [], [RowError(1, "", _("Add at least one indicator column after country and year."))]
    for i, name in indicator_cols:
        if not name:
            errors.append(RowError(1, f"#{i + 1}", _("This column has no name.")))
    members = _member_index()
    values = []
    seen: dict[tuple[int, str, int], int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            errors.append(
                RowError(line, "", _("Expected %(n)s cells, found %(m)s.") % {"n": len(header), "m": len(cells)})
            )
            continue
        country = cells[c_col].strip()
        member = members.get(country.casefold())
        if member is None:
            errors.append(RowError(line, header[c_col], _("Unknown country “%(value)s”.") % {"value": country}))
        year_text = cells[y_col].strip()
        year = int(year_text) if year_text.isdigit() else None
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            errors.append(
                RowError(
                    line,
                    header[y_col],
                    _("“%(value)s” is not a year between %(min)s and %(max)s.")
                    % {"value": year_text, "min": MIN_YEAR, "max": MAX_YEAR},
                )
            )
        for i, name in indicator_cols:
            text = cells[i].strip()
            if not text:
                continue
            number = _number(text)
            if number is None:
                errors.append(
                    RowError(
                        line,
                        name,
                        _("“%(value)s” is not a number (write decimals with a dot, e.g. 12.5).") % {"value": text},
                    )
                )
                continue
            if member is not None and year is not None:
                key = (member.pk, name, year)
                if key in seen:
                    errors.append(
                        RowError(
                            line, name, _("Same country, year and indicator as line %(line)s.") % {"line": seen[key]}
                        )
                    )
                    continue
                seen[key] = line
                values.append((member, name, year, number))
        if len(errors) >= MAX_ERRORS:
            break
    return values, errors


def import_csv(
    text: str, *, source: str, licence: str, source_url: str = "", user: Any = None, file_name: str = ""
) -> ThirdPartyDataset:
    """Write a dataset and its values, or raise ThirdPartyImportError and write nothing."""
    values, errors = parse(text)
    if not errors and not values:
        errors = [RowError(2, "", _("The file has no values."))]
    if errors:
        raise ThirdPartyImportError(errors)
    with transaction.atomic():
        dataset = ThirdPartyDataset.objects.create(
            source=source, licence=licence, source_url=source_url, imported_by=user, file_name=file_name[:300]
        )
        ThirdPartyValue.objects.bulk_create(
            ThirdPartyValue(dataset=dataset, member=member, indicator=name[:200], year=year, value=value)
            for member, name, year, value in values
        )
    return dataset
