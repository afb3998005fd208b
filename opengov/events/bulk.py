"""Bulk upload of events (national hubs and the Support Unit): a CSV or XLSX with one event per row, checked row by
row with the same form and rules as the web submission.

The report lists every problem as (row, column, value, reason). By default it is all or nothing: one bad row and
nothing is imported; "import the good rows" imports the rest. A dry run checks and imports nothing. A hub may
upload only events in the countries it moderates; only Support Unit uploads may be approved at once. Events are
written with ``bulk_create`` (history rows too), so 5,000 rows take seconds.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from opengov.accounts.predicates import is_support_unit, roles_of
from opengov.core import searchables
from opengov.members.models import Member, MemberKind

from . import caching
from .actions import build_event
from .choices import Decision, State
from .forms import EventForm
from .models import Edition, Event, ModerationDecision

# Template columns, in order, with what goes in them (the template's second sheet / the page explain them).
COLUMNS: dict[str, str] = {
    "title": "Title of the event",
    "description": "Description (Markdown allowed)",
    "organiser_name": "Organiser",
    "organiser_type": "government, civil_society, academia, private_sector, multilateral or other",
    "country": "ISO 3166 alpha-2 code, e.g. IT",
    "member": "OGP code of a local member (optional; the national member is linked otherwise)",
    "city": "City (needed for in-person and hybrid events)",
    "latitude": "Decimal degrees (optional)",
    "longitude": "Decimal degrees (optional)",
    "format": "in_person, online or hybrid",
    "online_url": "Link to join online (online and hybrid events)",
    "start": "Local start, YYYY-MM-DD HH:MM",
    "end": "Local end, YYYY-MM-DD HH:MM",
    "timezone": "IANA time zone, e.g. Europe/Rome",
    "languages": "Language codes separated by ';', e.g. it;en",
    "topics": "Topic codes separated by ';', e.g. civic_space;public_participation",
    "event_type": (
        "seminar, debate, hackathon, data_release, participatory_process, presentation, open_day, interview, "
        "plan_submission, workshop or other"
    ),
    "registration_url": "Registration link (optional)",
    "links": "OGP ids of action plans or commitments discussed, separated by ';' (optional)",
    "contact_email": "Private contact e-mail (never shown)",
}
REQUIRED = (
    "title",
    "description",
    "organiser_name",
    "organiser_type",
    "country",
    "format",
    "start",
    "end",
    "timezone",
    "topics",
    "event_type",
    "contact_email",
)
# Form field -> template column (the form splits date and time)
_FIELD_COLUMN = {"start_date": "start", "start_time": "start", "end_date": "end", "end_time": "end", "__all__": ""}
BATCH = 500
MAX_ROWS = 20000


class FileRejected(Exception):
    pass


@dataclass
class Report:
    total: int = 0
    good: int = 0
    imported: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)

    def add(self, row: int, column: str, value: Any, reason: str) -> None:
        self.problems.append(
            {"row": row, "column": column, "value": "" if value is None else str(value)[:200], "reason": reason}
        )


def read_rows(data: bytes, filename: str) -> tuple[list[str], Iterator[list[Any]]]:
    """(header, rows) from a CSV (UTF-8, comma or semicolon) or XLSX file; FileRejected when neither."""
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same answer to the user
            raise FileRejected(_("This is not a readable XLSX file.")) from exc
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(c or "").strip() for c in next(rows, [])]
        return header, ([("" if c is None else c) for c in row] for row in rows)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(_("Save the CSV file as UTF-8.")) from exc
    if "\x00" in text:
        raise FileRejected(_("This is not a CSV file."))
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):  # one column, or too regular to tell: plain commas
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    reader = csv.reader(io.StringIO(text), dialect)
    header = [c.strip() for c in next(reader, [])]
    return header, reader


def _cell_text(value: Any) -> str:
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d %H:%M"))
    return str(value).strip()


def _form_data(cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: v for k, v in cells.items() if k not in ("start", "end", "languages", "topics", "member")
    }
    for key in ("start", "end"):
        date, _sep, time = cells.get(key, "").partition(" ")
        data[f"{key}_date"], data[f"{key}_time"] = date, time or ""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in data.items():
        query[name] = value
    for key in ("languages", "topics"):
        query.setlist(key, [p.strip() for p in cells.get(key, "").replace(",", ";").split(";") if p.strip()])
    query["links"] = cells.get("links", "").replace(";", ",")
    return query


def check_and_import(
    user: Any,
    edition: Edition,
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    import_good_rows: bool = False,
    approve: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    if not user.has_perm("events.upload_events"):
        raise FileRejected(_("You do not have permission to upload events."))
    if approve and not user.has_perm("events.approve_upload"):
        raise FileRejected(_("Only Support Unit staff may approve uploaded events at once."))
    header, rows = read_rows(data, filename)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FileRejected(
            _("Columns missing from the first row: %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
    allowed = None if is_support_unit(user) else roles_of(user).moderated_countries
    members = {m.ogp_code.upper(): m for m in Member.objects.all()}
    national = {
        str(m.country): m for m in members.values() if m.kind in (MemberKind.NATIONAL, MemberKind.OTHER) and m.country
    }
    report = Report()
    built: list[tuple[Event, list[Any], list[Any]]] = []
    all_rows = list(rows)
    if len(all_rows) > MAX_ROWS:
        raise FileRejected(_("At most %(n)s rows per file, please split it.") % {"n": f"{MAX_ROWS:,}"})
    report.total = len([r for r in all_rows if any(str(c).strip() for c in r)])
    for index, raw in enumerate(all_rows, start=2):  # row 1 is the header
        if not any(str(c).strip() for c in raw):
            continue
        cells = {name: _cell_text(raw[i]) if i < len(raw) else "" for i, name in enumerate(header) if name in COLUMNS}
        event = _check_row(user, edition, index, cells, report, allowed, members, national)
        if event is not None:
            built.append(event)
        if progress and index % 250 == 0:
            progress(index - 1, report.total)
    report.good = len(built)
    if dry_run or (report.problems and not import_good_rows) or not built:
        return report
    with transaction.atomic():
        _write(user, built, approve)
    report.imported = len(built)
    caching.bump_version()
    if progress:
        progress(report.total, report.total)
    return report


class _SharedFields(dict[str, Any]):
    """Form fields that a new form takes as they are instead of deep-copying them (BaseForm copies its fields per
    instance so that one form may change its own; a row's form never does, and the copy of the long choice lists
    was a third of a row's time)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _SharedFields:
        return self


class _RowForm(EventForm):
    """The event form of one uploaded row (the same fields and checks as the web form)."""


_RowForm.base_fields = _SharedFields(EventForm.base_fields)


def _check_row(
    user: Any,
    edition: Edition,
    row: int,
    cells: dict[str, str],
    report: Report,
    allowed: set[str] | None,
    members: dict[str, Member],
    national: dict[str, Member],
) -> tuple[Event, list[Any], list[Any]] | None:
    country = cells.get("country", "").upper()
    cells["country"] = country
    before = len(report.problems)
    if allowed is not None and country and country not in allowed:
        report.add(
            row,
            "country",
            country,
            _("You moderate events in %(countries)s only.") % {"countries": ", ".join(sorted(allowed))},
        )
    member = None
    if cells.get("member"):
        member = members.get(cells["member"].upper())
        if member is None:
            report.add(row, "member", cells["member"], _("No OGP member has this code."))
    form = _RowForm(_form_data(cells))
    if not form.is_valid():
        for name, errors in form.errors.items():
            column = _FIELD_COLUMN.get(name, name)
            for error in errors:
                report.add(row, column, cells.get(column, ""), str(error))
        return None
    if len(report.problems) > before:
        return None
    fields = form.event_fields()
    fields["member"] = member or national.get(country)
    try:
        event = build_event(user, edition, fields, link_member=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for error in messages:
                report.add(row, _FIELD_COLUMN.get(name, name), cells.get(name, ""), str(error))
        return None
    return event, form.cleaned_data["action_plans"], form.cleaned_data["commitments"]


def _write(user: Any, built: list[tuple[Event, list[Any], list[Any]]], approve: bool) -> None:
    now = timezone.now()
    events = [event for event, _plans, _commitments in built]
    for event in events:
        event.set_region()
        if approve:
            event.state, event.approved_at = State.APPROVED, now
    created = bulk_create_with_history(
        events, Event, batch_size=BATCH, default_user=user, default_change_reason="bulk upload"
    )
    decisions = []
    plan_links, commitment_links = [], []
    for event, (_e, plans, commitments) in zip(created, built, strict=True):
        decisions.append(
            ModerationDecision(
                event=event, decision=Decision.SUBMITTED, reason=_("bulk upload"), decided_by=user, decided_at=now
            )
        )
        if approve:
            decisions.append(
                ModerationDecision(
                    event=event,
                    decision=Decision.APPROVED,
                    reason=_("approved on upload"),
                    decided_by=user,
                    decided_at=now,
                )
            )
        plan_links += [Event.action_plans.through(event_id=event.pk, actionplan_id=p.pk) for p in plans]
        commitment_links += [Event.commitments.through(event_id=event.pk, commitment_id=c.pk) for c in commitments]
    ModerationDecision.objects.bulk_create(decisions, batch_size=BATCH)
    Event.action_plans.through.objects.bulk_create(plan_links, batch_size=BATCH)
    Event.commitments.through.objects.bulk_create(commitment_links, batch_size=BATCH)
    # bulk_create sends no post_save: tell site-wide search, which indexes the approved ones after commit.
    searchables.bulk_written.send(sender=Event, pks=[event.pk for event in created])


def template_rows() -> list[list[str]]:
    """The template's header and one example row."""
    example = {
        "title": "Open data hackathon on public procurement",
        "description": "A day to build tools on the **procurement** data released this week.",
        "organiser_name": "Open Data Italia",
        "organiser_type": "civil_society",
        "country": "IT",
        "member": "",
        "city": "Rome",
        "latitude": "41.9028",
        "longitude": "12.4964",
        "format": "hybrid",
        "online_url": "https://meet.example.org/ogw",
        "start": "2026-05-18 10:00",
        "end": "2026-05-18 17:00",
        "timezone": "Europe/Rome",
        "languages": "it;en",
        "topics": "anti_corruption;digital_governance",
        "event_type": "hackathon",
        "registration_url": "https://example.org/register",
        "links": "",
        "contact_email": "organiser@example.org",
    }
    return [list(COLUMNS), [example[c] for c in COLUMNS]]
