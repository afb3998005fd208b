"""Pre-transition checks: another app can block a phase change (plans.phases.register_transition_check)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from opengov.factories import ActionPlanFactory
from opengov.plans import actions, phases
from opengov.plans.phases import Phase


@pytest.fixture
def checks(monkeypatch):
    """Only the checks a test registers (the apps' own are registered at start-up)."""
    registered: list = []
    monkeypatch.setattr(phases, "_transition_checks", registered)
    return registered


def block_submission(plan, to_phase):
    return ["Two contributions are unanswered."] if to_phase == Phase.SUBMITTED else []


@pytest.mark.django_db
def test_a_registered_check_blocks_the_move_with_its_reason(checks, albania, support_unit):
    phases.register_transition_check(block_submission)
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    with pytest.raises(ValidationError) as error:
        actions.change_phase(support_unit, plan, Phase.SUBMITTED)
    assert error.value.messages == ["Two contributions are unanswered."]
    plan.refresh_from_db()
    assert plan.phase == Phase.CO_CREATION


@pytest.mark.django_db
def test_a_check_that_finds_nothing_lets_the_move_happen(checks, albania, support_unit):
    phases.register_transition_check(block_submission)
    plan = ActionPlanFactory(member=albania, phase=Phase.SUBMITTED)
    actions.change_phase(support_unit, plan, Phase.IMPLEMENTATION)
    plan.refresh_from_db()
    assert plan.phase == Phase.IMPLEMENTATION


def test_registering_twice_runs_the_check_once(checks):
    phases.register_transition_check(block_submission)
    phases.register_transition_check(block_submission)
    assert phases.transition_blockers(object(), Phase.SUBMITTED) == ["Two contributions are unanswered."]


def test_no_checks_means_no_blockers(checks):
    assert phases.transition_blockers(object(), Phase.SUBMITTED) == []
