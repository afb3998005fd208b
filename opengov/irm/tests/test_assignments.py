"""Researchers declare conflicts of interest before IRM staff assign them; assignment drives the role."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opengov.accounts.models import User
from opengov.accounts.predicates import roles_of
from opengov.factories import UserFactory
from opengov.irm.actions import assign_researcher, declare_interests, end_assignment


def test_declare_then_assign_then_end(irm_staff, albania_plan):
    user = UserFactory()
    assignment = declare_interests(user, albania_plan, "", no_conflict=True)
    assert albania_plan.pk not in roles_of(user).researcher_plans
    assign_researcher(irm_staff, assignment)
    assert albania_plan.pk in roles_of(User.objects.get(pk=user.pk)).researcher_plans
    end_assignment(irm_staff, assignment, "Report delivered")
    assert albania_plan.pk not in roles_of(User.objects.get(pk=user.pk)).researcher_plans


def test_a_declared_conflict_or_no_declaration_blocks_the_assignment(irm_staff, albania_plan):
    conflicted = declare_interests(UserFactory(), albania_plan, "I advise the ministry.", no_conflict=False)
    with pytest.raises(ValidationError, match="conflict"):
        assign_researcher(irm_staff, conflicted)
    with pytest.raises(ValidationError):
        declare_interests(UserFactory(), albania_plan, "", no_conflict=False)


@pytest.mark.parametrize("persona", ["albania_editor", "support_unit", "participant"])
def test_only_irm_staff_assign(request, persona, albania_plan):
    assignment = declare_interests(UserFactory(), albania_plan, "", no_conflict=True)
    with pytest.raises(PermissionDenied):
        assign_researcher(request.getfixturevalue(persona), assignment)
