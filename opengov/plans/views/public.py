"""Public pages of action plans, commitments and policy areas."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from opengov.core import freshness
from opengov.core.queries import model_field

from ..models import VALUE_FIELD_NAMES, ActionPlan, Commitment, Milestone, MilestoneStatus, PolicyArea
from ..phases import Phase

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

PAGE_SIZE = 50

# What each phase means for a reader (the editing rules themselves live in plans/phases.py).
PHASE_MEANINGS: dict[str, StrPromise] = {
    Phase.CO_CREATION: _("Government and civil society are drafting the plan together; its content can still change."),
    Phase.SUBMITTED: _("The plan has been delivered to OGP; its commitments are fixed and under review."),
    Phase.IMPLEMENTATION: _("The government is carrying out the commitments and reporting progress with evidence."),
    Phase.ENDED: _("The implementation period is over; the record is closed apart from late evidence."),
}


def action_plan(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("member"), ogp_id=ogp_id)
    commitments = plan.commitments.for_public_list().order_by("ogp_id")
    context = {
        "plan": plan,
        "phase_meaning": PHASE_MEANINGS.get(plan.phase, ""),
        "commitments": commitments,
        "nav": "members",
    }
    return render(request, "plans/action_plan.html", context)


def commitment(request: HttpRequest, ogp_id: str) -> HttpResponse:
    item = get_object_or_404(Commitment.objects.for_public_page(), ogp_id=ogp_id)
    milestones = list(item.milestones.all())
    counted = [m for m in milestones if m.status != MilestoneStatus.WITHDRAWN]
    context = {
        "commitment": item,
        "milestones": milestones,
        "milestone_total": len(counted),
        "milestones_complete": sum(1 for m in counted if m.status == MilestoneStatus.COMPLETE),
        # All four OGP values, each said to apply or not (not only the claimed ones).
        "ogp_values": [(model_field(Commitment, name).verbose_name, getattr(item, name)) for name in VALUE_FIELD_NAMES],
        "policy_area_groups": _group_policy_areas(item.policy_areas.all()),
        "history": commitment_history(item),
        "nav": "members",
    }
    return render(request, "plans/commitment.html", context)


# Counting tags per area reads the whole tag table (three per commitment): the counts are kept in the cache and
# rebuilt after a write to a table they read (core.freshness).
AREA_COUNTS_CACHE_KEY = "plans:policy-area-counts:v1"
AREA_COUNTS_TIMEOUT = 5 * 60


def policy_area_counts() -> dict[str, dict[int, int]]:
    def compute() -> dict[str, dict[int, int]]:
        return {
            "direct": PolicyArea.objects.direct_commitment_counts(),
            "group": PolicyArea.objects.group_commitment_counts(),
        }

    return freshness.remember(AREA_COUNTS_CACHE_KEY, compute, AREA_COUNTS_TIMEOUT)


def policy_areas(request: HttpRequest) -> HttpResponse:
    counts = policy_area_counts()
    areas = list(PolicyArea.objects.order_by("position"))
    children: dict[int, list[PolicyArea]] = {}
    for area in areas:
        area.commitment_count = counts["direct"].get(area.pk, 0)  # type: ignore[attr-defined]  # for the template
        if area.parent_id:
            children.setdefault(area.parent_id, []).append(area)
    top = [a for a in areas if a.parent_id is None]
    for area in top:
        area.sub_areas = children.get(area.pk, [])  # type: ignore[attr-defined]  # for the template
        area.group_count = counts["group"].get(area.pk, 0)  # type: ignore[attr-defined]  # for the template
    context = {
        "groups": [a for a in top if children.get(a.pk)],
        "standalone": [a for a in top if not children.get(a.pk)],
    }
    return render(request, "plans/policy_areas.html", {**context, "nav": "policy-areas"})


def policy_area(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(PolicyArea.objects.select_related("parent"), slug=slug)
    direct_counts = policy_area_counts()["direct"]
    sub_areas = list(area.children.order_by("position"))
    for sub in sub_areas:
        sub.commitment_count = direct_counts.get(sub.pk, 0)  # type: ignore[attr-defined]  # for the template
    commitments = Commitment.objects.in_policy_area(area).for_public_rows().order_by("ogp_id")
    paginator = Paginator(commitments, PAGE_SIZE)
    # The same number as commitments.count(), counted on the tag table alone: several times cheaper.
    paginator.count = Commitment.objects.count_in_policy_area(area)
    page = paginator.get_page(request.GET.get("page"))
    context = {"area": area, "sub_areas": sub_areas, "page": page, "nav": "policy-areas"}
    return render(request, "plans/policy_area.html", context)


def _group_policy_areas(areas: Any) -> list[tuple[PolicyArea | None, list[PolicyArea]]]:
    """[(parent or None, [areas])]: a commitment's tags under their group, in taxonomy order."""
    groups: dict[int | None, list[PolicyArea]] = {}
    parents: dict[int | None, PolicyArea | None] = {None: None}
    for area in sorted(areas, key=lambda a: a.position):
        if area.parent_id is None:
            # A group tagged on its own is shown as its own heading.
            groups.setdefault(area.pk, [])
            parents[area.pk] = area
        else:
            groups.setdefault(area.parent_id, []).append(area)
            parents[area.parent_id] = area.parent
    return [(parents[key], items) for key, items in groups.items()]


