"""The events' part on member, action plan and commitment pages (core/panels.py): a member's upcoming and recent
events, the events that discussed a plan or a commitment. Two queries per panel whatever the numbers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from opengov.core import panels

from .models import Event

SHOWN = 8


def _panel(request: HttpRequest, events: Any, heading_id: str, more_url: str = "") -> str:
    total = events.count()
    if not total:
        return ""
    rows = list(events.for_list().order_by("-starts_at")[:SHOWN])
    context = {"events": rows, "total": total, "heading_id": heading_id, "more_url": more_url}
    return render_to_string("events/includes/panel.html", context, request=request)


@panels.register("members.Member", order=50)
def member_events(request: HttpRequest, member: Any) -> str:
    more = f"{reverse('events:list')}?country={member.country}" if member.country and not member.is_local else ""
    return _panel(request, Event.objects.public().filter(member=member), f"events-{member.pk}", more)


@panels.register("plans.ActionPlan", order=50)
def plan_events(request: HttpRequest, plan: Any) -> str:
    return _panel(request, Event.objects.public().filter(action_plans=plan), f"plan-events-{plan.pk}")


@panels.register("plans.Commitment", order=50)
def commitment_events(request: HttpRequest, commitment: Any) -> str:
    return _panel(request, Event.objects.public().filter(commitments=commitment), f"commitment-events-{commitment.pk}")
