"""Every write to IRM work: assignments, reports and their workflow, assessments, comments, procedural
review findings and letters.

Each action checks its rule (irm/rules.py), validates, writes in one transaction and records who did it
(core.permissions.attribute_to). Updates take the ``expected_version`` the editor read
(core/concurrency.py). Notifications are sent after the transaction commits.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from opengov.accounts.actions import end_role, grant_role
from opengov.accounts.models import GOVERNMENT_ROLES, Role, RoleAssignment, User
from opengov.accounts.predicates import forget_roles
from opengov.core.concurrency import EditConflict, apply_changes, lock_version
from opengov.core.dates import day
from opengov.core.permissions import attribute_to, require
from opengov.members.models import Member, MemberStatus
from opengov.plans.models import ActionPlan, Commitment

from . import procedural
from .deadlines import due_date
from .influence import PROCESS_FIELDS
from .models import (
    Assessment,
    Assignment,
    Finding,
    FindingKind,
    FindingStatus,
    Letter,
    Product,
    Report,
    ReportComment,
)
from .scales import INDICATOR_SCALES
from .workflow import MIN_COMMENT_PERIOD, WORKFLOW, ReportState, can_move

# --- Recipients -----------------------------------------------------------------------------------------------


def government_contacts(member_ids: Iterable[int]) -> dict[int, list[User]]:
    """{member id: its Points of Contact and government editors}, in one query."""
    rows = RoleAssignment.objects.current().filter(role__in=GOVERNMENT_ROLES, member_id__in=list(member_ids))
    contacts: dict[int, list[User]] = defaultdict(list)
    for row in rows.select_related("user"):
        assert row.member_id is not None  # filtered on member_id__in
        contacts[row.member_id].append(row.user)
    return contacts


def platform_users(role: str) -> list[User]:
    return RoleAssignment.objects.holders(role)


def _notify_on_commit(recipients: list[User], subject: str, body: str, url: str) -> None:
    def send() -> None:
        from opengov.notifications.actions import notify

        notify(recipients, subject=subject, body=body, url=url)

    transaction.on_commit(send)


# --- Assignments ----------------------------------------------------------------------------------------------


@transaction.atomic
def declare_interests(user: Any, plan: ActionPlan, conflict_of_interest: str, no_conflict: bool) -> Assignment:
    """The researcher's own declaration, made before IRM staff can assign them to ``plan``."""
    require(user, "irm.declare_interests", plan)
    assignment = Assignment.objects.select_for_update().filter(researcher=user, action_plan=plan, ended_at=None).first()
    if assignment is not None and assignment.assigned_at is not None:
        raise ValidationError(_("You are already assigned to this action plan; your declaration is on record."))
    assignment = assignment or Assignment(researcher=user, action_plan=plan)
    assignment.conflict_of_interest = conflict_of_interest.strip()
    assignment.no_conflict_confirmed = no_conflict
    assignment.declared_at = timezone.now()
    assignment.full_clean()
    attribute_to(assignment, user)
    assignment.save()
    return assignment


@transaction.atomic
def assign_researcher(user: Any, assignment: Assignment, expected_version: int | None = None) -> Assignment:
    """Assign a researcher who declared no conflict; grants the IRM_RESEARCHER role scoped to the plan."""
    require(user, "irm.assign_researcher", assignment)
    assignment = lock_version(assignment, expected_version)
    if assignment.ended_at is not None or assignment.assigned_at is not None:
        raise ValidationError(_("This declaration has already been used for an assignment."))
    if assignment.declared_at is None:
        raise ValidationError(_("The researcher has not declared their conflicts of interest yet."))
    if assignment.declares_conflict or not assignment.no_conflict_confirmed:
        raise ValidationError(
            _("The researcher declared a conflict of interest with this plan and cannot be assigned.")
        )
    # irm.assign_researcher was checked above: that rule, not accounts.manage_roles, governs researcher roles.
    role = grant_role(None, assignment.researcher, Role.IRM_RESEARCHER, assignment.action_plan)
    attribute_to(assignment, user)
    apply_changes(assignment, {"assigned_by": user, "assigned_at": timezone.now(), "role_assignment": role})
    return assignment


