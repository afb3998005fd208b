"""Who may change members and the civil-society registry: the Support Unit (through its admin);
representatives keep their own organisation's profile up to date."""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import is_support_unit, roles_of


@rules.predicate
def represents_organisation(user: Any, organisation: Any) -> bool:
    return organisation is not None and organisation.pk in roles_of(user).organisations


rules.add_perm("members.add_member", is_support_unit)
rules.add_perm("members.change_member", is_support_unit)
rules.add_perm("members.change_member_status", is_support_unit)
rules.add_perm("members.add_eligibilityscore", is_support_unit)
rules.add_perm("members.change_eligibilityscore", is_support_unit)
rules.add_perm("members.add_civilsocietyorganisation", is_support_unit)
rules.add_perm("members.change_civilsocietyorganisation", is_support_unit | represents_organisation)

from . import joining_rules  # noqa: E402,F401  (joining OGP: national applications and OGP Local calls)
