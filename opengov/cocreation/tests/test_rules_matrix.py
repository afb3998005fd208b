"""Permission matrix: every role x every co-creation rule x own/other member x plan phase."""

from __future__ import annotations

import pytest

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    ConsultationFactory,
    ContributionFactory,
    ForumFactory,
    UserFactory,
)
from opengov.plans.phases import Phase

ROLES = [
    "anonymous",
    "participant",
    "cso_rep",
    "albania_editor",
    "armenia_editor",
    "moderator",
    "irm_staff",
    "support_unit",
]


@pytest.fixture
def armenia_editor(armenia):
    user = UserFactory()
    grant_role(None, user, Role.GOVERNMENT_EDITOR, armenia)
    return user


def expected_member_rule(role):
    return role in ("albania_editor", "support_unit")


# rule -> function(role, phase) -> allowed. Objects belong to Albania.
EXPECTED = {
    "cocreation.change_forum": lambda role, phase: expected_member_rule(role),
    "cocreation.add_meeting": lambda role, phase: expected_member_rule(role),
    "cocreation.add_document": lambda role, phase: expected_member_rule(role),
    "cocreation.add_consultation": lambda role, phase: (
        role == "support_unit" or (role == "albania_editor" and phase == Phase.CO_CREATION)
    ),
    "cocreation.contribute": lambda role, phase: role != "anonymous" and phase == Phase.CO_CREATION,
    "cocreation.support_contribution": lambda role, phase: role != "anonymous" and phase == Phase.CO_CREATION,
    "cocreation.flag_contribution": lambda role, phase: role != "anonymous",
    "cocreation.moderate_contribution": lambda role, phase: role in ("moderator", "support_unit"),
    "cocreation.respond_contribution": lambda role, phase: (
        role == "support_unit" or (role == "albania_editor" and phase in (Phase.CO_CREATION, Phase.SUBMITTED))
    ),
    "cocreation.override_submission": lambda role, phase: role == "support_unit",
    "cocreation.record_standard": lambda role, phase: role in ("irm_staff", "support_unit"),
    "cocreation.add_monitoring_note": lambda role, phase: (
        role == "cso_rep" and phase in (Phase.IMPLEMENTATION, Phase.ENDED)
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("role", ROLES)
def test_matrix(request, role, phase, albania, armenia):
    user = request.getfixturevalue(role)
    plan = ActionPlanFactory(member=albania, phase=phase)
    consultation = ConsultationFactory(action_plan=plan)
    contribution = ContributionFactory(consultation=consultation)  # written by someone else
    objects = {
        "cocreation.change_forum": albania,
        "cocreation.add_meeting": ForumFactory(member=albania),
        "cocreation.add_document": albania,
        "cocreation.add_consultation": plan,
        "cocreation.contribute": consultation,
        "cocreation.support_contribution": contribution,
        "cocreation.flag_contribution": contribution,
        "cocreation.moderate_contribution": contribution,
        "cocreation.respond_contribution": contribution,
        "cocreation.override_submission": plan,
        "cocreation.record_standard": plan,
        "cocreation.add_monitoring_note": CommitmentFactory(action_plan=plan),
    }
    wrong = {
        rule: (rule, user.has_perm(rule, obj), expected(role, phase))
        for rule, obj in objects.items()
        if (expected := EXPECTED[rule]) and user.has_perm(rule, obj) != expected(role, phase)
    }
    assert not wrong


@pytest.mark.django_db
def test_authors_cannot_support_or_flag_their_own(consultation, participant):
    own = ContributionFactory(consultation=consultation, author=participant)
    assert not participant.has_perm("cocreation.support_contribution", own)
    assert not participant.has_perm("cocreation.flag_contribution", own)


@pytest.mark.django_db
def test_closed_consultation_takes_no_contributions(draft_plan, participant):
    import datetime

    closed = ConsultationFactory(
        action_plan=draft_plan, opens_on=datetime.date(2022, 1, 15), closes_on=datetime.date(2022, 2, 1)
    )
    assert not participant.has_perm("cocreation.contribute", closed)
