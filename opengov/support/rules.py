"""Who asks for help, who reads what, who answers.

- Asking: a Point of Contact or government editor for their own member; a civil-society representative for a
  member their organisation works with. Support Unit staff may open a request on someone's behalf too.
- Reading a request and its replies: the person who asked and the Support Unit. Nobody else (not even other
  editors of the member): requests can hold sensitive context.
- Internal notes, status, assignment, the queue and a member's support timeline: the Support Unit only.
"""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import is_government_editor_of, is_support_unit, roles_of
from opengov.members.models import Member


@rules.predicate
def represents_organisation_working_with(user: Any, member: Member | None) -> bool:
    organisations = roles_of(user).organisations
    if not organisations or member is None:
        return False
    return member.civil_society_organisations.filter(pk__in=organisations).exists()


@rules.predicate
def asked_it(user: Any, request: Any) -> bool:
    return request is not None and getattr(user, "pk", None) == request.requester_id


rules.add_perm(
    "support.add_supportrequest", is_support_unit | is_government_editor_of | represents_organisation_working_with
)
rules.add_perm("support.view_supportrequest", is_support_unit | asked_it)
rules.add_perm("support.reply_supportrequest", is_support_unit | asked_it)
rules.add_perm("support.note_supportrequest", is_support_unit)
rules.add_perm("support.change_supportrequest", is_support_unit)
rules.add_perm("support.view_queue", is_support_unit)
rules.add_perm("support.view_member_timeline", is_support_unit)
rules.add_perm("support.add_staffcoverage", is_support_unit)
rules.add_perm("support.change_staffcoverage", is_support_unit)
