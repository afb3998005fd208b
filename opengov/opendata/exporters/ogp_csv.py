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
from typing import IO, Any

from django.db.models import QuerySet

from opengov.members.models import LOCAL_KINDS
from opengov.plans.models import Commitment

from .. import columns as C
from ..importers.ogp_csv import KIND_LABELS, PLAN_ID, REGION_LABELS, shorten
from ..parsing import format_date

CHUNK = 2000
# Cells of a commitment that was never imported (no OGP record): what OGP writes for an unreviewed one.
DEFAULT_CELLS: dict[str, str] = dict.fromkeys(C.IRM_COLUMNS + C.RULE_TWINS, "NR")
DEFAULT_CELLS.update(dict.fromkeys(C.DERIVED_FLAG_COLUMNS, "0"))
DEFAULT_CELLS.update(dict.fromkeys(C.DERIVED_OTHER, ""))
DEFAULT_CELLS.update({"Commitment Dummy": "1", "Not reviewed": "1", "Active Commitment": "1"})


def commitments_for_export() -> QuerySet[Commitment]:
    return (
        Commitment.objects.select_related("action_plan__member__parent", "ogp_record")
        .prefetch_related("policy_areas")
        .order_by("ogp_id")
    )


def row_for(commitment: Commitment) -> list[str]:
    plan = commitment.action_plan
    member = plan.member
    record = getattr(commitment, "ogp_record", None)
    null_codes: dict[str, str] = record.null_codes if record else {}
    cells: dict[str, str] = record.cells if record else DEFAULT_CELLS
    tags = {area.label for area in commitment.policy_areas.all()}
    local = member.kind in LOCAL_KINDS
    match = PLAN_ID.match(plan.ogp_id)
    out: dict[str, Any] = {
        C.ID: commitment.ogp_id,
        "Country/Locality": f"{member.name}, {member.parent.name}" if local and member.parent else member.name,
        "Code": (match[1] if match else "") if local else member.iso3,
        "Region": REGION_LABELS.get(member.region, member.region),
        "National Or Local": KIND_LABELS.get(member.kind, member.kind),
        "Action Plan Number": plan.number,
        "Year Of Submission": plan.start_year,
        "Action Plan End Year": plan.end_year,
        "Action Plan Duration (Years)": plan.duration_years,
        C.PLAN_ID: plan.ogp_id,
    }
    for column, name in C.COMMITMENT_TEXT_FIELDS.items():
        value = getattr(commitment, name)
        full = cells.get(column) if record else None
        if full is not None and value and shorten(full, len(value)) == value:
            value = full  # the whole text of a field the platform holds shortened (importers/ogp_csv.py)
        out[column] = value or null_codes.get(column, "NA")
    for column, name in C.DATE_COLUMNS.items():
        prefix = name.removesuffix("_date")
        given = getattr(record, f"{prefix}_date_given") if record else None
        precision = getattr(record, f"{prefix}_date_precision") if record else "day"
        out[column] = format_date(getattr(commitment, name), precision, given)
    for column, name in C.VALUE_FIELDS.items():
        out[column] = "1" if getattr(commitment, name) else null_codes.get(column, "0")
    for column in C.TAG_COLUMNS:
        out[column] = "1" if column in tags else null_codes.get(column, "0")
    for column in C.RECORD_CELL_COLUMNS:
        out[column] = cells.get(column, DEFAULT_CELLS[column])
    for twin, (label, codes) in C.TWIN_CODES.items():
        value = out[label].strip()
        out[twin] = codes.get(value, value)  # a null code stays the same null code; a stray label is copied
    return [str(out[column]) for column in C.COLUMNS]


def iter_rows(queryset: QuerySet[Commitment] | None = None) -> Iterator[list[str]]:
    yield list(C.COLUMNS)
    for commitment in (queryset if queryset is not None else commitments_for_export()).iterator(chunk_size=CHUNK):
        yield row_for(commitment)


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
