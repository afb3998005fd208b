"""Who may run editions, submit, edit, moderate, merge and upload events (the same names serve pages, API, admin).

Moderation is by country: a country moderator (accounts Role.COUNTRY_MODERATOR, scoped to a country) and the Point of
Contact of a national member moderate the events held in their country; Support Unit staff moderate everywhere.
National hubs upload in bulk for their countries; only Support Unit uploads may be approved at once.
"""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import is_support_unit, roles_of

from .choices import State


def country_of(obj: Any) -> str:
    return str(getattr(obj, "country", "") or "")


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def moderates_some_country(user: Any) -> bool:
    return bool(roles_of(user).moderated_countries)


@rules.predicate
def moderates_country_of(user: Any, obj: Any) -> bool:
    """The event (or anything with a ``country``) is in one of the user's countries."""
    country = country_of(obj)
    return bool(country) and country in roles_of(user).moderated_countries


@rules.predicate
def is_submitter(user: Any, obj: Any) -> bool:
    return getattr(obj, "submitted_by_id", None) == getattr(user, "pk", 0) and is_signed_in(user)


@rules.predicate
def is_public(user: Any, obj: Any) -> bool:
    return getattr(obj, "state", None) == State.APPROVED


@rules.predicate
def still_open(user: Any, obj: Any) -> bool:
    """Rejected and merged events are closed: nobody edits them any more (Support Unit aside)."""
    return getattr(obj, "state", None) not in (State.REJECTED, State.MERGED)


@rules.predicate
def accepts_submissions(user: Any, edition: Any) -> bool:
    return edition is not None and edition.accepts_submissions()


moderates = is_support_unit | moderates_country_of

rules.add_perm("events.change_edition", is_support_unit)  # obj: the edition or None (create)
rules.add_perm("events.submit_event", is_signed_in & (accepts_submissions | is_support_unit))  # obj: the edition
rules.add_perm("events.view_event", is_public | is_submitter | moderates)
rules.add_perm("events.view_contact", is_submitter | moderates)  # the private contact e-mail
rules.add_perm("events.change_event", is_support_unit | (still_open & (is_submitter | moderates_country_of)))
rules.add_perm("events.moderate_event", moderates)
rules.add_perm("events.merge_event", moderates)  # obj: the duplicate (the kept event is checked too)
rules.add_perm("events.view_queue", is_support_unit | moderates_some_country)
rules.add_perm("events.upload_events", is_support_unit | moderates_some_country)
rules.add_perm("events.approve_upload", is_support_unit)
