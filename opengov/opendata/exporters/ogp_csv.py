"""Write OGP's commitments database back: the same 171 columns in the same order, UTF-8, CRLF, minimal
quoting (as OGP's export). Rows are read in chunks and written as they come (constant memory).

Where a cell comes from: the platform's models for everything they hold (member, plan, commitment,
tags); the OGP record for the null codes and the dates as given; the numeric twins are recomputed from
their label; the other IRM and helper columns are written as imported (docs/opendata.md). A commitment
created on the platform (no OGP record) gets ``NR`` (not reviewed) in the IRM columns and OGP's defaults
in the helper columns.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter
from typing import IO, Any

from django.db.models import QuerySet

from opengov.members.models import LOCAL_KINDS
from opengov.plans.models import Commitment, PolicyArea

from .. import columns as C
from ..importers.ogp_rows import KIND_LABELS, PLAN_ID, REGION_LABELS, shorten
from ..parsing import format_date

CHUNK = 2000
# Cells of a commitment that was never imported (no OGP record): what OGP writes for an unreviewed one.
DEFAULT_CELLS: dict[str, str] = dict.fromkeys(C.IRM_COLUMNS + C.RULE_TWINS, "NR")
DEFAULT_CELLS.update(dict.fromkeys(C.DERIVED_FLAG_COLUMNS, "0"))
DEFAULT_CELLS.update(dict.fromkeys(C.DERIVED_OTHER, ""))
DEFAULT_CELLS.update({"Commitment Dummy": "1", "Not reviewed": "1", "Active Commitment": "1"})


VALUE_FIELDS = {
    "ogp_id": "ogp_id",
    **{name: name for name in C.COMMITMENT_TEXT_FIELDS.values()},
    **{name: name for name in C.DATE_COLUMNS.values()},
    **{name: name for name in C.VALUE_FIELDS.values()},
    "plan_id": "action_plan__ogp_id",
    "plan_number": "action_plan__number",
    "start_year": "action_plan__start_year",
    "end_year": "action_plan__end_year",
    "duration_years": "action_plan__duration_years",
    "member_name": "action_plan__member__name",
    "member_kind": "action_plan__member__kind",
    "member_iso3": "action_plan__member__iso3",
    "member_region": "action_plan__member__region",
    "parent_name": "action_plan__member__parent__name",
    "has_record": "ogp_record__commitment_id",
    "start_date_given": "ogp_record__start_date_given",
    "start_date_precision": "start_date_precision",
    "end_date_given": "ogp_record__end_date_given",
    "end_date_precision": "end_date_precision",
    "null_codes": "ogp_record__null_codes",
    "cells": "ogp_record__cells",
}


def commitments_for_export() -> QuerySet[Commitment]:
    return Commitment.objects.all()


def row_for(v: dict[str, Any], tags: set[str]) -> list[str]:
    """One CSV row from a commitment's values (read with values(), not model instances: 100,000 rows)."""
    record = v["has_record"] is not None
    null_codes: dict[str, str] = v["null_codes"] or {}
    cells: dict[str, str] = v["cells"] if record else DEFAULT_CELLS
    local = v["member_kind"] in LOCAL_KINDS
    match = PLAN_ID.match(v["plan_id"])
    out: dict[str, Any] = {
        C.ID: v["ogp_id"],
        "Country/Locality": f"{v['member_name']}, {v['parent_name']}"
        if local and v["parent_name"]
        else v["member_name"],
        "Code": (match[1] if match else "") if local else v["member_iso3"],
        "Region": REGION_LABELS.get(v["member_region"], v["member_region"]),
        "National Or Local": KIND_LABELS.get(v["member_kind"], v["member_kind"]),
        "Action Plan Number": v["plan_number"],
        "Year Of Submission": v["start_year"],
        "Action Plan End Year": v["end_year"],
        "Action Plan Duration (Years)": v["duration_years"],
        C.PLAN_ID: v["plan_id"],
    }
    for column, name in C.COMMITMENT_TEXT_FIELDS.items():
        value = v[name]
        full = cells.get(column) if record else None
        if full is not None and value and shorten(full, len(value)) == value:
            value = full  # the whole text of a field the platform holds shortened (importers/ogp_csv.py)
        out[column] = value or null_codes.get(column, "NA")
    for column, name, given_key, precision_key in _DATES:
        given = v[given_key] if record else None
        out[column] = _format_date(v[name], v[precision_key], given)
    for column, name in C.VALUE_FIELDS.items():
        out[column] = "1" if v[name] else null_codes.get(column, "0")
    if null_codes:
        for column in C.TAG_COLUMNS:
            out[column] = "1" if column in tags else null_codes.get(column, "0")
    else:
        out.update(_NO_TAGS)
        for column in tags:
            out[column] = "1"
    get = cells.get
    for column, default in _DEFAULT_RECORD_CELLS:
        out[column] = get(column, default)
    for twin, (label, codes) in C.TWIN_CODES.items():
        value = out[label].strip()
        out[twin] = codes.get(value, value)  # a null code stays the same null code; a stray label is copied
    return [value if value.__class__ is str else str(value) for value in _in_order(out)]


