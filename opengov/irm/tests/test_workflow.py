"""The report workflow: legal and illegal transitions, the two-week public comment, due dates, naming."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from opengov.factories import ActionPlanFactory
from opengov.irm.actions import create_report, move_report
from opengov.irm.deadlines import due_date
from opengov.irm.models import Product, Report
from opengov.irm.workflow import WORKFLOW, ReportState, can_move

TODAY = datetime.date(2025, 3, 1)


def test_the_workflow_is_draft_comment_final_published():
    assert can_move("draft", "public_comment")
    assert can_move("public_comment", "final")
    assert can_move("final", "published")
    assert not can_move("draft", "published")
    assert not can_move("draft", "final")
    assert WORKFLOW[ReportState.PUBLISHED].next_states == ()


def test_a_report_goes_through_the_whole_workflow(irm_staff, draft):
    move_report(irm_staff, draft, "public_comment", today=TODAY)
    draft.refresh_from_db()
    assert draft.comment_closes_on - draft.comment_opens_on == datetime.timedelta(days=14)
    with pytest.raises(ValidationError, match="open for public comment until"):
        move_report(irm_staff, draft, "final", today=TODAY + datetime.timedelta(days=13))
    move_report(irm_staff, draft, "final", today=TODAY + datetime.timedelta(days=14))
    move_report(irm_staff, draft, "published", today=TODAY + datetime.timedelta(days=20))
    draft.refresh_from_db()
    assert draft.state == "published"
    assert draft.published_on == TODAY + datetime.timedelta(days=20)
    assert draft.publication_year == 2025


@pytest.mark.parametrize(("start", "target"), [("draft", "published"), ("draft", "final"), ("published", "draft")])
def test_illegal_transitions_are_refused_with_a_clear_message(irm_staff, draft, start, target):
    Report.objects.filter(pk=draft.pk).update(state=start)
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot move to"):
        move_report(irm_staff, draft, target)


def test_public_comment_lasts_at_least_two_weeks(irm_staff, draft):
    with pytest.raises(ValidationError, match="two weeks"):
        move_report(irm_staff, draft, "public_comment", comment_days=10)


def test_only_irm_staff_move_reports(researcher, albania_editor, draft):
    from django.core.exceptions import PermissionDenied

    for user in (researcher, albania_editor):
        with pytest.raises(PermissionDenied):
            move_report(user, draft, "public_comment")


@pytest.mark.django_db
def test_due_dates_follow_the_plan():
    plan = ActionPlanFactory(
        start_year=2023,
        end_year=2027,
        duration_years=4,
        submitted_on=datetime.date(2023, 1, 31),
        end_date=datetime.date(2027, 8, 31),
        start_date=datetime.date(2023, 9, 1),
    )
    assert due_date(plan, Product.ACTION_PLAN_REVIEW) == datetime.date(2023, 5, 31)
    assert due_date(plan, Product.RESULTS_REPORT) == datetime.date(2027, 12, 31)
    assert due_date(plan, Product.CO_CREATION_BRIEF) == datetime.date(2023, 3, 1)


def test_names_follow_ogps_convention_and_midterm_reviews_are_for_four_year_plans(irm_staff, albania):
    plan = ActionPlanFactory(member=albania, start_year=2023, end_year=2027, duration_years=4)
    report = create_report(irm_staff, plan, Product.ACTION_PLAN_REVIEW)
    assert report.name == "Albania Action Plan Review 2023-2027"
    create_report(irm_staff, plan, Product.MIDTERM_REVIEW)
    two_year = ActionPlanFactory(member=albania, duration_years=2)
    with pytest.raises(ValidationError, match="four-year"):
        create_report(irm_staff, two_year, Product.MIDTERM_REVIEW)
