"""Consultations can be followed (opening and closing are news); contributors follow their own contribution
and hear of the government's response."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from opengov.core.followables import (
    AutoFollow,
    ChangeKind,
    News,
    Trigger,
    auto_follow,
    followable,
    kind,
    scheduled,
    trigger,
)

from .models import Consultation, Contribution, Response, Visibility

followable(Consultation, public=lambda: Consultation.objects.select_related("action_plan__member"))
followable(Contribution, public=lambda: Contribution.objects.filter(visibility=Visibility.VISIBLE))

kind(ChangeKind("consultation_open", _("A consultation opens"), "immediate"))
kind(ChangeKind("consultation_closed", _("A consultation closes")))
kind(ChangeKind("response", _("The government responds to a contribution"), "immediate"))

auto_follow(AutoFollow(Contribution, user=lambda c: c.author))

trigger(
    Trigger(
        Response,
        "response",
        when=lambda response, created, old: created,
        targets=lambda r: [r.contribution, r.contribution.consultation],
        summary=lambda r: str(
            _("Response to “%(contribution)s”: %(outcome)s")
            % {"contribution": r.contribution, "outcome": r.get_outcome_display()}
        ),
        url=lambda r: r.contribution.get_absolute_url(),
    )
)


@scheduled
def opening_and_closing(today: datetime.date) -> Iterator[News]:
    """Consultations that opened or closed in the last week (a missed daily run still reports them once)."""
    week = today - datetime.timedelta(days=7)
    for c in Consultation.objects.filter(opens_on__range=(week, today)).select_related("action_plan__member"):
        yield News(
            "consultation_open",
            c,
            [c, c.action_plan, c.action_plan.member],
            str(_("Consultation open: %(title)s") % {"title": c.title}),
            f"consultation_open:{c.pk}",
        )
    for c in Consultation.objects.filter(closes_on__range=(week, today - datetime.timedelta(days=1))).select_related(
        "action_plan__member"
    ):
        yield News(
            "consultation_closed",
            c,
            [c, c.action_plan],
            str(_("Consultation closed: %(title)s") % {"title": c.title}),
            f"consultation_closed:{c.pk}",
        )
