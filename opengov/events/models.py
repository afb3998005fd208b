"""Open Gov Week (DOMAIN.md 5.1): yearly editions, the events people submit to them, each moderation decision,
short links for filtered calendar feeds, and bulk upload jobs.

Times are stored in UTC (``starts_at``/``ends_at``) with the organiser's IANA zone beside them (``timezone``), so
lists sort and filter on plain columns and every page can show the event's own clock and the reader's.
"""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import now
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from opengov.members.models import Member, Region
from opengov.plans.models import ActionPlan, Commitment

from .choices import LANGUAGES, Decision, EventType, Format, OrganiserType, State, Topic, split_codes
from .regions import region_of

MAX_TITLE = 200


class Edition(models.Model):
    """One year's Open Gov Week: official dates, theme and call in three languages, the submission window."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    starts_on = models.DateField(_("official week starts"))
    ends_on = models.DateField(_("official week ends"))
    theme_en = models.CharField(_("theme (English)"), max_length=200)
    theme_es = models.CharField(_("theme (Spanish)"), max_length=200, blank=True)
    theme_fr = models.CharField(_("theme (French)"), max_length=200, blank=True)
    call_en = models.TextField(_("call to action (English)"), blank=True, help_text=_("Markdown is allowed."))
    call_es = models.TextField(_("call to action (Spanish)"), blank=True, help_text=_("Markdown is allowed."))
    call_fr = models.TextField(_("call to action (French)"), blank=True, help_text=_("Markdown is allowed."))
    submissions_open_on = models.DateField(_("submissions open"))
    submissions_close_on = models.DateField(_("submissions close"))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Open Gov Week edition")
        verbose_name_plural = _("Open Gov Week editions")
        constraints = [
            models.CheckConstraint(
                name="edition_week_in_order", condition=models.Q(ends_on__gte=models.F("starts_on"))
            ),
            models.CheckConstraint(
                name="edition_window_in_order",
                condition=models.Q(submissions_close_on__gte=models.F("submissions_open_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"Open Gov Week {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("events:edition", kwargs={"year": self.year})

    def _localised(self, prefix: str) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"{prefix}_{language}", "") or getattr(self, f"{prefix}_en")

    @property
    def theme(self) -> str:
        return self._localised("theme")

    @property
    def call(self) -> str:
        return self._localised("call")

    def accepts_submissions(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.submissions_open_on <= today <= self.submissions_close_on)


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> EventQuerySet:
        return self.filter(state=State.APPROVED)

    def for_list(self) -> EventQuerySet:
        """What a list row shows, in the same query: the edition and the linked member."""
        return self.select_related("edition", "member").only(
            "pk",
            "slug",
            "title",
            "country",
            "city",
            "format",
            "event_type",
            "organiser_name",
            "starts_at",
            "ends_at",
            "timezone",
            "state",
            "topics",
            "languages",
            "edition__year",
            "member__name",
            "member__slug",
        )

    def overlapping(self, start: datetime, end: datetime) -> EventQuerySet:
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class Event(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="events", verbose_name=_("edition"))
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # the iCal UID, never changes
    slug = models.SlugField(_("slug"), max_length=80, editable=False)
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    description = models.TextField(_("description"), help_text=_("Markdown is allowed."))
    organiser_name = models.CharField(_("organiser"), max_length=200)
    organiser_type = models.CharField(_("type of organiser"), max_length=20, choices=OrganiserType.choices)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, editable=False)
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("OGP member"),
        help_text=_("The national or local member the event belongs to, when there is one."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Where to join online."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(_("time zone"), max_length=64, help_text=_("IANA time zone, e.g. Europe/Rome."))
    languages = models.CharField(_("languages"), max_length=200, blank=True)  # "|en|fr|"
    topics = models.CharField(_("topics"), max_length=300, blank=True)  # "|civic_space|other|"
    event_type = models.CharField(_("type of event"), max_length=30, choices=EventType.choices)
    registration_url = models.URLField(_("registration link"), blank=True)
    action_plans = models.ManyToManyField(
        ActionPlan, blank=True, related_name="events", verbose_name=_("action plans discussed")
    )
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="events", verbose_name=_("commitments discussed")
    )
    image = models.FileField(_("image"), upload_to="events/%Y/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), help_text=_("Only for the moderators and OGP: never shown publicly.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submitted_events",
        verbose_name=_("submitted by"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, editable=False)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_duplicates", editable=False
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted at"), default=now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["state", "starts_at"], name="event_state_start"),
            models.Index(fields=["state", "edition", "starts_at"], name="event_state_edition_start"),
            models.Index(fields=["state", "country", "starts_at"], name="event_state_country_start"),
            models.Index(fields=["state", "region", "starts_at"], name="event_state_region_start"),
            models.Index(fields=["state", "longitude", "latitude"], name="event_state_position"),
            models.Index(fields=["state", "approved_at"], name="event_state_approved"),
            models.Index(fields=["submitted_by", "starts_at"], name="event_submitter_start"),
        ]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_start", condition=models.Q(ends_at__gte=models.F("starts_at"))
            ),
            models.CheckConstraint(
                name="event_position_complete",
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk, "slug": self.slug or "event"})

    def set_region(self) -> None:
        """The region follows the country (bulk writers call this; ``save`` does it itself)."""
        self.region = region_of(str(self.country)) if self.country else Region.AFRICA_MIDDLE_EAST

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_region()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "country" in update_fields:
            kwargs["update_fields"] = [*update_fields, "region"]
        super().save(*args, **kwargs)

    # ---- what the pages read

    @property
    def is_public(self) -> bool:
        return self.state == State.APPROVED

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.tz)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.tz)

    @property
    def topic_list(self) -> list[str]:
        return split_codes(self.topics)

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(code, code)) for code in self.topic_list]

    @property
    def language_list(self) -> list[str]:
        return split_codes(self.languages)

    @property
    def language_labels(self) -> list[str]:
        labels = dict(LANGUAGES)
        return [str(labels.get(code, code)) for code in self.language_list]

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def place(self) -> str:
        parts = [self.city, self.country.name if self.country else ""]
        return ", ".join(p for p in parts if p)


class ModerationDecision(models.Model):
    """One step of an event's review: who decided what, when and why. Never edited."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=now)
    other_event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.get_decision_display()}"