_DATES = tuple(
    (column, name, f"{name.removesuffix('_date')}_date_given", f"{name.removesuffix('_date')}_date_precision")
    for column, name in C.DATE_COLUMNS.items()
)
_NO_TAGS = dict.fromkeys(C.TAG_COLUMNS, "0")
_DEFAULT_RECORD_CELLS = tuple((column, DEFAULT_CELLS[column]) for column in C.RECORD_CELL_COLUMNS)
_in_order = itemgetter(*C.COLUMNS)


@lru_cache(maxsize=65536)
def _format_date(value: Any, precision: str, given: str | None) -> str:
    # A large database repeats the same few hundred dates: format (and re-parse the given text) once each.
    return format_date(value, precision, given)


def iter_rows(queryset: QuerySet[Commitment] | None = None) -> Iterator[list[str]]:
    """Header, then one row per commitment, read in keyset-paginated chunks of CHUNK (constant memory)."""
    yield list(C.COLUMNS)
    base = (queryset if queryset is not None else commitments_for_export()).order_by("ogp_id")
    labels = dict(PolicyArea.objects.values_list("pk", "label"))
    through = Commitment.policy_areas.through
    last = ""
    while True:
        chunk = list(base.filter(ogp_id__gt=last).values_list("pk", *VALUE_FIELDS.values())[:CHUNK])
        if not chunk:
            return
        tags: dict[int, set[str]] = {}
        # The chunk's tags by its id range (two parameters, not 2,000); tags of commitments in the range but
        # outside the queryset are read and not used.
        in_range = through.objects.filter(commitment__ogp_id__gt=last, commitment__ogp_id__lte=chunk[-1][1])
        for commitment_id, area_id in in_range.values_list("commitment_id", "policyarea_id"):
            tags.setdefault(commitment_id, set()).add(labels[area_id])
        keys = list(VALUE_FIELDS)
        for row in chunk:
            yield row_for(dict(zip(keys, row[1:], strict=True)), tags.get(row[0], set()))
        last = chunk[-1][1]


class _Line:
    """A file-like object that hands back what csv.writer writes (for streaming one line at a time)."""

    def write(self, value: str) -> str:
        return value


def iter_csv_lines(queryset: QuerySet[Commitment] | None = None) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    for row in iter_rows(queryset):
        yield writer.writerow(row)


def export_ogp_csv(out: IO[str], queryset: QuerySet[Commitment] | None = None) -> int:
    """Write the database to ``out`` (opened with newline=""); return the number of commitments."""
    count = -1
    for count, line in enumerate(iter_csv_lines(queryset)):  # noqa: B007 - count is the result
        out.write(line)
    return count
