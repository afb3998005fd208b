"""The computed standards: six-month forum cadence, repository regularity, two-week timeline, reasoned responses."""

from __future__ import annotations

import datetime

import pytest

from opengov.cocreation import standards
from opengov.cocreation.models import StandardAssessment
from opengov.cocreation.standards import MET, NOT_ASSESSED, NOT_MET, plan_checklist, regularity
from opengov.factories import (
    ActionPlanFactory,
    ConsultationFactory,
    ContributionFactory,
    DocumentFactory,
    ForumFactory,
    ForumSeatFactory,
    MeetingFactory,
    ResponseFactory,
)
from opengov.plans.phases import Phase

D = datetime.date


class TestRegularity:
    def test_meetings_every_six_months_are_regular(self):
        dates = [D(2022, 3, 1), D(2022, 8, 1), D(2023, 1, 15)]
        assert regularity(dates, D(2022, 1, 1), D(2023, 6, 1)) == (MET, 167)

    def test_a_gap_of_more_than_183_days_is_not_regular(self):
        status, gap = regularity([D(2022, 1, 10), D(2022, 7, 13)], D(2022, 1, 1), D(2022, 7, 20))
        assert (status, gap) == (NOT_MET, 184)

    def test_exactly_183_days_still_counts(self):
        assert regularity([D(2022, 7, 3)], D(2022, 1, 1), D(2022, 7, 3))[0] == MET

    def test_the_time_since_the_last_meeting_counts_too(self):
        assert regularity([D(2022, 2, 1)], D(2022, 1, 1), D(2022, 12, 1))[0] == NOT_MET

    def test_too_early_to_tell_when_the_window_is_short_and_empty(self):
        assert regularity([], D(2022, 1, 1), D(2022, 3, 1))[0] == NOT_ASSESSED

    def test_dates_outside_the_window_are_ignored(self):
        assert regularity([D(2020, 1, 1)], D(2022, 1, 1), D(2022, 12, 1))[0] == NOT_MET


def by_key(checklist):
    return {r.key: r for r in checklist}


@pytest.fixture
def plan(albania):
    # Implementation 2022-07-01..2024-06-30; co-creation window from 2021-12-30.
    return ActionPlanFactory(member=albania, phase=Phase.CO_CREATION, start_date=D(2022, 7, 1), end_date=D(2024, 6, 30))


