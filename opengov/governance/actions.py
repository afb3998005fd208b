"""Every write of the governance app: mandates (with the checks run first), meetings, documents and decisions.

A mandate change is checked before it is saved (checks.warnings_for_change). If it would break parity, over-fill a
sector or exceed the term limit, ``GovernanceWarnings`` is raised with the warnings; the Support Unit screen shows
them and the change goes through only when the person confirms (``confirm=True``). Confirmed overrides are recorded
in the history's change reason.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from opengov.core.concurrency import apply_changes, lock_version
from opengov.core.permissions import attribute_to, require

from . import checks
from .models import Body, Decision, Mandate, Meeting, MeetingDocument


class GovernanceWarnings(Exception):
    def __init__(self, warnings: list[checks.Warning]):
        self.warnings = warnings
        super().__init__("; ".join(w.message for w in warnings))


def _check_change(body: Body, changed: Mandate, confirm: bool) -> str:
    """Run the checks on the body's mandates with ``changed`` in place; return the override reason if confirmed."""
    before = list(Mandate.objects.filter(body=body))
    after = [*(m for m in before if changed.pk is None or m.pk != changed.pk), changed]
    found = checks.warnings_for_change(body, before, after, changed, timezone.localdate())
    if found and not confirm:
        raise GovernanceWarnings(found)
    return "; ".join(w.message for w in found)


@transaction.atomic
def add_mandate(user: Any, body: Body, fields: dict[str, Any], confirm: bool = False) -> Mandate:
    require(user, "governance.add_mandate", body)
    mandate = Mandate(body=body, **fields)
    mandate.full_clean()
    reason = _check_change(body, mandate, confirm)
    attribute_to(mandate, user, reason=reason)
    mandate.save()
    return mandate


@transaction.atomic
def change_mandate(
    user: Any, mandate: Mandate, changes: dict[str, Any], expected_version: int | None, confirm: bool = False
) -> list[str]:
    """Change a mandate (typically: record that its holder left, or correct a date)."""
    require(user, "governance.change_mandate", mandate)
    mandate = lock_version(mandate, expected_version)
    proposed = Mandate(**{f.attname: getattr(mandate, f.attname) for f in Mandate._meta.concrete_fields})
    for name, value in changes.items():
        setattr(proposed, name, value)
    proposed.full_clean(validate_unique=False)
    reason = _check_change(mandate.body, proposed, confirm)
    attribute_to(mandate, user, reason=reason)
    return apply_changes(mandate, changes)


@transaction.atomic
def end_mandate(
    user: Any, mandate: Mandate, left_on: datetime.date, expected_version: int | None, confirm: bool = False
) -> list[str]:
    return change_mandate(user, mandate, {"left_on": left_on}, expected_version, confirm)


@transaction.atomic
def add_meeting(user: Any, body: Body, fields: dict[str, Any]) -> Meeting:
    require(user, "governance.add_meeting", body)
    meeting = Meeting(body=body, **fields)
    meeting.full_clean()
    attribute_to(meeting, user)
    meeting.save()
    return meeting


@transaction.atomic
def add_document(user: Any, meeting: Meeting, title: str, url: str) -> MeetingDocument:
    require(user, "governance.add_meetingdocument", meeting)
    document = MeetingDocument(meeting=meeting, title=title, url=url)
    document.full_clean()
    attribute_to(document, user)
    document.save()
    return document


@transaction.atomic
def add_decision(user: Any, meeting: Meeting, text: str) -> Decision:
    require(user, "governance.add_decision", meeting)
    decision = Decision(meeting=meeting, text=text, recorded_by=user)
    decision.full_clean(exclude=["recorded_by"])
    attribute_to(decision, user)
    decision.save()
    return decision
