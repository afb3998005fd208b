"""Who may do what in insights: reading is public; the Support Unit imports third-party numbers and
creates and generates Global Report editions."""

from __future__ import annotations

import rules

from opengov.accounts.predicates import is_support_unit

rules.add_perm("insights.import_third_party", is_support_unit)
rules.add_perm("insights.add_edition", is_support_unit)
rules.add_perm("insights.generate_edition", is_support_unit)
