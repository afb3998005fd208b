"""What the IRM shows (core/blocks.py): on the home page, the draft reports open for public comment; on "My work",
where IRM staff, researchers and the Support Unit act."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from opengov.accounts.predicates import is_irm_staff, is_support_unit, roles_of
from opengov.core import blocks, freshness

from .models import Assignment, Finding, FindingStatus, Report
from .workflow import ReportState

HOME_REPORTS = 4


def open_for_comment(request: HttpRequest) -> dict[str, Any]:
    """Draft reports open for public comment whose comment period has not closed, closing soonest first. Cached per
    day and rebuilt after any write to what it read."""
    today = timezone.localdate()

    def compute() -> dict[str, Any]:
        reports = (
            Report.objects.filter(state=ReportState.PUBLIC_COMMENT)
            .exclude(comment_closes_on__lt=today)
            .for_list()
            .order_by("comment_closes_on", "pk")
        )
        return {"rows": list(reports[:HOME_REPORTS]), "total": reports.count()}

    return {"home_irm": freshness.remember(f"irm:home:{today}", compute, 3600)}


def my_irm_work(request: HttpRequest) -> dict[str, Any]:
    """Counts of what waits for the user in the IRM workspace or dashboard (at most four queries)."""
    user = request.user
    staff, support = is_irm_staff(user), is_support_unit(user)
    researcher_plans = roles_of(user).researcher_plans
    declared = Assignment.objects.filter(researcher_id=user.pk, ended_at=None).exists()
    if not (staff or support or researcher_plans or declared):
        return {"irm_work": None}
    work: dict[str, Any] = {
        "staff": staff,
        "dashboard": staff or support,
        "workspace": staff or researcher_plans or declared,
    }
    if staff:
        work["declarations"] = Assignment.objects.filter(
            declared_at__isnull=False, assigned_at=None, ended_at=None
        ).count()
        work["overdue"] = Report.objects.overdue(timezone.localdate()).count()
    if researcher_plans:
        work["reports"] = (
            Report.objects.visible_to(user)
            .filter(action_plan_id__in=researcher_plans)
            .exclude(state="published")
            .count()
        )
    if support:
        work["findings"] = Finding.objects.filter(status=FindingStatus.RECORDED).count()
    return {"irm_work": work}


def register() -> None:
    blocks.register_section(blocks.HOME, "irm/includes/home.html", open_for_comment, order=35)
    blocks.register_section(blocks.MY_WORK, "irm/includes/my_work.html", my_irm_work, order=40)
