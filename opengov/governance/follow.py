"""Governance bodies can be followed (loaded by the following app; see opengov/core/followables.py): a meeting
recorded and a decision taken are news for the followers of the body and of the body it is part of (a
subcommittee's decision reaches the Steering Committee's followers)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from opengov.core.followables import ChangeKind, Trigger, followable, kind, trigger

from .models import Body, Decision, Meeting

followable(Body, public=lambda: Body.objects.all())

kind(ChangeKind("governance_meeting", _("A governance body records a meeting")))
kind(ChangeKind("governance_decision", _("A governance body takes a decision"), "immediate"))


def _body_and_parent(body: Body) -> list[Any]:
    return [body, body.parent]


trigger(
    Trigger(
        Meeting,
        "governance_meeting",
        when=lambda meeting, created, old: created,
        targets=lambda meeting: _body_and_parent(meeting.body),
        summary=lambda meeting: str(_("%(body)s: %(meeting)s") % {"body": meeting.body, "meeting": meeting}),
    )
)
trigger(
    Trigger(
        Decision,
        "governance_decision",
        when=lambda decision, created, old: created,
        targets=lambda decision: _body_and_parent(decision.meeting.body),
        summary=lambda decision: str(
            _("Decision of %(body)s: %(decision)s") % {"body": decision.meeting.body, "decision": decision}
        ),
        url=lambda decision: decision.meeting.get_absolute_url(),
    )
)
