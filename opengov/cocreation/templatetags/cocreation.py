"""``{% load cocreation %}``: the commitment's story (proposal -> response -> commitment -> milestones ->
assessments) and the tone of a standards status."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import timeline
from ..models import MonitoringNote, Response, Visibility

register = template.Library()

_TONES = {"met": "ok", "not_met": "bad", "not_assessed": "neutral"}


@register.filter
def status_tone(value: object) -> str:
    return _TONES.get(str(value), "neutral")


def _day(value: datetime.date | None) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def published_assessments(commitment: Any) -> list[Any]:
    """Extension point: the IRM's published assessments of the commitment (opengov.irm), if that app has them."""
    if not apps.is_installed("opengov.irm"):
        return []
    assessment = apps.get_model("irm", "Assessment")
    return list(assessment.objects.published().filter(commitment=commitment).select_related("report"))


def commitment_events(commitment: Any) -> list[dict[str, Any]]:
    """The commitment's story as dated events: its origin first, then milestones and assessments by date.

    Two queries (responses with their contributions; published assessments); milestones come from the
    commitment page's prefetch.
    """
    events: list[dict[str, Any]] = []
    responses = Response.objects.filter(commitment=commitment).select_related(
        "contribution__consultation", "contribution__author", "contribution__organisation"
    )
    for response in responses:
        c = response.contribution
        if c.visibility == Visibility.VISIBLE:
            events.append({"kind": "proposal", "date": _day(c.created_at), "contribution": c})
        events.append({"kind": "response", "date": _day(response.responded_at), "response": response})
    # The commitment's own entry is dated by the response that created it, if any (no history query).
    created = next((_day(r.responded_at) for r in responses if r.contribution.kind == "proposal"), None)
    events.append({"kind": "commitment", "date": created})
    for milestone in commitment.milestones.all():
        events.append({"kind": "milestone", "date": milestone.end_date or milestone.start_date, "milestone": milestone})
    for assessment in published_assessments(commitment):
        events.append({"kind": "assessment", "date": assessment.report.published_on, "assessment": assessment})
    events.extend(timeline.linked_entries(commitment))
    far = datetime.date.max
    order = {"proposal": 0, "response": 1, "commitment": 2, "milestone": 3, "assessment": 4, "linked": 5}
    events.sort(key=lambda e: (order[e["kind"]], e["date"] or far))
    return events


@register.inclusion_tag("cocreation/story.html", takes_context=True)
def commitment_story(context: template.Context, commitment: Any) -> dict[str, Any]:
    """Where the commitment came from and what happened to it; with civil society's monitoring notes."""
    user = context.get("user")
    notes = MonitoringNote.objects.filter(commitment=commitment).select_related("organisation")
    return {
        "commitment": commitment,
        "events": commitment_events(commitment),
        "notes": [n for n in notes if n.visibility == Visibility.VISIBLE],
        "can_add_note": bool(user and user.has_perm("cocreation.add_monitoring_note", commitment)),
        "assessments_label": _("IRM assessment"),
        "user": user,
    }
