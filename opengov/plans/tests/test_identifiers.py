"""Identifiers belong to their member: the platform assigns them, only Support Unit staff set one by hand (and only
one of that member); a commitment continues only its own member's commitments unless Support Unit staff link it.
Pages, API and actions alike (the rule lives in plans/identifiers.py, called by plans/actions.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import ActionPlanFactory, CommitmentFactory, UserFactory
from opengov.plans import actions
from opengov.plans.models import ActionPlan, Commitment
from opengov.plans.phases import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def armenia_editor(armenia):
    user = UserFactory(email="editor@armenia.example.org")
    grant_role(None, user, Role.GOVERNMENT_EDITOR, armenia)
    return user


@pytest.fixture
def armenia_plan(armenia):
    return ActionPlanFactory(member=armenia, number=5, ogp_id="AP_ARM05", phase=Phase.CO_CREATION)


@pytest.fixture
def albania_commitment(albania):
    plan = ActionPlanFactory(member=albania, number=4, ogp_id="AP_ALB04", phase=Phase.ENDED)
    return CommitmentFactory(action_plan=plan, ogp_id="AL0100")


def test_an_editor_cannot_take_another_members_plan_id(api, armenia, armenia_editor):
    api.use_token(armenia_editor)
    response = api.post(
        "/api/v1/action-plans/", {"member": "armenia", "ogp_id": "AP_ALB09", "start_year": 2025, "end_year": 2027}
    )
    assert response.status_code == 400 and "ogp_id" in response.json()
    assert not ActionPlan.objects.filter(ogp_id="AP_ALB09").exists()
    response = api.post("/api/v1/action-plans/", {"member": "armenia", "start_year": 2025, "end_year": 2027})
    assert response.status_code == 201 and response.json()["ogp_id"].startswith("AP_ARM")


def test_an_editor_cannot_set_a_commitment_id(api, armenia_plan, armenia_editor):
    api.use_token(armenia_editor)
    body = {"action_plan": "AP_ARM05", "title": "Open contracting", "ogp_id": "AL0110"}
    response = api.post("/api/v1/commitments/", body)
    assert response.status_code == 400 and "ogp_id" in response.json()
    response = api.post("/api/v1/commitments/", {**body, "ogp_id": "AM0110"})  # even one of their own member
    assert response.status_code == 400 and "ogp_id" in response.json()
    del body["ogp_id"]
    assert api.post("/api/v1/commitments/", body).json()["ogp_id"] == "AM0001"


def test_support_unit_sets_ids_but_only_of_the_member(support_unit, albania, armenia_plan):
    plan = actions.create_action_plan(
        support_unit, albania, {"ogp_id": "AP_ALB09", "start_year": 2025, "end_year": 2027}
    )
    assert plan.ogp_id == "AP_ALB09"
    with pytest.raises(ValidationError) as refused:
        actions.create_action_plan(support_unit, albania, {"ogp_id": "ALB09", "start_year": 2025, "end_year": 2027})
    assert "ogp_id" in refused.value.message_dict
    with pytest.raises(ValidationError):
        actions.create_commitment(support_unit, armenia_plan, {"ogp_id": "AL0110", "title": "x"})
    assert actions.create_commitment(support_unit, armenia_plan, {"ogp_id": "AM0110", "title": "x"}).ogp_id == "AM0110"


def test_an_alias_prefix_the_member_already_uses_is_accepted(support_unit):
    """OGP writes the United Kingdom's commitments UK0051 although its member code is GB."""
    from opengov.factories import MemberFactory

    uk = MemberFactory(name="United Kingdom", slug="united-kingdom", ogp_code="GB", iso3="GBR", country="GB")
    plan = ActionPlanFactory(member=uk, number=2, ogp_id="AP_GBR02", phase=Phase.CO_CREATION)
    CommitmentFactory(action_plan=plan, ogp_id="UK0051")
    assert actions.create_commitment(support_unit, plan, {"ogp_id": "UK0052", "title": "x"}).ogp_id == "UK0052"


def test_the_next_id_skips_ids_taken_elsewhere(albania, armenia_plan):
    CommitmentFactory(action_plan=armenia_plan, ogp_id="AL0001")  # an old mistake, or an alias elsewhere
    assert actions.next_commitment_id(albania) == "AL0002"


def test_carried_forward_only_from_the_same_member(api, armenia_plan, armenia_editor, albania_commitment):
    api.use_token(armenia_editor)
    body = {"action_plan": "AP_ARM05", "title": "Continue", "carried_forward_from": "AL0100"}
    response = api.post("/api/v1/commitments/", body)
    assert response.status_code == 400 and "carried_forward_from" in response.json()
    own = CommitmentFactory(action_plan=ActionPlanFactory(member=armenia_plan.member, number=4), ogp_id="AM0040")
    created = api.post("/api/v1/commitments/", {**body, "carried_forward_from": own.ogp_id})
    assert created.status_code == 201
    commitment = Commitment.objects.get(ogp_id=created.json()["ogp_id"])
    response = api.patch(
        f"/api/v1/commitments/{commitment.ogp_id}/", {"carried_forward_from": "AL0100", "version": commitment.version}
    )
    assert response.status_code == 400 and "carried_forward_from" in response.json()
    commitment.refresh_from_db()
    assert commitment.carried_forward_from == own


def test_support_unit_may_link_across_members(support_unit, armenia_plan, albania_commitment):
    commitment = actions.create_commitment(support_unit, armenia_plan, {"title": "x"})
    actions.update_commitment(
        support_unit, commitment, {"carried_forward_from": albania_commitment}, commitment.version
    )
    commitment.refresh_from_db()
    assert commitment.carried_forward_from == albania_commitment
