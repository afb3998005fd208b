"""Writes to members: status changes (with dated history) and eligibility scores."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core.permissions import attribute_to, require

from .models import EligibilityScore, Member, MemberStatus, StatusChange


@transaction.atomic
def change_status(user: Any, member: Member, status: str, effective_date: datetime.date, reason: str) -> StatusChange:
    """Record a status change. The member's current status follows the latest entry in effect today,
    so a change dated in the future is recorded now and takes effect on its date (see refresh_status)."""
    require(user, "members.change_member_status", member)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the status change; it is published.")})
    change = StatusChange(
        member=member,
        status=MemberStatus(status),
        effective_date=effective_date,
        reason=reason,
        recorded_by=user,
    )
    change.full_clean(exclude=["recorded_by"])
    change.save()
    refresh_status(member, user)
    return change


def refresh_status(member: Member, user: Any = None) -> None:
    """Set the member's status to the latest change in effect today (idempotent; run daily too)."""
    today = timezone.localdate()
    latest = member.status_changes.filter(effective_date__lte=today).order_by("-effective_date", "-recorded_at").first()
    status, since = (latest.status, latest.effective_date) if latest else (MemberStatus.ACTIVE, member.join_date)
    if (member.status, member.status_since) != (status, since):
        member.status, member.status_since = status, since
        attribute_to(member, user, reason=latest.reason if latest else "")
        member.save(update_fields=["status", "status_since"])


@transaction.atomic
def record_eligibility(user: Any, member: Member, year: int, fields: dict[str, Any]) -> EligibilityScore:
    """Create or update the member's score sheet row for a year."""
    require(user, "members.add_eligibilityscore", member)
    score, _created = EligibilityScore.objects.select_for_update().get_or_create(
        member=member, year=year, defaults=fields
    )
    if not _created:
        for name, value in fields.items():
            setattr(score, name, value)
    score.full_clean()
    attribute_to(score, user)
    score.save()
    return score
