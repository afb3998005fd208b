"""Procedural review: the three current rules, idempotence, confirmation, letters, and two consecutive
cycles putting the member Under Procedural Review."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from opengov.factories import ActionPlanFactory, AssessmentFactory, CommitmentFactory, IrmReportFactory
from opengov.irm.actions import confirm_finding, run_procedural_review, send_letter
from opengov.irm.models import Finding, FindingKind
from opengov.members.models import MemberStatus

TODAY = datetime.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def _checklist_met(monkeypatch):
    """The co-creation checklist has its own tests: here every requirement is met unless a test says not."""
    from opengov.cocreation import standards

    monkeypatch.setattr(standards, "unmet_minimum_requirements", lambda plan: [])


def ended_plan(member, number, end):
    return ActionPlanFactory(
        member=member, number=number, start_year=end.year - 2, end_year=end.year, end_date=end, phase="ended"
    )


def test_no_plan_within_12_months_after_the_last_one_ended(albania):
    plan = ended_plan(albania, 1, datetime.date(2024, 8, 31))
    findings = run_procedural_review(None, today=TODAY)
    assert [(f.kind, f.action_plan_id, f.cycle) for f in findings] == [(FindingKind.NO_NEW_PLAN, plan.pk, 2)]
    assert run_procedural_review(None, today=TODAY) == []  # idempotent
    assert Finding.objects.count() == 1


def test_a_plan_within_12_months_is_fine(albania):
    ended_plan(albania, 1, datetime.date(2025, 8, 31))
    assert run_procedural_review(None, today=TODAY) == []


def test_no_progress_on_any_commitment_in_a_published_results_report(albania):
    plan = ended_plan(albania, 1, datetime.date(2025, 8, 31))
    report = IrmReportFactory(action_plan=plan, product="results_report", state="published")
    for completion in ("not_started", "no_evidence_available", "NR"):
        AssessmentFactory(report=report, commitment=CommitmentFactory(action_plan=plan), completion=completion)
    findings = run_procedural_review(None, today=TODAY)
    assert [(f.kind, f.report_id) for f in findings] == [(FindingKind.NO_PROGRESS, report.pk)]


def test_some_progress_or_a_draft_report_is_no_finding(albania):
    plan = ended_plan(albania, 1, datetime.date(2025, 8, 31))
    report = IrmReportFactory(action_plan=plan, product="results_report", state="published")
    AssessmentFactory(report=report, commitment=CommitmentFactory(action_plan=plan), completion="not_started")
    AssessmentFactory(report=report, commitment=CommitmentFactory(action_plan=plan), completion="limited")
    draft_plan = ended_plan(albania, 2, datetime.date(2025, 9, 30))
    draft = IrmReportFactory(action_plan=draft_plan, product="results_report", state="draft")
    AssessmentFactory(report=draft, commitment=CommitmentFactory(action_plan=draft_plan), completion="not_started")
    assert run_procedural_review(None, today=TODAY) == []


def test_two_confirmed_consecutive_cycles_put_the_member_under_procedural_review(albania, support_unit):
    first = ended_plan(albania, 1, datetime.date(2020, 8, 31))
    second = ActionPlanFactory(
        member=albania,
        number=2,
        start_year=2022,
        end_year=2024,
        submitted_on=datetime.date(2022, 1, 10),
        end_date=datetime.date(2024, 8, 31),
        phase="ended",
    )
    findings = sorted(run_procedural_review(None, today=TODAY), key=lambda f: f.cycle)
    assert [(f.action_plan_id, f.cycle) for f in findings] == [(first.pk, 2), (second.pk, 3)]
    confirm_finding(support_unit, findings[0])
    albania.refresh_from_db()
    assert albania.status == MemberStatus.ACTIVE
    confirm_finding(support_unit, findings[1])
    albania.refresh_from_db()
    assert albania.status == MemberStatus.UNDER_PROCEDURAL_REVIEW
    assert "two consecutive" in albania.status_changes.get().reason
    letter = send_letter(support_unit, albania, "Acting contrary to process", "Dear Minister, ...", findings)
    assert set(letter.findings.all()) == set(findings)


def test_only_the_support_unit_confirms(albania, irm_staff, albania_editor):
    from django.core.exceptions import PermissionDenied

    ended_plan(albania, 1, datetime.date(2020, 8, 31))
    (finding,) = run_procedural_review(None, today=TODAY)
    for user in (irm_staff, albania_editor):
        with pytest.raises(PermissionDenied):
            confirm_finding(user, finding)


def test_the_command_reports_new_findings(albania):
    ended_plan(albania, 1, datetime.date(2020, 8, 31))
    out = StringIO()
    call_command("procedural_review", "--date", "2026-01-01", stdout=out)
    assert "1 new finding(s)" in out.getvalue()
    call_command("procedural_review", "--date", "2026-01-01", stdout=out)
    assert "0 new finding(s)" in out.getvalue()


def test_unmet_minimum_requirements_from_the_cocreation_checklist(albania, monkeypatch):
    from opengov.cocreation import standards

    plan = ended_plan(albania, 1, datetime.date(2025, 8, 31))
    IrmReportFactory(action_plan=plan, product="action_plan_review", state="published")

    class Unmet:
        standard, label, status = 1, "The forum meets at least every six months", "not_met"

    monkeypatch.setattr(standards, "unmet_minimum_requirements", lambda p: [Unmet()] if p == plan else [])
    (finding,) = run_procedural_review(None, today=TODAY)
    assert finding.kind == FindingKind.MINIMUM_REQUIREMENTS
    assert "Standard 1: The forum meets" in finding.evidence
