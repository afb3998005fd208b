"""Standard 4: a plan is not submitted while a contribution waits for its answer, unless the SU overrides."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opengov.cocreation import actions
from opengov.cocreation.models import SubmissionOverride
from opengov.factories import ContributionFactory, ResponseFactory
from opengov.plans import actions as plan_actions
from opengov.plans.phases import Phase

pytestmark = pytest.mark.django_db


def test_unanswered_contribution_blocks_submission(consultation, draft_plan, albania_editor):
    ContributionFactory(consultation=consultation)
    with pytest.raises(ValidationError) as error:
        plan_actions.change_phase(albania_editor, draft_plan, Phase.SUBMITTED)
    assert "no reasoned response" in error.value.messages[0]
    draft_plan.refresh_from_db()
    assert draft_plan.phase == Phase.CO_CREATION


def test_answered_or_hidden_contributions_do_not_block(consultation, draft_plan, albania_editor):
    ResponseFactory(contribution=ContributionFactory(consultation=consultation))
    ContributionFactory(consultation=consultation, visibility="hidden", hidden_reason="spam")
    plan_actions.change_phase(albania_editor, draft_plan, Phase.SUBMITTED)
    draft_plan.refresh_from_db()
    assert draft_plan.phase == Phase.SUBMITTED


def test_support_unit_override_with_a_reason_lets_the_plan_be_submitted(
    consultation, draft_plan, albania_editor, support_unit
):
    ContributionFactory(consultation=consultation)
    with pytest.raises(ValidationError):
        actions.override_submission(support_unit, draft_plan, "  ")
    actions.override_submission(support_unit, draft_plan, "Deadline; answers promised within a month.")
    plan_actions.change_phase(albania_editor, draft_plan, Phase.SUBMITTED)
    draft_plan.refresh_from_db()
    assert draft_plan.phase == Phase.SUBMITTED
    assert SubmissionOverride.objects.get().recorded_by == support_unit


def test_only_the_support_unit_may_override(consultation, draft_plan, albania_editor, irm_staff):
    for user in (albania_editor, irm_staff):
        with pytest.raises(PermissionDenied):
            actions.override_submission(user, draft_plan, "Please")


def test_other_moves_are_not_checked(consultation, albania, support_unit):
    from opengov.factories import ActionPlanFactory

    plan = ActionPlanFactory(member=albania, phase=Phase.SUBMITTED)
    plan_actions.change_phase(support_unit, plan, Phase.IMPLEMENTATION)
