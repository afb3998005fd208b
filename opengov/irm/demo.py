"""Demo IRM work, so each IRM screen has something to show right after ``make run``:

- the demo researcher assigned to Albania's current plan (declared, then assigned by the demo IRM staff), with a
  draft Results Report of that plan to assess, and a declaration for Armenia's submitted plan awaiting
  confirmation by IRM staff;
- Kenya's Action Plan Review open for public comment, with comments;
- a procedural-review finding recorded for Armenia, waiting for the Support Unit to confirm it.

Everything is written through irm.actions, as the people would (idempotent: what exists is left alone).
"""

from __future__ import annotations

from typing import Any

from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, demo_user
from opengov.core.seeding import SeedLog
from opengov.plans.models import ActionPlan
from opengov.plans.phases import Phase

from . import actions
from .models import Assessment, Assignment, Finding, FindingKind, Product, Report, ReportComment
from .workflow import ReportState

COMMENTS = [
    ("participant", "The review reads the access-to-information commitment well, but the milestones on the "
     "beneficial ownership register have no dates: could the final report say whether they are verifiable?"),
    ("cso_rep", "Our forum met four times during co-creation, not twice: the minutes are in the member's "
     "repository. Please correct the description of the forum's meetings."),
]  # fmt: skip
FINDING_EVIDENCE = (
    "Demo finding: the Action Plan Review found that the government did not publish a reasoned response to the "
    "contributions received during co-creation (Standard 4)."
)


def _plan(code: str, phase: str) -> ActionPlan | None:
    return (
        ActionPlan.objects.filter(member__ogp_code=code, phase=phase)
        .select_related("member")
        .order_by("-start_year")
        .first()
    )


def _report(staff: Any, plan: ActionPlan, product: str, log: SeedLog) -> Report:
    report = Report.objects.filter(action_plan=plan, product=product).first()
    if report is None:
        report = actions.create_report(staff, plan, product)
        log.created("IRM reports")
    return report


def _assign(staff: Any, researcher: Any, plan: ActionPlan, confirm: bool, log: SeedLog) -> None:
    assignment = Assignment.objects.filter(researcher=researcher, action_plan=plan, ended_at=None).first()
    if assignment is None:
        assignment = actions.declare_interests(researcher, plan, "", no_conflict=True)
        log.created("IRM declarations")
    if confirm and assignment.assigned_at is None:
        actions.assign_researcher(staff, assignment)


def seed(log: SeedLog) -> None:
    staff, researcher = demo_user("irm_staff"), demo_user("irm_researcher")
    albania, armenia_next = _plan("AL", Phase.IMPLEMENTATION), _plan("AM", Phase.SUBMITTED)
    kenya, armenia_ended = _plan("KE", Phase.IMPLEMENTATION), _plan("AM", Phase.ENDED)
    if albania is not None:
        _assign(staff, researcher, albania, confirm=True, log=log)
        draft = _report(staff, albania, Product.RESULTS_REPORT, log)
        first = albania.commitments.order_by("ogp_id").first()
        if first is not None and not draft.assessments.exists():
            changes = {"verifiable": "yes", "relevant": "yes", "potential_for_results": "modest"}
            actions.save_assessment(researcher, draft, first, changes)
            log.created("IRM assessments")
    if armenia_next is not None:
        _assign(staff, researcher, armenia_next, confirm=False, log=log)
    if kenya is not None:
        review = _report(staff, kenya, Product.ACTION_PLAN_REVIEW, log)
        if review.state == ReportState.DRAFT:
            actions.move_report(staff, review, ReportState.PUBLIC_COMMENT)
            review.refresh_from_db()
        if not review.comments.exists():
            for key, text in COMMENTS:
                actions.add_comment(demo_user(key), review, text)
                log.created("IRM comments")
    if armenia_ended is not None:
        kind = FindingKind.MINIMUM_REQUIREMENTS
        if not Finding.objects.filter(kind=kind, action_plan=armenia_ended).exists():
            actions.record_finding(demo_user("support_unit"), armenia_ended, kind, FINDING_EVIDENCE)
            log.created("procedural-review findings")


def _created_by_demo(model: Any) -> list[int]:
    """Ids of the rows of ``model`` whose creation a demo person recorded (their history says who)."""
    created = model.history.filter(history_type="+", history_user__email__endswith=DEMO_EMAIL_DOMAIN)
    return list(created.values_list("id", flat=True))


def reset() -> dict[str, int]:
    """Delete the IRM work ``seed`` created: rows written by the demo people (the sample's real reports stay)."""
    report_ids = _created_by_demo(Report)
    return {
        "procedural-review findings": Finding.objects.filter(pk__in=_created_by_demo(Finding)).delete()[0],
        "IRM comments": ReportComment.objects.filter(report_id__in=report_ids).delete()[0],
        "IRM assessments": Assessment.objects.filter(report_id__in=report_ids).delete()[0],
        "IRM reports": Report.objects.filter(pk__in=report_ids).delete()[0],
        "IRM declarations": Assignment.objects.filter(researcher__email__endswith=DEMO_EMAIL_DOMAIN).delete()[0],
    }