@pytest.mark.django_db
class TestChecklist:
    def test_every_requirement_is_listed_in_order_with_a_status(self, plan):
        checklist = plan_checklist(plan, today=D(2022, 3, 1))
        assert [r.key for r in checklist] == list(standards.KEYS)
        assert {r.standard for r in checklist} == {1, 2, 3, 4, 5}
        assert all(r.status in (MET, NOT_MET, NOT_ASSESSED) for r in checklist)

    def test_no_forum_means_standard_one_is_not_met(self, plan):
        result = by_key(plan_checklist(plan, today=D(2022, 9, 1)))
        assert result["forum_exists"].status == NOT_MET
        assert result["forum_meets"].status == NOT_MET

    def test_a_forum_with_both_sectors_meeting_regularly_meets_standard_one(self, plan, albania):
        forum = ForumFactory(member=albania)
        ForumSeatFactory(forum=forum, sector="government")
        ForumSeatFactory(forum=forum, sector="civil_society")
        for held_on in (D(2022, 2, 1), D(2022, 6, 1), D(2022, 11, 1)):
            MeetingFactory(forum=forum, held_on=held_on)
        result = by_key(plan_checklist(plan, today=D(2023, 1, 1)))
        assert result["forum_exists"].status == MET
        assert result["forum_meets"].status == MET
        assert result["forum_rules_public"].status == MET

    def test_a_forum_without_civil_society_or_rules_is_not_met(self, plan, albania):
        forum = ForumFactory(member=albania, rules_of_participation="")
        ForumSeatFactory(forum=forum, sector="government")
        result = by_key(plan_checklist(plan, today=D(2022, 3, 1)))
        assert result["forum_exists"].status == NOT_MET
        assert result["forum_rules_public"].status == NOT_MET

    def test_a_forum_that_skipped_more_than_six_months_is_not_met(self, plan, albania):
        forum = ForumFactory(member=albania)
        MeetingFactory(forum=forum, held_on=D(2022, 1, 15))
        MeetingFactory(forum=forum, held_on=D(2022, 9, 1))
        result = by_key(plan_checklist(plan, today=D(2022, 10, 1)))
        assert result["forum_meets"].status == NOT_MET
        assert "229" in result["forum_meets"].evidence

    def test_repository_updated_twice_a_year_is_met(self, plan, albania):
        for published in (D(2022, 2, 1), D(2022, 7, 1), D(2022, 12, 1)):
            DocumentFactory(member=albania, published_on=published)
        assert by_key(plan_checklist(plan, today=D(2023, 2, 1)))["repository"].status == MET

    def test_repository_not_updated_for_seven_months_is_not_met(self, plan, albania):
        DocumentFactory(member=albania, published_on=D(2022, 2, 1))
        assert by_key(plan_checklist(plan, today=D(2022, 9, 5)))["repository"].status == NOT_MET

    def test_timeline_published_two_weeks_ahead_is_met(self, plan):
        ConsultationFactory(action_plan=plan, timeline_published_on=D(2022, 1, 1), opens_on=D(2022, 1, 15))
        assert by_key(plan_checklist(plan, today=D(2022, 3, 1)))["timeline_notice"].status == MET

    def test_timeline_published_thirteen_days_ahead_is_not_met(self, plan):
        ConsultationFactory(action_plan=plan, timeline_published_on=D(2022, 1, 2), opens_on=D(2022, 1, 15))
        result = by_key(plan_checklist(plan, today=D(2022, 3, 1)))["timeline_notice"]
        assert result.status == NOT_MET
        assert "13" in result.evidence

    def test_no_consultation_is_not_assessed_during_co_creation_and_not_met_after(self, plan):
        assert by_key(plan_checklist(plan, today=D(2022, 3, 1)))["timeline_notice"].status == NOT_ASSESSED
        plan.phase = Phase.SUBMITTED
        assert by_key(plan_checklist(plan, today=D(2022, 3, 1)))["timeline_notice"].status == NOT_MET

    def test_reasoned_responses_met_only_when_every_visible_contribution_is_answered(self, plan):
        consultation = ConsultationFactory(action_plan=plan)
        assert by_key(plan_checklist(plan))["reasoned_response"].status == NOT_ASSESSED
        answered = ContributionFactory(consultation=consultation)
        ResponseFactory(contribution=answered)
        waiting = ContributionFactory(consultation=consultation)
        assert by_key(plan_checklist(plan))["reasoned_response"].status == NOT_MET
        waiting.visibility = "hidden"
        waiting.save()
        assert by_key(plan_checklist(plan))["reasoned_response"].status == MET

    def test_recorded_requirements_wait_for_the_irm(self, plan, irm_staff):
        result = by_key(plan_checklist(plan))
        assert result["website"].status == NOT_ASSESSED
        assert not result["website"].computed
        StandardAssessment.objects.create(action_plan=plan, key="website", status="not_met", note="Offline since May.")
        result = by_key(plan_checklist(plan))
        assert (result["website"].status, result["website"].evidence) == (NOT_MET, "Offline since May.")

    def test_unmet_lists_only_not_met(self, plan):
        unmet = standards.unmet_minimum_requirements(plan)
        assert unmet and all(r.status == NOT_MET for r in unmet)
        assert {"forum_exists", "forum_meets"} <= {r.key for r in unmet}


# ---------------------------------------------------------------------------------------------------------------------
# Many plans at once (standards.checklists_for): the same checklists, in a fixed number of queries


