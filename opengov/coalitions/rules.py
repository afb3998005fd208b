"""Coalitions: everyone reads (the page, its members, commitments, resources, events and the visible discussion).
Joining: a government editor joins their member government, a civil-society representative their organisation,
any signed-in person as an individual. Participants (and Support Unit staff) post; any signed-in person flags;
moderators and the Support Unit hide and restore posts; the Support Unit runs the coalition itself."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from opengov.accounts.predicates import is_moderator, is_support_unit, roles_of


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _coalition_id(obj: Any) -> int | None:
    for path in ("coalition_id", "thread.coalition_id"):
        value: Any = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return int(value)
    return getattr(obj, "pk", None)


@rules.predicate
def takes_part(user: Any, obj: Any) -> bool:
    """The user takes part in the coalition: as an individual, or for a government or organisation in it."""
    if not getattr(user, "is_authenticated", False) or obj is None:
        return False
    from .models import Participant

    roles = roles_of(user)
    coalition_id = _coalition_id(obj)
    cache: dict[int | None, bool] = user.__dict__.setdefault("_coalition_cache", {})
    if coalition_id not in cache:
        cache[coalition_id] = (
            Participant.objects.current()
            .filter(coalition_id=coalition_id)  # type: ignore[misc]  # None (no coalition) looks up IS NULL: no rows
            .filter(
                Q(user_id=user.pk)
                | Q(member_id__in=roles.government_members)
                | Q(organisation_id__in=roles.organisations)
            )
            .exists()
        )
    return cache[coalition_id]


rules.add_perm("coalitions.view_coalition", rules.always_allow)
rules.add_perm("coalitions.add_coalition", is_support_unit)
rules.add_perm("coalitions.change_coalition", is_support_unit)
rules.add_perm("coalitions.join_coalition", is_signed_in)
rules.add_perm("coalitions.add_thread", is_support_unit | takes_part)
rules.add_perm("coalitions.add_post", is_support_unit | takes_part)
rules.add_perm("coalitions.flag_post", is_signed_in)
rules.add_perm("coalitions.moderate_post", is_support_unit | is_moderator)
rules.add_perm("coalitions.view_moderation", is_support_unit | is_moderator)
