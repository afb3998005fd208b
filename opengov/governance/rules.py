"""Governance: everyone reads composition, meetings and decisions; only the Support Unit changes them."""

from __future__ import annotations

import rules

from opengov.accounts.predicates import is_support_unit

rules.add_perm("governance.view_body", rules.always_allow)
rules.add_perm("governance.add_body", is_support_unit)
rules.add_perm("governance.change_body", is_support_unit)
rules.add_perm("governance.view_mandate", rules.always_allow)
rules.add_perm("governance.add_mandate", is_support_unit)
rules.add_perm("governance.change_mandate", is_support_unit)
rules.add_perm("governance.view_contact_email", is_support_unit)
rules.add_perm("governance.add_meeting", is_support_unit)
rules.add_perm("governance.change_meeting", is_support_unit)
rules.add_perm("governance.add_meetingdocument", is_support_unit)
rules.add_perm("governance.change_meetingdocument", is_support_unit)
rules.add_perm("governance.add_decision", is_support_unit)
rules.add_perm("governance.change_decision", is_support_unit)
