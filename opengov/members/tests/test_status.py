import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opengov.members.actions import change_status, record_eligibility
from opengov.members.eligibility import EligibilityOutcome
from opengov.members.models import MemberStatus


def test_a_status_change_is_dated_reasoned_and_updates_the_member(albania, support_unit):
    today = timezone.localdate()
    change_status(support_unit, albania, MemberStatus.UNDER_PROCEDURAL_REVIEW, today, "Two cycles contrary to process")
    albania.refresh_from_db()
    assert albania.status == MemberStatus.UNDER_PROCEDURAL_REVIEW
    assert albania.status_since == today
    entry = albania.status_changes.get()
    assert (entry.reason, entry.recorded_by) == ("Two cycles contrary to process", support_unit)
    assert albania.history.first().history_user == support_unit


def test_a_future_change_is_recorded_but_not_yet_in_effect(albania, support_unit):
    later = timezone.localdate() + datetime.timedelta(days=30)
    change_status(support_unit, albania, MemberStatus.WITHDRAWN, later, "Letter of withdrawal received")
    albania.refresh_from_db()
    assert albania.status == MemberStatus.ACTIVE
    assert albania.status_changes.count() == 1


def test_history_keeps_every_status_in_order(albania, support_unit):
    change_status(support_unit, albania, MemberStatus.SUSPENDED, datetime.date(2024, 1, 10), "Response Policy")
    change_status(support_unit, albania, MemberStatus.ACTIVE, datetime.date(2025, 2, 1), "Suspension lifted")
    albania.refresh_from_db()
    assert albania.status == MemberStatus.ACTIVE
    assert [c.status for c in albania.status_changes.all()] == [MemberStatus.ACTIVE, MemberStatus.SUSPENDED]


def test_only_the_support_unit_changes_a_status(albania, albania_editor):
    with pytest.raises(PermissionDenied):
        change_status(albania_editor, albania, MemberStatus.INACTIVE, timezone.localdate(), "x")


def test_a_status_change_needs_a_reason(albania, support_unit):
    with pytest.raises(ValidationError):
        change_status(support_unit, albania, MemberStatus.INACTIVE, timezone.localdate(), "")


def test_eligibility_is_recorded_once_per_year_and_computed(albania, support_unit):
    scores = {"fiscal_transparency": 4, "access_to_information": 4, "asset_disclosure": 2, "citizen_engagement": None}
    record_eligibility(support_unit, albania, 2025, scores)
    sheet = record_eligibility(support_unit, albania, 2025, {**scores, "asset_disclosure": 0})
    assert albania.eligibility_scores.count() == 1
    assert (sheet.result.total, sheet.result.applicable_max) == (8, 12)
    assert sheet.result.outcome == EligibilityOutcome.NOT_ELIGIBLE


def test_a_score_above_four_is_refused(albania, support_unit):
    with pytest.raises(ValidationError):
        record_eligibility(
            support_unit,
            albania,
            2025,
            {"fiscal_transparency": 5, "access_to_information": 4, "asset_disclosure": 4, "citizen_engagement": 4},
        )


def test_the_daily_refresh_applies_a_change_once_its_date_arrives(albania, support_unit, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    later = timezone.localdate() + datetime.timedelta(days=3)
    change_status(support_unit, albania, MemberStatus.INACTIVE, later, "Unresolved procedural review")
    out = StringIO()
    call_command("refresh_member_statuses", stdout=out)
    assert "0 member" in out.getvalue()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: later)
    call_command("refresh_member_statuses", stdout=out)
    albania.refresh_from_db()
    assert albania.status == MemberStatus.INACTIVE
    assert "1 member" in out.getvalue()
