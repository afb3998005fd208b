"""Role predicates shared by every app's rules.py.

A user's current roles are read once per request (one query) and cached on the user object, so a page
that checks permissions on a hundred rows still makes one query for roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import rules

from .models import GOVERNMENT_ROLES, Role, RoleAssignment

NATIONAL_KINDS = ("national", "other")  # members.MemberKind values (accounts sits below members)


@dataclass
class UserRoles:
    platform: set[str] = field(default_factory=set)
    government_members: set[int] = field(default_factory=set)  # member ids the user edits for
    organisations: set[int] = field(default_factory=set)  # civil-society organisations represented
    researcher_plans: set[int] = field(default_factory=set)  # action plans assigned by the IRM
    # ISO codes of the countries whose events the user moderates: country moderators, and the Point of Contact of
    # a national member for its own country
    moderated_countries: set[str] = field(default_factory=set)


_CACHE_ATTR = "_opengov_roles"


def roles_of(user: Any) -> UserRoles:
    if user is None or not user.is_authenticated or not user.is_active:
        return UserRoles()
    cached = getattr(user, _CACHE_ATTR, None)
    if isinstance(cached, UserRoles):
        return cached
    roles = UserRoles()
    rows = (
        RoleAssignment.objects.current()
        .filter(user=user)
        .values_list(
            "role", "member_id", "organisation_id", "action_plan_id", "country", "member__country", "member__kind"
        )
    )
    for role, member_id, organisation_id, action_plan_id, country, member_country, member_kind in rows:
        if role in GOVERNMENT_ROLES:
            roles.government_members.add(member_id)
            if role == Role.POINT_OF_CONTACT and member_country and member_kind in NATIONAL_KINDS:
                roles.moderated_countries.add(member_country)
        elif role == Role.COUNTRY_MODERATOR:
            roles.moderated_countries.add(country)
        elif role == Role.CSO_REPRESENTATIVE:
            roles.organisations.add(organisation_id)
        elif role == Role.IRM_RESEARCHER:
            roles.researcher_plans.add(action_plan_id)
        else:
            roles.platform.add(role)
    setattr(user, _CACHE_ATTR, roles)
    return roles


def forget_roles(user: Any) -> None:
    """Drop the cached roles after granting or ending one."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def member_id_of(obj: Any) -> int | None:
    """Every member-owned object (member, plan, commitment, milestone, update) exposes ``member_id``."""
    return getattr(obj, "member_id", None)


@rules.predicate
def is_support_unit(user: Any) -> bool:
    return Role.SUPPORT_UNIT in roles_of(user).platform or bool(getattr(user, "is_superuser", False))


@rules.predicate
def is_irm_staff(user: Any) -> bool:
    return Role.IRM_STAFF in roles_of(user).platform


@rules.predicate
def is_moderator(user: Any) -> bool:
    return Role.MODERATOR in roles_of(user).platform


@rules.predicate
def is_communications_editor(user: Any) -> bool:
    """OGP's communications team: curates stories (opengov.stories)."""
    return Role.COMMUNICATIONS_EDITOR in roles_of(user).platform


@rules.predicate
def is_any_government_editor(user: Any) -> bool:
    return bool(roles_of(user).government_members)


@rules.predicate
def is_government_editor_of(user: Any, obj: Any) -> bool:
    """The user edits for the member that owns ``obj`` (Point of Contact or government editor)."""
    member_id = member_id_of(obj)
    return member_id is not None and member_id in roles_of(user).government_members
