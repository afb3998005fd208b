"""Who may do what in joining OGP (imported by rules.py).

- National: any signed-in person submits a letter of intent for their government; they and the Support Unit read
  it; only the Support Unit reviews, asks for more and accepts.
- OGP Local: the Support Unit opens calls and decides; any signed-in official submits an expression of interest
  while the call is open; the submitter uploads letters of support once shortlisted and may withdraw until a
  decision; the call's selection committee reads and scores the applications, except those from the committee
  member's own country (recusal); contact e-mails and letters stay with the submitter and the Support Unit.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from opengov.accounts.predicates import is_support_unit


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def submitted_it(user: Any, obj: Any) -> bool:
    return obj is not None and getattr(user, "pk", None) == obj.submitted_by_id


@rules.predicate
def call_is_open(user: Any, call: Any) -> bool:
    return call is not None and call.is_open(timezone.localdate())


def _committee_countries(user: Any, call_id: int | None) -> set[str] | None:
    """The countries of ``user``'s seats on the call's committee (None: not on it), cached per user and call."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache: dict[int | None, set[str] | None] = user.__dict__.setdefault("_committee_cache", {})
    if call_id not in cache:
        from .joining_models import CommitteeSeat

        countries = {
            str(c) for c in CommitteeSeat.objects.filter(call_id=call_id, user=user).values_list("country", flat=True)
        }
        cache[call_id] = countries or None
    return cache[call_id]


@rules.predicate
def on_committee(user: Any, obj: Any) -> bool:
    call_id = getattr(obj, "call_id", None) or getattr(obj, "pk", None)
    return obj is not None and _committee_countries(user, call_id) is not None


@rules.predicate
def not_own_country(user: Any, expression: Any) -> bool:
    """Recusal: a committee member does not score (or read) an applicant from their own country."""
    countries = _committee_countries(user, expression.call_id) or set()
    return expression.country_member.country.code not in countries


@rules.predicate
def shortlisted(user: Any, expression: Any) -> bool:
    return expression.status in ("shortlisted", "finalist") and expression.member_id is None


@rules.predicate
def undecided(user: Any, expression: Any) -> bool:
    return expression.status in ("submitted", "shortlisted", "finalist") and expression.member_id is None


rules.add_perm("members.add_joiningapplication", is_signed_in)
rules.add_perm("members.view_joiningapplication", is_support_unit | submitted_it)
rules.add_perm("members.review_joiningapplication", is_support_unit)
rules.add_perm("members.add_candidateeligibility", is_support_unit)
rules.add_perm("members.change_candidateeligibility", is_support_unit)

rules.add_perm("members.add_localcall", is_support_unit)
rules.add_perm("members.change_localcall", is_support_unit)
rules.add_perm("members.add_expressionofinterest", is_signed_in & call_is_open)
rules.add_perm("members.view_expressionofinterest", is_support_unit | submitted_it | (on_committee & not_own_country))
rules.add_perm("members.view_private_expression", is_support_unit | submitted_it)  # contact e-mail, letters
rules.add_perm("members.add_letterofsupport", submitted_it & shortlisted)
rules.add_perm("members.withdraw_expressionofinterest", submitted_it & undecided)
rules.add_perm("members.score_expressionofinterest", on_committee & not_own_country & undecided)
rules.add_perm("members.decide_expressionofinterest", is_support_unit)
rules.add_perm("members.view_committee_queue", is_support_unit | on_committee)
