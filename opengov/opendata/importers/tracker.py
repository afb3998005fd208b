"""Import a government's progress tracker (the shape of the United States' NAP5 tracker, DOMAIN.md 4.2).

One record per sub-commitment: ``commitment_id`` (OGP id, e.g. US0113), ``commitment_theme_name``,
``commitment_detail_sub_id`` (US0113.1: the commitment's milestone 1), ``commitment_detail`` (the
milestone's text), ``commitment_agency`` (responsible), ``commitment_status`` (Complete / In Progress /
Not Started), ``progress_date`` (YYYY-MM-DD or M/D/YYYY), ``progress_text`` and ``evidence_links``
(URLs separated by spaces, commas or semicolons).

Mapping: each sub-commitment is a milestone of the commitment (found or created by position), whose
status follows the tracker; each dated progress text is a progress update on that milestone (completion
Complete / Limited / Not Started) with its evidence links. Same safety rules as the OGP import: the
permission is checked once (``opendata.import_tracker`` for the member: its government or the Support
Unit), every row is checked before anything is written, a rejected row blocks the import unless
``skip_bad_rows``, everything is written in one transaction with history (user, reason "import FILE"),
and a second import of the same file finds every row unchanged.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import IO, Any, TypedDict

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from opengov.core.permissions import require
from opengov.members.models import Member
from opengov.plans.models import (
    Commitment,
    CompletionLevel,
    EvidenceLink,
    Milestone,
    MilestoneStatus,
    ProgressUpdate,
)

from ..parsing import Precision, parse_date
from .base import ImportReport, Issue, Progress, read_rows, read_text, system_user

COLUMNS = (
    "commitment_id",
    "commitment_detail_sub_id",
    "commitment_detail",
    "commitment_agency",
    "commitment_status",
    "progress_date",
    "progress_text",
    "evidence_links",
)
STATUSES = {
    "Complete": (MilestoneStatus.COMPLETE, CompletionLevel.COMPLETE),
    "In Progress": (MilestoneStatus.IN_PROGRESS, CompletionLevel.LIMITED),
    "Not Started": (MilestoneStatus.NOT_STARTED, CompletionLevel.NOT_STARTED),
}
_url = URLValidator()


class TrackerRow(TypedDict):
    """One checked record of the tracker: a sub-commitment and, if dated, its progress."""

    line: int
    commitment_id: str
    sub_id: str
    position: int
    title: str
    responsible: str
    status: str
    reported_on: datetime.date | None
    text: str
    links: list[str]


def import_tracker(
    user: Any,
    member: Member,
    source: str | Path | IO[bytes] | bytes,
    *,
    filename: str = "",
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
    limit: int | None = None,
) -> ImportReport:
    from .ogp_csv import SYSTEM

    if user is SYSTEM:
        user = system_user()
    else:
        require(user, "opendata.import_tracker", member)
    filename = filename or (Path(source).name if isinstance(source, str | Path) else "tracker.csv")
    reason = f"import {filename}"
    report = ImportReport(filename, dry_run=dry_run)
    header, records = read_rows(read_text(source, limit), COLUMNS)
    index = {column: header.index(column) for column in COLUMNS}
    parsed: list[TrackerRow] = []
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        row, issues = _parse(line, cells, index, len(header))
        report.issues.extend(issues)
        if row is None:
            report.rows.rejected += 1
        else:
            parsed.append(row)
    ids = {row["commitment_id"] for row in parsed}
    commitments = {
        c.ogp_id: c
        for c in Commitment.objects.filter(ogp_id__in=ids, action_plan__member=member).select_related(
            "action_plan__member"
        )
    }
    kept = []
    for row in parsed:
        if row["commitment_id"] not in commitments:
            report.issues.append(
                Issue(
                    row["line"],
                    "commitment_id",
                    row["commitment_id"],
                    f"no commitment with this id in {member.name}'s plans",
                    key=row["sub_id"],
                )
            )
            report.rows.rejected += 1
        else:
            kept.append(row)
    write = not dry_run and (skip_bad_rows or not report.errors)
    report.applied = write
    with transaction.atomic():
        for done, row in enumerate(kept, start=1):
            status = _apply(row, commitments[row["commitment_id"]], user, reason, report, write)
            setattr(report.rows, status, getattr(report.rows, status) + 1)
            if progress:
                progress(done, len(kept))
    return report


def _parse(line: int, cells: list[str], index: dict[str, int], width: int) -> tuple[TrackerRow | None, list[Issue]]:
    if len(cells) != width:
        return None, [Issue(line, "", "", f"has {len(cells)} cells, the header has {width}")]

    def get(column: str) -> str:
        return cells[index[column]].strip()

    sub_id = get("commitment_detail_sub_id")
    issues: list[Issue] = []

    def error(column: str, reason: str) -> None:
        issues.append(Issue(line, column, get(column), reason, "error", sub_id))

    commitment_id = get("commitment_id")
    match = re.fullmatch(r"([A-Z]{2,3}[0-9]{4})\.([0-9]{1,3})", sub_id)
    if not match or match[1] != commitment_id:
        error("commitment_detail_sub_id", f"expected the commitment id, a dot and a number (e.g. {commitment_id}.1)")
    if get("commitment_status") not in STATUSES:
        error("commitment_status", f"expected one of {', '.join(STATUSES)}")
    date = get("progress_date")
    reported_on = None
    if date:
        iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date)
        parsed = parse_date(f"{int(iso[2])}/{int(iso[3])}/{iso[1]}" if iso else date)
        if parsed.precision != Precision.DAY:
            error("progress_date", "expected a day (YYYY-MM-DD or M/D/YYYY)")
        reported_on = parsed.value
    elif get("progress_text"):
        error("progress_date", "a progress text needs its date")
    links = [link for link in re.split(r"[\s,;]+", get("evidence_links")) if link]
    for link in links:
        try:
            _url(link)
        except ValidationError:
            error("evidence_links", f"not a web address: {link}")
    if not get("commitment_detail"):
        error("commitment_detail", "the sub-commitment needs its text")
    if issues:
        return None, issues
    assert match  # noqa: S101 - checked above
    return {
        "line": line,
        "commitment_id": commitment_id,
        "sub_id": sub_id,
        "position": int(match[2]),
        "title": get("commitment_detail")[:500],
        "responsible": get("commitment_agency")[:300],
        "status": get("commitment_status"),
        "reported_on": reported_on,
        "text": get("progress_text"),
        "links": links,
    }, []


def _apply(row: TrackerRow, commitment: Commitment, user: Any, reason: str, report: ImportReport, write: bool) -> str:
    milestone_status, completion = STATUSES[row["status"]]
    wanted = {"title": row["title"], "responsible": row["responsible"], "status": milestone_status}
    milestone = commitment.milestones.filter(position=row["position"]).first()
    result = "unchanged"
    counts = report.entity("milestones")
    if milestone is None:
        milestone = Milestone(commitment=commitment, position=row["position"], **wanted)
        counts.created += 1
        result = "created"
        if write:
            _save(milestone, user, reason)
    else:
        changed = [name for name, value in wanted.items() if getattr(milestone, name) != value]
        if changed:
            for name in changed:
                setattr(milestone, name, wanted[name])
            milestone.version += 1
            counts.updated += 1
            result = "updated"
            if write:
                _save(milestone, user, reason, [*changed, "version"])
        else:
            counts.unchanged += 1
    if row["text"]:
        reported_on = row["reported_on"]
        assert reported_on is not None  # _parse refuses a progress text without its date
        updates = report.entity("progress updates")
        exists = (
            milestone.pk
            and ProgressUpdate.objects.filter(milestone=milestone, reported_on=reported_on, text=row["text"]).exists()
        )
        if exists:
            updates.unchanged += 1
        else:
            updates.created += 1
            result = "updated" if result == "unchanged" else result
            if write:
                update = ProgressUpdate(
                    commitment=commitment,
                    milestone=milestone,
                    reported_on=reported_on,
                    completion=completion,
                    text=row["text"],
                    author=user,
                )
                _save(update, user, reason)
                for link in row["links"]:
                    _save(EvidenceLink(progress_update=update, url=link, title=row["sub_id"]), user, reason)
    return result


def _save(instance: Any, user: Any, reason: str, fields: list[str] | None = None) -> None:
    instance.full_clean()
    instance._history_user = user
    instance._change_reason = reason
    instance.save(update_fields=fields)
