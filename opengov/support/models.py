"""Staff support: a Point of Contact, government editor or civil-society representative asks the Support Unit for
help; the request is routed to the staff covering the member's region, answered in public replies, discussed in
internal notes (never shown to the requester, the API's public reads or open data), and timed to its first response.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opengov.members.models import Region

DEFAULT_FIRST_RESPONSE_HOURS = 48


def first_response_due() -> datetime.timedelta:
    """How long the Support Unit has for a first reply before a request counts as overdue."""
    return datetime.timedelta(
        hours=int(getattr(settings, "SUPPORT_FIRST_RESPONSE_HOURS", DEFAULT_FIRST_RESPONSE_HOURS))
    )


class StaffCoverage(models.Model):
    """A Support Unit staff member covers a region: requests about its members are routed to them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_coverage")
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regional coverage")
        verbose_name_plural = _("regional coverage")
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="support_coverage_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_region_display()}"


class Topic(models.TextChoices):
    CO_CREATION = "co_creation", _("Co-creation")
    PLAN_DESIGN = "plan_design", _("Action-plan design")
    IMPLEMENTATION = "implementation", _("Implementation")
    IRM = "irm", _("IRM")
    JOINING = "joining", _("Joining")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the requester")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)


class SupportRequestQuerySet(models.QuerySet["SupportRequest"]):
    def open(self) -> SupportRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now: datetime.datetime | None = None) -> SupportRequestQuerySet:
        """Open, not answered yet, and older than the first-response allowance."""
        cutoff = (now or timezone.now()) - first_response_due()
        return self.open().filter(first_response_at__isnull=True, created_at__lt=cutoff)

    def for_queue(self) -> SupportRequestQuerySet:
        return self.select_related("member", "requester", "assigned_to").order_by("-created_at", "-pk")


class SupportRequest(models.Model):
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="support_requests", verbose_name=_("member")
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_requests", verbose_name=_("asked by")
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), help_text=_("Markdown."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_support_requests",
        verbose_name=_("assigned to"),
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        # The queue lists newest first (created_at, pk) filtered by assignee, region or status: each view walks one
        # of these indexes backwards and stops after a page instead of sorting every request.
        indexes = [
            models.Index(fields=["created_at", "id"], name="support_created"),
            models.Index(fields=["status", "created_at"], name="support_status_created"),
            models.Index(fields=["assigned_to", "created_at"], name="support_assignee"),
            models.Index(fields=["member", "created_at"], name="support_member_created"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(first_response_at__isnull=True),
                name="support_awaiting_reply",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("support:request", kwargs={"pk": self.pk})

    @property
    def first_response_time(self) -> datetime.timedelta | None:
        return self.first_response_at - self.created_at if self.first_response_at else None

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        return (
            self.status in OPEN_STATUSES
            and self.first_response_at is None
            and self.created_at < (now or timezone.now()) - first_response_due()
        )


class MessageKind(models.TextChoices):
    REPLY = "reply", _("Reply")
    NOTE = "note", _("Internal note")


class SupportMessage(models.Model):
    """A reply (seen by the requester) or an internal note (Support Unit only). Never edited or deleted."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    body = models.TextField(_("message"), help_text=_("Markdown."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("support message")
        verbose_name_plural = _("support messages")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.request_id}"


class Attachment(models.Model):
    """A file sent with a request; served only to the requester and the Support Unit."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="private/support/%Y/%m/", max_length=300)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
