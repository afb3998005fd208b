"""Every write of staff support: asking, routing, replies, internal notes, status and assignment.

Routing: a new request goes to the Support Unit staff member who covers the member's region and has the fewest
open requests (ties: the longest-serving); with nobody covering the region it stays unassigned and every Support
Unit member is told. The first reply by Support Unit staff stamps ``first_response_at``; internal notes do not
count as a response (the requester never sees them).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.accounts.models import Role, RoleAssignment, User
from opengov.accounts.predicates import is_support_unit
from opengov.core import uploads
from opengov.core.concurrency import apply_changes, lock_version
from opengov.core.permissions import attribute_to, require
from opengov.members.models import Member

from .models import (
    OPEN_STATUSES,
    Attachment,
    MessageKind,
    StaffCoverage,
    Status,
    SupportMessage,
    SupportRequest,
)

MAX_MESSAGE_LENGTH = 20_000
MAX_ATTACHMENTS = 5


def _notify(recipients: list[Any], subject: str, body: str, url: str) -> None:
    from opengov.notifications.actions import notify

    notify(recipients, subject=subject, body=body, url=url)


def _check_text(field: str, text: str) -> None:
    if not text.strip():
        raise ValidationError({field: _("Write your message.")})
    if len(text) > MAX_MESSAGE_LENGTH:
        raise ValidationError({field: _("At most %(n)s characters, please.") % {"n": f"{MAX_MESSAGE_LENGTH:,}"}})


def support_staff() -> QuerySet[User]:
    """Users holding a current Support Unit role."""
    current = RoleAssignment.objects.current().filter(role=Role.SUPPORT_UNIT).values("user_id")
    return get_user_model().objects.filter(pk__in=current, is_active=True)


def route(member: Member) -> Any:
    """The staff member a request about ``member`` goes to (None: nobody covers the region)."""
    covering = StaffCoverage.objects.filter(region=member.region).values("user_id")
    return (
        support_staff()
        .filter(pk__in=covering)
        .annotate(
            load=Count("assigned_support_requests", filter=Q(assigned_support_requests__status__in=OPEN_STATUSES))
        )
        .order_by("load", "pk")
        .first()
    )


def _attach(user: Any, request: SupportRequest, files: list[UploadedFile[bytes]]) -> None:
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("At most %(n)s files, please.") % {"n": MAX_ATTACHMENTS}})
    for upload in files:
        try:
            content_type = uploads.check_upload(upload)
        except ValidationError as error:
            raise ValidationError({"attachments": error.message_dict.get("file", error.messages)}) from error
        name = (upload.name or "attachment")[-200:]
        upload.name = uploads.storage_name(name)
        Attachment.objects.create(request=request, file=upload, name=name, content_type=content_type, uploaded_by=user)


@transaction.atomic
def ask(
    user: Any, member: Member, fields: dict[str, Any], files: list[UploadedFile[bytes]] | None = None
) -> SupportRequest:
    require(user, "support.add_supportrequest", member)
    _check_text("message", fields.get("message", ""))
    request = SupportRequest(member=member, requester=user, assigned_to=route(member), **fields)
    request.full_clean()
    attribute_to(request, user)
    request.save()
    _attach(user, request, files or [])
    recipients = [request.assigned_to] if request.assigned_to else list(support_staff())
    _notify(
        recipients,
        _("Support request from %(member)s: %(subject)s") % {"member": member, "subject": request.subject},
        _("Topic: %(topic)s.") % {"topic": request.get_topic_display()},
        request.get_absolute_url(),
    )
    return request


@transaction.atomic
def reply(user: Any, request: SupportRequest, body: str) -> SupportMessage:
    """A public reply: from the Support Unit to the requester, or the requester's follow-up."""
    require(user, "support.reply_supportrequest", request)
    _check_text("body", body)
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    message = SupportMessage.objects.create(request=request, author=user, kind=MessageKind.REPLY, body=body)
    from_staff = is_support_unit(user) and user.pk != request.requester_id
    changes: dict[str, Any] = {}
    if from_staff and request.first_response_at is None:
        changes["first_response_at"] = message.created_at
    if from_staff and request.status == Status.NEW:
        changes["status"] = Status.IN_PROGRESS
    if not from_staff and request.status in (Status.WAITING, Status.RESOLVED):
        changes["status"] = Status.IN_PROGRESS
        changes["resolved_at"] = None
    attribute_to(request, user, reason=_("Reply"))
    apply_changes(request, changes)
    if from_staff:
        recipients = [request.requester]
    else:
        recipients = [request.assigned_to] if request.assigned_to else list(support_staff())
    _notify(
        recipients,
        _("New reply: %(subject)s") % {"subject": request.subject},
        "",
        request.get_absolute_url(),
    )
    return message


@transaction.atomic
def add_note(user: Any, request: SupportRequest, body: str) -> SupportMessage:
    """An internal note: Support Unit only; never shown to the requester and never a first response."""
    require(user, "support.note_supportrequest", request)
    _check_text("body", body)
    return SupportMessage.objects.create(request=request, author=user, kind=MessageKind.NOTE, body=body)


@transaction.atomic
def update(user: Any, request: SupportRequest, changes: dict[str, Any], expected_version: int | None) -> list[str]:
    """Change the status or the assignee."""
    require(user, "support.change_supportrequest", request)
    request = lock_version(request, expected_version)
    assignee = changes.get("assigned_to")
    if assignee is not None and not support_staff().filter(pk=assignee.pk).exists():
        raise ValidationError({"assigned_to": _("Assign the request to Support Unit staff.")})
    if "status" in changes:
        resolved = changes["status"] in (Status.RESOLVED, Status.CLOSED)
        if resolved and request.resolved_at is None:
            changes["resolved_at"] = timezone.now()
        elif not resolved:
            changes["resolved_at"] = None
    attribute_to(request, user)
    changed = apply_changes(request, changes)
    if "status" in changed and request.status == Status.RESOLVED:
        _notify(
            [request.requester],
            _("Your support request was resolved: %(subject)s") % {"subject": request.subject},
            _("Reply on the request's page if you still need help."),
            request.get_absolute_url(),
        )
    if "assigned_to" in changed and request.assigned_to and request.assigned_to != user:
        _notify(
            [request.assigned_to],
            _("Support request assigned to you: %(subject)s") % {"subject": request.subject},
            "",
            request.get_absolute_url(),
        )
    return changed
