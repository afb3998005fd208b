"""Demo IRM work, so each IRM screen has something to show right after ``make run``:

- the demo researcher assigned to Albania's current plan (declared, then assigned by the demo IRM staff), with a
  draft Results Report of that plan to assess, and a declaration for Armenia's submitted plan awaiting
  confirmation by IRM staff;
- Kenya's Action Plan Review open for public comment, with comments;
- a procedural-review finding recorded for Armenia, waiting for the Support Unit to confirm it;
- Sierra Leone's Action Plan Review, written and moved through public comment to publication by IRM staff on the
  dates it happened (the workflow's own dates), with an assessment of every commitment and the process findings;
  and its two consecutive procedural-review findings, confirmed by the Support Unit, with the letter it sent.

Everything is written through irm.actions, as the people would (idempotent: what exists is left alone).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, demo_user
from opengov.core.seeding import SeedLog
from opengov.plans.models import ActionPlan
from opengov.plans.phases import Phase

from . import actions
from .models import Assessment, Assignment, Finding, FindingKind, Letter, Product, Report, ReportComment
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
    sierra_leone = _plan("SL", Phase.IMPLEMENTATION)
    if sierra_leone is not None:
        _published_review(staff, sierra_leone, log)
        previous = ActionPlan.objects.filter(member=sierra_leone.member, number=sierra_leone.number - 1).first()
        _procedural_review(demo_user("support_unit"), [p for p in (previous, sierra_leone) if p], log)
    if armenia_ended is not None:
        kind = FindingKind.MINIMUM_REQUIREMENTS
        if not Finding.objects.filter(kind=kind, action_plan=armenia_ended).exists():
            actions.record_finding(demo_user("support_unit"), armenia_ended, kind, FINDING_EVIDENCE)
            log.created("procedural-review findings")


SIERRA_LEONE_SUMMARY = (
    "The plan's commitments address real problems in **fiscal openness** and **access to information**, but the "
    "multi-stakeholder forum did not meet during co-creation and the draft was not discussed with civil society "
    "before submission. The IRM recommends reviving the forum with a public calendar and a reasoned response to "
    "each proposal received."
)
SIERRA_LEONE_LETTER = (
    "Dear Minister,\n\nThe Independent Reporting Mechanism found that Sierra Leone did not meet the minimum "
    "requirements of the co-creation standards in two consecutive action-plan cycles. Under OGP's procedural "
    "review policy, Sierra Leone is placed under procedural review. The Support Unit stands ready to help the "
    "forum meet again and to plan the next co-creation process.\n\nThe OGP Support Unit"
)
# One verdict per commitment, in order: what an Action Plan Review says about a plan's design.
VERDICTS = [
    {"verifiable": "yes", "relevant": "yes", "potential_for_results": "substantial", "promising": "yes"},
    {"verifiable": "yes", "relevant": "yes", "potential_for_results": "modest", "promising": "no"},
    {"verifiable": "no"},
    {"verifiable": "yes", "relevant": "yes", "potential_for_results": "unclear", "promising": "no"},
]
NARRATIVE = (
    "The commitment is specific enough to verify. Its milestones name who does what by when; whether it changes "
    "government practice depends on publishing the data regularly, which the plan does not yet guarantee."
)


def _published_review(staff: Any, plan: ActionPlan, log: SeedLog) -> None:
    """An Action Plan Review taken through the whole workflow, on the dates it happened."""
    if Report.objects.filter(action_plan=plan, product=Product.ACTION_PLAN_REVIEW).exists():
        return
    today = timezone.localdate()
    report = actions.create_report(
        staff,
        plan,
        Product.ACTION_PLAN_REVIEW,
        {"summary": SIERRA_LEONE_SUMMARY, "document_url": "https://www.opengovpartnership.org/documents/"},
    )
    log.created("IRM reports")
    for index, commitment in enumerate(plan.commitments.order_by("ogp_id")):
        verdict = VERDICTS[index % len(VERDICTS)]
        narrative = NARRATIVE if verdict.get("verifiable") == "yes" else "The milestones have no measurable output."
        actions.save_assessment(staff, report, commitment, {**verdict, "narrative": narrative})
        log.created("IRM assessments")
    process = {"iap2_level_development": "inform", "participation_open": False, "forum_met_regularly": False}
    actions.assess_process(staff, report, process, report.version)
    for state, days_ago in (("public_comment", 75), ("final", 55), ("published", 45)):
        report.refresh_from_db()
        actions.move_report(staff, report, state, report.version, today=today - datetime.timedelta(days=days_ago))


def _procedural_review(support_unit: Any, plans: list[ActionPlan], log: SeedLog) -> None:
    """Two consecutive findings, confirmed, and the Support Unit's letter about them."""
    kind = FindingKind.MINIMUM_REQUIREMENTS
    if not plans or Finding.objects.filter(kind=kind, action_plan__in=plans).exists():
        return
    today = timezone.localdate()
    findings = []
    for plan, days_ago in zip(plans, (700, 40), strict=False):
        evidence = (
            f"Demo finding: the forum did not meet during the co-creation of {plan.name}, and the draft plan was "
            "not discussed with civil society before submission (Standards 1 and 4)."
        )
        finding = actions.record_finding(
            support_unit, plan, kind, evidence, found_on=today - datetime.timedelta(days=days_ago)
        )
        findings.append(actions.confirm_finding(support_unit, finding, finding.version))
        log.created("procedural-review findings")
    member = plans[0].member
    actions.send_letter(support_unit, member, f"{member.name}: procedural review", SIERRA_LEONE_LETTER, findings, today)
    log.created("procedural-review letters")


def _created_by_demo(model: Any) -> list[int]:
    """Ids of the rows of ``model`` whose creation a demo person recorded (their history says who)."""
    created = model.history.filter(history_type="+", history_user__email__endswith=DEMO_EMAIL_DOMAIN)
    return list(created.values_list("id", flat=True))


def reset() -> dict[str, int]:
    """Delete the IRM work ``seed`` created: rows written by the demo people (the sample's real reports stay)."""
    report_ids = _created_by_demo(Report)
    findings = Finding.objects.filter(pk__in=_created_by_demo(Finding))
    letters = Letter.objects.filter(pk__in=list(findings.exclude(letter=None).values_list("letter_id", flat=True)))
    findings.update(letter=None)
    return {
        "procedural-review letters": letters.delete()[0],
        "procedural-review findings": findings.delete()[0],
        "IRM comments": ReportComment.objects.filter(report_id__in=report_ids).delete()[0],
        "IRM assessments": Assessment.objects.filter(report_id__in=report_ids).delete()[0],
        "IRM reports": Report.objects.filter(pk__in=report_ids).delete()[0],
        "IRM declarations": Assignment.objects.filter(researcher__email__endswith=DEMO_EMAIL_DOMAIN).delete()[0],
    }
