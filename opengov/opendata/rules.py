"""Who may import OGP's data: the Support Unit (the upload page and the API check this rule; the command
line runs as the system operator, whose permission is shell access to the server)."""

from __future__ import annotations

import rules

from opengov.accounts.predicates import is_support_unit

rules.add_perm("opendata.import_data", is_support_unit)
rules.add_perm("opendata.view_importjob", is_support_unit)

from opengov.accounts.predicates import is_government_editor_of  # noqa: E402

# A government imports its own progress tracker; the Support Unit may import anyone's.
rules.add_perm("opendata.import_tracker", is_support_unit | is_government_editor_of)