def varied_plans(n_members: int) -> list:
    """Members with and without forums, seats that ended, irregular meetings and documents, plans in several
    phases and windows, consultations with short and long notice, answered, unanswered and hidden
    contributions, overrides and IRM findings: every branch of the checklist somewhere."""
    from opengov.cocreation.models import SubmissionOverride
    from opengov.factories import MemberFactory, UserFactory

    staff = UserFactory()
    plans = []
    for i in range(n_members):
        member = MemberFactory()
        if i % 3:
            forum = ForumFactory(member=member, rules_of_participation="" if i % 4 == 0 else "Open seats.")
            ForumSeatFactory(forum=forum, sector="government")
            ForumSeatFactory(forum=forum, sector="civil_society", until=D(2022, 6, 1) if i % 5 == 0 else None)
            years = (2021, 2022, 2023) if i % 3 == 1 else (2021 + i % 3,)  # regular for some, not others
            for year in years:
                for month in range(1, 13, 2 + i % 5):
                    MeetingFactory(forum=forum, held_on=D(year, month, 10))
        for month in range(1, 13, 3 + i % 4):
            DocumentFactory(member=member, published_on=D(2022, month, 1 + i))
        phases = (Phase.ENDED, Phase.IMPLEMENTATION, Phase.CO_CREATION)
        for number in (1, 2):
            plan = ActionPlanFactory(
                member=member,
                number=number,
                phase=phases[(i + number) % 3],
                start_date=D(2020 + 2 * number, 1 + i % 12, 1),
                end_date=D(2022 + 2 * number, 1 + i % 12, 1),
            )
            plans.append(plan)
            if (i + number) % 2:
                notice = 10 + 2 * i
                consultation = ConsultationFactory(
                    action_plan=plan, timeline_published_on=D(2022, 1, 1), opens_on=D(2022, 1, 1 + notice % 28)
                )
                for k in range(i % 3 + 1):
                    contribution = ContributionFactory(consultation=consultation)
                    if k % 2 == 0:
                        ResponseFactory(contribution=contribution)
                if i % 4 == 1:
                    ContributionFactory(consultation=consultation, visibility="hidden")
            if i % 3 == 2:
                SubmissionOverride.objects.create(action_plan=plan, reason="Urgent.", recorded_by=staff)
            if (i + number) % 4 == 0:
                StandardAssessment.objects.create(
                    action_plan=plan, key=("website", "draft_discussed")[number - 1], status="met", note=f"Plan {i}."
                )
    return plans


@pytest.mark.django_db
def test_checklists_for_many_plans_equal_each_plans_own_checklist():
    from opengov.plans.models import ActionPlan

    varied_plans(8)
    today = D(2023, 5, 1)
    plans = list(ActionPlan.objects.order_by("pk"))  # members not loaded: the bulk reads their slugs itself
    bulk = standards.checklists_for(plans, today=today)
    assert set(bulk) == {plan.pk for plan in plans}
    each = {plan.pk: plan_checklist(ActionPlan.objects.get(pk=plan.pk), today=today) for plan in plans}
    assert bulk == each
    statuses = {(r.key, r.status) for checklist in bulk.values() for r in checklist}
    for key in ("forum_exists", "forum_meets", "forum_rules_public", "repository", "timeline_notice"):
        assert {(key, MET), (key, NOT_MET)} <= statuses, key
    assert {("reasoned_response", MET), ("reasoned_response", NOT_MET), ("website", MET)} <= statuses


@pytest.mark.django_db
def test_checklists_for_reads_a_fixed_number_of_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opengov.plans.models import ActionPlan

    def count(plans):
        with CaptureQueriesContext(connection) as ctx:
            standards.checklists_for(plans, today=D(2023, 5, 1))
        return len(ctx)

    varied_plans(3)
    few = count(list(ActionPlan.objects.all()))
    varied_plans(9)
    many = list(ActionPlan.objects.all())
    assert len(many) == 24
    assert count(many) == few <= 8
    assert count([]) == 0