# --- History ----------------------------------------------------------------------------------------

# Bookkeeping columns that say nothing to a reader.
_HISTORY_SKIP = {"id", "version", "commitment", "action_plan", "position"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: Any
    who: str
    subject: str
    kind: str  # "+" created, "~" changed, "-" deleted (simple-history's history_type)
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _display(model: type[models.Model], name: str, value: Any) -> str:
    """A stored value as a reader would say it: choice labels, yes/no, empty as a dash."""
    db_field = model_field(model, name)
    if value is None or value == "":
        return "—"
    if db_field.choices:
        return str(dict(db_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return str(value)


def _who(record: Any) -> str:
    user = record.history_user
    return str(user.public_name) if user is not None else str(_("System"))


def _entries_for(records: list[Any], model: type[models.Model], subject_of: Any) -> list[HistoryEntry]:
    """Turn an object's history rows (oldest first) into entries with field-level changes.

    ``diff_against`` compares two rows already in memory, so the whole history costs no query per row.
    Many-to-many tags are compared from the prefetched tag rows (see commitment_history).
    """
    entries = []
    previous = None
    for record in records:
        entry = HistoryEntry(
            date=record.history_date,
            who=_who(record),
            subject=subject_of(record),
            kind=record.history_type,
            reason=record.history_change_reason or "",
        )
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=[*_HISTORY_SKIP, "policy_areas"])
            for change in delta.changes:
                entry.changes.append(
                    FieldChange(
                        label=str(model_field(model, change.field).verbose_name),
                        old=_display(model, change.field, change.old),
                        new=_display(model, change.field, change.new),
                    )
                )
        entries.append(entry)
        previous = record
    return entries


def commitment_history(item: Commitment) -> list[HistoryEntry]:
    """Who changed what, when, from what: the commitment and its milestones, newest first (4 queries)."""
    records = list(item.history.select_related("history_user").order_by("history_date", "history_id"))
    # Each history row stores the tag set as it was then, in simple-history's tag-history table.
    tag_history = Commitment.history.model.policy_areas.model.objects.filter(history__in=records)
    tags_at: dict[int, set[int]] = {}
    for history_id, area_id in tag_history.values_list("history_id", "policyarea_id"):
        tags_at.setdefault(history_id, set()).add(area_id)
    area_labels = dict(PolicyArea.objects.values_list("pk", "label"))
    entries = _entries_for(records, Commitment, lambda r: str(_("Commitment")))
    # Tag changes: compare each row's tag set with the previous row's.
    for entry, record, previous in zip(entries[1:], records[1:], records[:-1], strict=True):
        old = tags_at.get(previous.history_id, set())
        new = tags_at.get(record.history_id, set())
        if old != new:
            entry.changes.append(
                FieldChange(
                    label=str(_("policy areas")),
                    old=", ".join(sorted(area_labels.get(pk, "?") for pk in old)) or "—",
                    new=", ".join(sorted(area_labels.get(pk, "?") for pk in new)) or "—",
                )
            )

    milestone_records = Milestone.history.filter(commitment_id=item.pk).select_related("history_user")
    by_milestone: dict[int, list[Any]] = {}
    for record in milestone_records.order_by("history_date", "history_id"):
        by_milestone.setdefault(record.id, []).append(record)
    for rows in by_milestone.values():
        entries.extend(_entries_for(rows, Milestone, lambda r: str(_("Milestone: %(title)s")) % {"title": r.title}))

    # Rows that changed nothing visible (a version bump only) are noise.
    entries = [e for e in entries if e.kind != "~" or e.changes or e.reason]
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries


urlpatterns = [
    path("action-plans/<str:ogp_id>/", action_plan, name="action-plan"),
    path("commitments/<str:ogp_id>/", commitment, name="commitment"),
    path("policy-areas/", policy_areas, name="policy-areas"),
    path("policy-areas/<slug:slug>/", policy_area, name="policy-area"),
]
