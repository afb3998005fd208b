"""Who may do what with IRM work. Governments read IRM work and never change it.

Researchers act only on the action plans the IRM assigned to them (accounts role IRM_RESEARCHER scoped to
the plan, granted by irm.actions.assign_researcher), and only in the report states that let researchers
edit (irm/workflow.py). IRM staff review, move reports through the workflow and assign researchers. The
Support Unit confirms procedural-review findings and sends letters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from opengov.accounts.predicates import is_irm_staff, is_support_unit, roles_of

from .workflow import rules_for

if TYPE_CHECKING:
    from .models import Report


def report_of(obj: Any) -> Report | None:
    """The report an object belongs to (a report, an assessment, a comment)."""
    if obj is None:
        return None
    if hasattr(obj, "product"):
        report: Report = obj  # only a report has a product
        return report
    own: Report | None = getattr(obj, "report", None)
    return own


def plan_id_of(obj: Any) -> int | None:
    """The action plan an object concerns (a plan, a report, an assessment, an assignment)."""
    if obj is None:
        return None
    if hasattr(obj, "phase"):  # an action plan
        plan_id: int = obj.pk
        return plan_id
    report = report_of(obj)
    if report is not None:
        return report.action_plan_id
    own: int | None = getattr(obj, "action_plan_id", None)  # an assignment's or a finding's
    return own


@rules.predicate
def is_assigned_researcher(user: Any, obj: Any) -> bool:
    plan_id = plan_id_of(obj)
    return plan_id is not None and plan_id in roles_of(user).researcher_plans


def state_allows(flag: str) -> rules.Predicate:
    @rules.predicate(name=f"report_state_allows_{flag}")
    def predicate(user: Any, obj: Any) -> bool:
        report = report_of(obj)
        return report is not None and getattr(rules_for(report.state), flag)

    allows: rules.Predicate = predicate  # what the untyped @rules.predicate makes
    return allows


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


may_edit_assessments = (is_assigned_researcher & state_allows("researcher_edits")) | (
    is_irm_staff & state_allows("staff_edits")
)

rules.add_perm("irm.declare_interests", is_signed_in)  # obj: the action plan
rules.add_perm("irm.assign_researcher", is_irm_staff)  # obj: the assignment (grants the researcher role)
rules.add_perm("irm.add_report", is_irm_staff)  # obj: the action plan
rules.add_perm("irm.change_report", is_irm_staff)  # summary, document, dates
rules.add_perm("irm.move_report", is_irm_staff)  # legality of the transition: irm.workflow
rules.add_perm("irm.view_report", state_allows("public") | is_irm_staff | is_assigned_researcher)
rules.add_perm("irm.add_assessment", may_edit_assessments)  # obj: the report
rules.add_perm("irm.change_assessment", may_edit_assessments)
# The report's process indicators (public influence, participation, forum) are the researchers' findings too.
rules.add_perm("irm.assess_process", may_edit_assessments)  # obj: the report
rules.add_perm("irm.comment_report", is_signed_in & state_allows("accepts_comments"))
rules.add_perm("irm.run_procedural_review", is_irm_staff | is_support_unit)
rules.add_perm("irm.confirm_finding", is_support_unit)
rules.add_perm("irm.send_letter", is_support_unit)
rules.add_perm("irm.view_dashboard", is_irm_staff | is_support_unit)
rules.add_perm("irm.view_assignments", is_irm_staff | is_assigned_researcher)