class FeedLink(models.Model):
    """A short, stable name for a filtered list: ``/events/feeds/<key>.ics`` stays short whatever the filters
    (long query strings break Google Calendar's subscription, Decidim #9116). The key is a hash of the canonical
    query, so the same filters always get the same link."""

    key = models.CharField(max_length=16, unique=True)
    query = models.TextField()
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")

    def __str__(self) -> str:
        return f"{self.key}: {self.query}"


class UploadStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class UploadJob(models.Model):
    """A bulk upload of events (CSV or XLSX): its options, progress and row-by-row report."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="upload_jobs")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="events/uploads/")
    filename = models.CharField(max_length=200)
    dry_run = models.BooleanField(_("dry run (check only, import nothing)"), default=False)
    import_good_rows = models.BooleanField(_("import the good rows even if some are wrong"), default=False)
    approve = models.BooleanField(_("approve the imported events at once"), default=False)
    status = models.CharField(max_length=10, choices=UploadStatus.choices, default=UploadStatus.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # [{"row": 3, "column": "country", "value": "XX", "reason": "..."}]
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event upload")
        verbose_name_plural = _("event uploads")

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("events:upload-job", kwargs={"pk": self.pk})

    @property
    def percent(self) -> int:
        return int(100 * self.done_rows / self.total_rows) if self.total_rows else (100 if self.finished else 0)

    @property
    def finished(self) -> bool:
        return self.status in (UploadStatus.DONE, UploadStatus.FAILED)