@transaction.atomic
def end_assignment(user: Any, assignment: Assignment, reason: str = "") -> Assignment:
    require(user, "irm.assign_researcher", assignment)
    assignment = lock_version(assignment, None)
    if assignment.ended_at is not None:
        return assignment
    now = timezone.now()
    attribute_to(assignment, user, reason=reason)
    apply_changes(assignment, {"ended_at": now})
    if assignment.role_assignment is not None:
        # irm.assign_researcher was checked above: end the plan-scoped role as a trusted caller.
        end_role(user, assignment.role_assignment, reason=reason, checked=True)
        forget_roles(assignment.researcher)
    return assignment


# --- Reports --------------------------------------------------------------------------------------------------


@transaction.atomic
def create_report(user: Any, plan: ActionPlan, product: str, fields: dict[str, Any] | None = None) -> Report:
    require(user, "irm.add_report", plan)
    fields = dict(fields or {})
    if product == Product.MIDTERM_REVIEW and plan.duration_years != 4:
        raise ValidationError({"product": _("A Midterm Review is only for four-year action plans.")})
    if Report.objects.filter(action_plan=plan, product=product).exists():
        raise ValidationError({"product": _("This action plan already has this report.")})
    fields.setdefault("due_date", due_date(plan, product))
    report = Report(action_plan=plan, product=product, state=ReportState.DRAFT, **fields)
    report.full_clean()
    attribute_to(report, user)
    report.save()
    return report


@transaction.atomic
def update_report(user: Any, report: Report, changes: dict[str, Any], expected_version: int | None) -> list[str]:
    require(user, "irm.change_report", report)
    report = lock_version(report, expected_version)
    attribute_to(report, user)
    return apply_changes(report, changes)


@transaction.atomic
def move_report(
    user: Any,
    report: Report,
    to_state: str,
    expected_version: int | None = None,
    comment_days: int = MIN_COMMENT_PERIOD.days,
    today: datetime.date | None = None,
) -> Report:
    """Move a report along irm.workflow; refuses illegal moves and a public comment shorter than two weeks."""
    require(user, "irm.move_report", report)
    report = lock_version(report, expected_version)
    today = today or timezone.localdate()
    if to_state not in ReportState.values:
        raise ValidationError(_("Unknown report state: %(state)s.") % {"state": to_state})
    if not can_move(report.state, to_state):
        allowed = ", ".join(str(ReportState(s).label) for s in WORKFLOW[ReportState(report.state)].next_states)
        raise ValidationError(
            _("A report in the state “%(state)s” cannot move to “%(to)s”. Allowed next states: %(allowed)s.")
            % {"state": report.get_state_display(), "to": ReportState(to_state).label, "allowed": allowed or _("none")}
        )
    changes: dict[str, Any] = {"state": to_state}
    if to_state == ReportState.PUBLIC_COMMENT:
        if comment_days < MIN_COMMENT_PERIOD.days:
            raise ValidationError(_("Public comment lasts at least two weeks (14 days)."))
        changes.update(comment_opens_on=today, comment_closes_on=today + datetime.timedelta(days=comment_days))
    closes = report.comment_closes_on
    if report.state == ReportState.PUBLIC_COMMENT and to_state == ReportState.FINAL and closes and today < closes:
        raise ValidationError(
            _("The draft is open for public comment until %(date)s; it cannot be finalised before.")
            % {"date": day(report.comment_closes_on)}
        )
    if to_state == ReportState.PUBLISHED:
        changes.update(published_on=today, publication_year=today.year)
    attribute_to(report, user, reason=f"state: {report.state} -> {to_state}")
    apply_changes(report, changes)
    _notify_report(report, to_state)
    return report


def _notify_report(report: Report, state: str) -> None:
    if state not in (ReportState.PUBLIC_COMMENT, ReportState.PUBLISHED):
        return
    member_id = report.action_plan.member_id
    recipients = government_contacts([member_id]).get(member_id, []) + platform_users(Role.IRM_STAFF)
    if state == ReportState.PUBLIC_COMMENT:
        subject = _("Open for public comment: %(name)s") % {"name": report.name}
        body = _("The draft is open for comment until %(date)s.") % {"date": day(report.comment_closes_on)}
    else:
        subject = _("Published: %(name)s") % {"name": report.name}
        body = _("The IRM published this report.")
    _notify_on_commit(recipients, subject, body, report.get_absolute_url())


