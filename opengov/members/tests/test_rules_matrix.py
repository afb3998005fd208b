"""Every role against every members rule, on its own member and on another one.

Expectations are written from OGP's process, not read from members/rules.py: the Support Unit manages
members, statuses and eligibility; representatives keep their own organisation's profile; nobody else
changes any of it (a government's Point of Contact does not set its own status).
"""

import pytest

from opengov.accounts.models import Role
from opengov.factories import CivilSocietyOrganisationFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "participant",
    "albania_editor",
    "albania_poc",
    "cso_rep",
    "irm_staff",
    "moderator",
    "support_unit",
]
MEMBER_RULES = [
    "members.add_member",
    "members.change_member",
    "members.change_member_status",
    "members.add_eligibilityscore",
    "members.change_eligibilityscore",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", MEMBER_RULES)
@pytest.mark.parametrize("target", ["albania", "armenia"])
def test_only_the_support_unit_changes_members(request, role, rule, target):
    user = request.getfixturevalue(role)
    member = request.getfixturevalue(target)
    assert user.has_perm(rule, member) is (role == "support_unit")


@pytest.mark.parametrize("role", ROLES)
def test_organisation_profiles_are_kept_by_their_representatives_and_the_support_unit(request, role):
    user = request.getfixturevalue(role)
    own = (
        user.role_assignments.get(role=Role.CSO_REPRESENTATIVE).organisation
        if role == "cso_rep"
        else CivilSocietyOrganisationFactory()
    )
    other = CivilSocietyOrganisationFactory()
    assert user.has_perm("members.change_civilsocietyorganisation", own) is (role in {"cso_rep", "support_unit"})
    assert user.has_perm("members.change_civilsocietyorganisation", other) is (role == "support_unit")
    assert user.has_perm("members.add_civilsocietyorganisation") is (role == "support_unit")
