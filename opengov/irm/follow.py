"""IRM reports can be followed once public; opening one for comment and publishing it are news."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from opengov.core.followables import ChangeKind, Trigger, followable, kind, trigger

from .models import Report
from .workflow import PUBLIC_STATES, ReportState

followable(Report, public=lambda: Report.objects.filter(state__in=PUBLIC_STATES))

kind(ChangeKind("irm_comment_open", _("An IRM report is open for public comment"), "immediate"))
kind(ChangeKind("irm_published", _("An IRM report is published"), "immediate"))


def _moved_to(state: str) -> Callable[[Report, bool, dict[str, Any]], bool]:
    return lambda report, created, old: report.state == state and (created or old.get("state") != state)


trigger(
    Trigger(
        Report,
        "irm_comment_open",
        fields=("state",),
        when=_moved_to(ReportState.PUBLIC_COMMENT),
        targets=lambda r: [r, r.action_plan, r.action_plan.member],
        summary=lambda r: str(_("Open for public comment: %(report)s") % {"report": r.name}),
    )
)
trigger(
    Trigger(
        Report,
        "irm_published",
        fields=("state",),
        when=_moved_to(ReportState.PUBLISHED),
        targets=lambda r: [r, r.action_plan, r.action_plan.member],
        summary=lambda r: str(_("Published: %(report)s") % {"report": r.name}),
    )
)
