"""Who may import OGP's data: the Support Unit (the upload page and the API check this rule; the command
line runs as the system operator, whose permission is shell access to the server)."""

from __future__ import annotations

import rules

from opengov.accounts.predicates import is_support_unit

rules.add_perm("opendata.import_data", is_support_unit)
rules.add_perm("opendata.view_importjob", is_support_unit)
