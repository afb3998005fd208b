"""The action layer: permissions, validation, ids, history, phases, concurrency."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opengov.core.concurrency import EditConflict
from opengov.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory, policy_area
from opengov.plans import actions
from opengov.plans.models import CommitmentStatus, MilestoneStatus
from opengov.plans.phases import Phase


@pytest.fixture
def plan(albania):
    return ActionPlanFactory(member=albania, number=5, ogp_id="AP_ALB05", phase=Phase.CO_CREATION)


def test_a_new_plan_gets_the_next_number_and_ogp_id(albania, albania_editor):
    ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01")
    plan = actions.create_action_plan(albania_editor, albania, {"start_year": 2025, "end_year": 2027})
    assert (plan.number, plan.ogp_id) == (2, "AP_ALB02")
    assert plan.history.first().history_user == albania_editor


def test_an_editor_cannot_create_a_plan_for_another_member(armenia, albania_editor):
    with pytest.raises(PermissionDenied):
        actions.create_action_plan(albania_editor, armenia, {"start_year": 2025, "end_year": 2027})


def test_years_must_be_ordered(albania, albania_editor):
    with pytest.raises(ValidationError) as error:
        actions.create_action_plan(albania_editor, albania, {"start_year": 2027, "end_year": 2025})
    assert "end_year" in error.value.message_dict


def test_commitment_ids_follow_ogps_convention(plan, albania_editor):
    CommitmentFactory(action_plan=plan, ogp_id="AL0041")
    commitment = actions.create_commitment(
        albania_editor, plan, {"title": "Open budgets"}, policy_areas=[policy_area("Fiscal Openness")]
    )
    assert commitment.ogp_id == "AL0042"
    assert [a.label for a in commitment.policy_areas.all()] == ["Fiscal Openness"]


def test_update_records_who_changed_what_from_what(plan, albania_editor):
    commitment = CommitmentFactory(action_plan=plan, title="Before")
    changed = actions.update_commitment(albania_editor, commitment, {"title": "After"}, commitment.version)
    assert changed == ["title"]
    latest, previous = commitment.history.all()[:2]
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("title", "Before", "After")]
    assert latest.history_user == albania_editor


def test_an_update_that_changes_nothing_writes_nothing(plan, albania_editor):
    commitment = CommitmentFactory(action_plan=plan, title="Same")
    history_rows = commitment.history.count()
    assert actions.update_commitment(albania_editor, commitment, {"title": "Same"}, commitment.version) == []
    commitment.refresh_from_db()
    assert commitment.history.count() == history_rows
    assert commitment.version == 1


def test_a_stale_version_is_refused_and_nothing_is_overwritten(plan, albania_editor, albania_poc):
    commitment = CommitmentFactory(action_plan=plan, title="Original")
    read_by_both = commitment.version
    actions.update_commitment(albania_poc, commitment, {"title": "PoC's title"}, read_by_both)
    with pytest.raises(EditConflict) as conflict:
        actions.update_commitment(albania_editor, commitment, {"title": "Editor's title"}, read_by_both)
    assert conflict.value.current.title == "PoC's title"
    assert conflict.value.changed_by == albania_poc
    commitment.refresh_from_db()
    assert commitment.title == "PoC's title"


def test_changing_policy_areas_bumps_the_version(plan, albania_editor):
    commitment = CommitmentFactory(action_plan=plan)
    actions.update_commitment(albania_editor, commitment, {}, 1, policy_areas=[policy_area("Justice")])
    commitment.refresh_from_db()
    assert commitment.version == 2
    with pytest.raises(EditConflict):
        actions.update_commitment(albania_editor, commitment, {"title": "x"}, 1)


def test_phases_move_only_forward_as_declared(plan, albania_editor):
    with pytest.raises(ValidationError, match="cannot move to Ended"):
        actions.change_phase(albania_editor, plan, Phase.ENDED)
    plan = actions.change_phase(albania_editor, plan, Phase.SUBMITTED)
    assert plan.phase == Phase.SUBMITTED
    assert plan.submitted_on is not None


def test_submitted_plans_freeze_commitment_text_for_editors(plan, albania_editor, support_unit):
    commitment = CommitmentFactory(action_plan=plan)
    plan = actions.change_phase(albania_editor, plan, Phase.SUBMITTED)
    commitment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.update_commitment(albania_editor, commitment, {"title": "Late change"}, commitment.version)
    # The Support Unit corrects records whatever the phase.
    actions.update_commitment(support_unit, commitment, {"title": "Corrected"}, commitment.version)


def test_withdrawing_needs_a_public_reason(plan, albania_editor):
    commitment = CommitmentFactory(action_plan=plan)
    with pytest.raises(ValidationError):
        actions.withdraw_commitment(albania_editor, commitment, "  ", commitment.version)
    commitment = actions.withdraw_commitment(albania_editor, commitment, "Merged into AL0043", commitment.version)
    assert commitment.status == CommitmentStatus.WITHDRAWN
    assert commitment.history.first().history_change_reason == "Merged into AL0043"


def test_milestones_are_numbered_and_validated(plan, albania_editor):
    commitment = CommitmentFactory(action_plan=plan)
    first = actions.create_milestone(albania_editor, commitment, {"title": "Draft the law"})
    second = actions.create_milestone(albania_editor, commitment, {"title": "Pass the law"})
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError):
        actions.create_milestone(
            albania_editor,
            commitment,
            {"title": "Backwards", "start_date": datetime.date(2025, 5, 1), "end_date": datetime.date(2025, 1, 1)},
        )


def test_progress_is_reported_only_during_implementation(plan, albania_editor):
    commitment = CommitmentFactory(action_plan=plan)
    fields = {"completion": "limited", "text": "Drafted."}
    with pytest.raises(PermissionDenied):
        actions.create_progress_update(albania_editor, commitment, dict(fields))
    plan.phase = Phase.IMPLEMENTATION
    plan.save()
    commitment.refresh_from_db()
    update = actions.create_progress_update(
        albania_editor, commitment, dict(fields), evidence=[("https://gov.example.org/law.pdf", "Draft law")]
    )
    assert update.author == albania_editor
    assert [e.url for e in update.evidence.all()] == ["https://gov.example.org/law.pdf"]


def test_a_progress_update_refuses_a_bad_evidence_link_and_keeps_nothing(albania, albania_editor):
    plan = ActionPlanFactory(member=albania, phase=Phase.IMPLEMENTATION)
    commitment = CommitmentFactory(action_plan=plan)
    with pytest.raises(ValidationError):
        actions.create_progress_update(
            albania_editor, commitment, {"completion": "limited", "text": "x"}, evidence=[("not a url", "")]
        )
    assert commitment.progress_updates.count() == 0


def test_a_progress_update_cannot_point_at_another_commitments_milestone(albania, albania_editor):
    plan = ActionPlanFactory(member=albania, phase=Phase.IMPLEMENTATION)
    commitment = CommitmentFactory(action_plan=plan)
    foreign = MilestoneFactory(commitment=CommitmentFactory(action_plan=plan), status=MilestoneStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):
        actions.create_progress_update(
            albania_editor, commitment, {"completion": "limited", "text": "x", "milestone": foreign}
        )
