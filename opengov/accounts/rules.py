"""Who may grant and end roles: the Support Unit (IRM staff manage researchers in the irm app)."""

import rules

from .predicates import is_support_unit

rules.add_perm("accounts.manage_roles", is_support_unit)
