"""What the IRM shows on pages of apps below it (core.panels): an action plan's IRM reports."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from opengov.accounts.predicates import is_irm_staff, roles_of
from opengov.core import panels

from .models import Assignment, Report


@panels.register("plans.ActionPlan", order=30)
def plan_reports(request: HttpRequest, plan: Any) -> str:
    """The plan's IRM reports the reader may see, and for a signed-in non-staff reader not yet declared on the
    plan, where to declare conflicts of interest to research it (two queries at most)."""
    user = request.user
    reports = list(Report.objects.visible_to(user).filter(action_plan=plan).order_by("product"))
    may_declare = bool(
        user.is_authenticated
        and not is_irm_staff(user)
        and plan.pk not in roles_of(user).researcher_plans
        and not Assignment.objects.filter(researcher=user, action_plan=plan, ended_at=None).exists()
    )
    context = {"plan": plan, "reports": reports, "may_declare": may_declare}
    return render_to_string("irm/includes/plan_reports.html", context, request=request)
