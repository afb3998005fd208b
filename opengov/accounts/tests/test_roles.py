import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from opengov.accounts.actions import end_role, grant_role
from opengov.accounts.models import Role, RoleAssignment
from opengov.accounts.predicates import roles_of
from opengov.factories import UserFactory


def test_granting_twice_keeps_one_open_assignment(albania, support_unit):
    user = UserFactory()
    first = grant_role(support_unit, user, Role.GOVERNMENT_EDITOR, albania)
    again = grant_role(support_unit, user, Role.GOVERNMENT_EDITOR, albania)
    assert first.pk == again.pk


def test_a_scoped_role_needs_its_scope(support_unit):
    with pytest.raises(ValidationError):
        grant_role(support_unit, UserFactory(), Role.GOVERNMENT_EDITOR)


def test_a_platform_role_takes_no_scope(albania, support_unit):
    with pytest.raises(ValidationError):
        grant_role(support_unit, UserFactory(), Role.MODERATOR, albania)


def test_the_database_refuses_a_role_with_the_wrong_scope(albania):
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=UserFactory(), role=Role.SUPPORT_UNIT, member=albania)


def test_only_the_support_unit_grants_roles(albania, albania_editor):
    with pytest.raises(PermissionDenied):
        grant_role(albania_editor, UserFactory(), Role.GOVERNMENT_EDITOR, albania)


def test_an_ended_role_no_longer_counts(albania, support_unit, albania_editor):
    assignment = albania_editor.role_assignments.get()
    assert albania.pk in roles_of(albania_editor).government_members
    end_role(support_unit, assignment)
    assert albania.pk not in roles_of(albania_editor).government_members
    assert albania_editor.role_assignments.count() == 1  # kept for the record


def test_roles_are_read_once_per_user_object(albania_editor, django_assert_num_queries, albania):
    albania_editor.__dict__.pop("_opengov_roles", None)
    with django_assert_num_queries(1):
        for _ in range(10):
            albania_editor.has_perm("plans.add_actionplan", albania)


def test_inactive_users_hold_no_roles(albania_editor):
    albania_editor.is_active = False
    albania_editor.__dict__.pop("_opengov_roles", None)
    assert not roles_of(albania_editor).government_members
