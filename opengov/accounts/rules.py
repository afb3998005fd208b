"""Who may grant and end roles, and who may hold an API token."""

from typing import Any

import rules

from .predicates import is_support_unit, roles_of


@rules.predicate
def holds_any_role(user: Any) -> bool:
    """API tokens are for people who write through the API: anyone holding a current role."""
    roles = roles_of(user)
    return bool(
        roles.platform
        or roles.government_members
        or roles.organisations
        or roles.researcher_plans
        or roles.moderated_countries
    )


rules.add_perm("accounts.manage_roles", is_support_unit)  # IRM staff will manage researchers in the irm app
rules.add_perm("accounts.create_api_token", holds_any_role)
# The back office (core/admin.py) asks for this permission by name, so core does not import accounts.
rules.add_perm("accounts.use_back_office", is_support_unit)