@transaction.atomic
def add_comment(user: Any, report: Report, text: str) -> ReportComment:
    require(user, "irm.comment_report", report)
    if not text.strip():
        raise ValidationError({"text": _("Write your comment before sending it.")})
    comment = ReportComment(report=report, author=user, text=text.strip())
    comment.full_clean()
    attribute_to(comment, user)
    comment.save()
    return comment


# --- Process indicators of a report ---------------------------------------------------------------------------


@transaction.atomic
def assess_process(user: Any, report: Report, changes: dict[str, Any], expected_version: int | None) -> list[str]:
    """Record the report's process findings: the level of public influence (IAP2) during development and
    implementation, whether participation was open and whether the forum met regularly (DOMAIN.md 3.3).

    Who may: as for commitment assessments (the assigned researchers while they draft, IRM staff in review).
    Empty / None means not assessed. Returns the fields that changed.
    """
    unknown = set(changes) - set(PROCESS_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    require(user, "irm.assess_process", report)
    report = lock_version(report, expected_version)
    attribute_to(report, user)
    return apply_changes(report, changes)


# --- Assessments ----------------------------------------------------------------------------------------------

ASSESSMENT_FIELDS = (*INDICATOR_SCALES, "cluster_label", "cluster_commitment_ids", "narrative", "sources")


@transaction.atomic
def save_assessment(
    user: Any,
    report: Report,
    commitment: Commitment,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> Assessment:
    """Create the assessment of ``commitment`` in ``report`` (``expected_version`` None), or update it from the
    version the caller read.

    Creating one that exists already (someone else created it since the caller looked) raises EditConflict with
    the current row: it is never overwritten without a version check. A commitment judged not verifiable keeps
    no further indicator (Assessment.clean refuses them).
    """
    unknown = set(changes) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    existing = Assessment.objects.filter(report=report, commitment=commitment).first()
    if existing is None:
        require(user, "irm.add_assessment", report)
        if commitment.action_plan_id != report.action_plan_id:
            raise ValidationError({"commitment": _("This commitment belongs to another action plan than the report.")})
        assessment = Assessment(report=report, commitment=commitment, **changes)
        assessment.full_clean(validate_unique=False)
        attribute_to(assessment, user)
        try:
            with transaction.atomic():  # a savepoint: a parallel create loses cleanly
                assessment.save()
        except IntegrityError:
            raise EditConflict(Assessment.objects.get(report=report, commitment=commitment)) from None
        return assessment
    require(user, "irm.change_assessment", existing)
    if expected_version is None:
        raise EditConflict(existing)
    assessment = lock_version(existing, expected_version)
    attribute_to(assessment, user)
    apply_changes(assessment, changes)
    return assessment


# --- Procedural review ----------------------------------------------------------------------------------------


@transaction.atomic
def run_procedural_review(user: Any = None, today: datetime.date | None = None) -> list[Finding]:
    """Record every new finding (idempotent: one finding per kind and plan; re-running adds nothing).

    ``user`` None is the scheduled job (irm.tasks / the procedural_review command run by an operator).
    """
    if user is not None:
        require(user, "irm.run_procedural_review")
    today = today or timezone.localdate()
    existing = set(Finding.objects.values_list("kind", "action_plan_id"))
    computed = procedural.compute_findings(today, existing)
    findings = [
        Finding(
            member_id=f.member_id,
            action_plan_id=f.action_plan_id,
            report_id=f.report_id,
            kind=f.kind,
            cycle=f.cycle,
            found_on=today,
            evidence=f.evidence,
        )
        for f in computed
    ]
    if not findings:
        return []
    # simple-history is untyped: bulk_create_with_history returns the rows it created.
    created: list[Finding] = bulk_create_with_history(
        findings, Finding, default_user=user if user is not None else None
    )
    _notify_findings(created)
    return created


def _notify_findings(findings: list[Finding]) -> None:
    by_member: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_member[finding.member_id].append(finding)
    members = Member.objects.in_bulk(list(by_member))
    contacts = government_contacts(by_member)
    staff = platform_users(Role.IRM_STAFF) + platform_users(Role.SUPPORT_UNIT)
    for member_id, items in by_member.items():
        subject = ngettext(
            "Procedural review: %(n)s finding recorded for %(member)s",
            "Procedural review: %(n)s findings recorded for %(member)s",
            len(items),
        ) % {
            "n": len(items),
            "member": members[member_id].name,
        }
        body = "\n".join(f"- {item.get_kind_display()}" for item in items)
        _notify_on_commit(contacts.get(member_id, []) + staff, subject, body, members[member_id].get_absolute_url())


@transaction.atomic
def record_finding(
    user: Any,
    plan: ActionPlan,
    kind: str,
    evidence: str,
    cycle: int | None = None,
    found_on: datetime.date | None = None,
) -> Finding:
    """Record a finding by hand (what the scheduled review cannot see). The member is the plan's; the cycle
    defaults as the review counts it: the plan's own number, the next one for a missing plan."""
    require(user, "irm.run_procedural_review")
    if Finding.objects.filter(kind=kind, action_plan=plan).exists():
        raise ValidationError({"kind": _("This finding is already recorded for this action plan.")})
    if cycle is None:
        cycle = plan.number + 1 if kind == FindingKind.NO_NEW_PLAN else plan.number
    finding = Finding(
        member_id=plan.member_id,
        action_plan=plan,
        kind=kind,
        cycle=cycle,
        evidence=evidence.strip(),
        found_on=found_on or timezone.localdate(),
    )
    finding.full_clean()
    attribute_to(finding, user)
    finding.save()
    _notify_findings([finding])
    return finding


@transaction.atomic
def confirm_finding(user: Any, finding: Finding, expected_version: int | None = None) -> Finding:
    """The Support Unit confirms a finding. A second confirmed finding in consecutive cycles puts the member
    Under Procedural Review (members.actions.change_status records it, with the reason, in its history)."""
    require(user, "irm.confirm_finding", finding)
    finding = lock_version(finding, expected_version)
    if finding.status == FindingStatus.CONFIRMED:
        return finding
    attribute_to(finding, user)
    apply_changes(finding, {"status": FindingStatus.CONFIRMED, "confirmed_by": user, "confirmed_at": timezone.now()})
    _review_status(user, finding)
    return finding


def _review_status(user: Any, finding: Finding) -> None:
    from opengov.members.actions import change_status

    member = Member.objects.select_for_update().get(pk=finding.member_id)
    if member.status == MemberStatus.UNDER_PROCEDURAL_REVIEW:
        return
    cycles = set(Finding.objects.confirmed().filter(member=member).values_list("cycle", flat=True))
    neighbour = next((c for c in (finding.cycle - 1, finding.cycle + 1) if c in cycles), None)
    if neighbour is None:
        return
    first, second = sorted((finding.cycle, neighbour))
    reason = _(
        "Acted contrary to OGP process in two consecutive action-plan cycles (%(first)s and %(second)s), "
        "as confirmed by the Support Unit."
    ) % {"first": first, "second": second}
    change_status(user, member, MemberStatus.UNDER_PROCEDURAL_REVIEW, timezone.localdate(), reason)


@transaction.atomic
def dismiss_finding(user: Any, finding: Finding, reason: str, expected_version: int | None = None) -> Finding:
    require(user, "irm.confirm_finding", finding)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the finding is dismissed.")})
    finding = lock_version(finding, expected_version)
    attribute_to(finding, user, reason=reason)
    apply_changes(finding, {"status": FindingStatus.DISMISSED})
    return finding


@transaction.atomic
def send_letter(
    user: Any,
    member: Member,
    subject: str,
    text: str,
    findings: Iterable[Finding],
    sent_on: datetime.date | None = None,
) -> Letter:
    """Record the Support Unit's public letter about confirmed findings of ``member``."""
    require(user, "irm.send_letter", member)
    # Read them fresh and locked: the caller's copies may predate the confirmation.
    findings = list(Finding.objects.select_for_update().filter(pk__in=[f.pk for f in findings]))
    if not findings:
        raise ValidationError({"findings": _("A letter answers at least one confirmed finding.")})
    for finding in findings:
        if finding.member_id != member.pk or finding.status != FindingStatus.CONFIRMED:
            raise ValidationError({"findings": _("Only confirmed findings of this member can be answered.")})
    letter = Letter(member=member, subject=subject, text=text, sent_on=sent_on or timezone.localdate(), sent_by=user)
    letter.full_clean()
    attribute_to(letter, user)
    letter.save()
    for finding in findings:
        attribute_to(finding, user)
        apply_changes(finding, {"letter": letter})
    return letter
