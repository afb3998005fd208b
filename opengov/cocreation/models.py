"""Co-creation (OGP Participation and Co-Creation Standards, DOMAIN.md 2.2): the multi-stakeholder forum and its
meetings, the member's document repository, consultations on a draft plan with contributions, supports, flags and the
government's reasoned responses, civil-society monitoring notes, and what the IRM records against the standards.

Every member-owned row exposes ``member_id`` so the shared predicates (accounts/predicates.py) read it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opengov.core.queries import count_related
from opengov.members.models import CivilSocietyOrganisation, Member
from opengov.plans.models import ActionPlan, Commitment

# Standard 3: the co-creation timeline is public at least this long before participation opens (DOMAIN.md 2.2).
TIMELINE_NOTICE = datetime.timedelta(days=14)
# Standard 1 and 2: "at least every six months" / "at least twice a year", read as no gap over 183 days.
SIX_MONTHS = datetime.timedelta(days=183)

MAX_CONTRIBUTION_LENGTH = 5000
MAX_TITLE_LENGTH = 200


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other non-governmental")


class Forum(models.Model):
    """A member's multi-stakeholder forum (Standard 1): one per member."""

    member = models.OneToOneField(Member, on_delete=models.PROTECT, related_name="forum", verbose_name=_("member"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("about the forum"), blank=True, help_text=_("Markdown is allowed."))
    rules_of_participation = models.TextField(
        _("rules of participation"),
        blank=True,
        help_text=_("How members are chosen, how decisions are taken, how anyone can take part. Markdown is allowed."),
    )
    rules_url = models.URLField(_("rules of participation (link)"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("multi-stakeholder forum")
        verbose_name_plural = _("multi-stakeholder forums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cocreation:forum", kwargs={"slug": self.member.slug})

    @property
    def rules_are_public(self) -> bool:
        return bool(self.rules_of_participation.strip() or self.rules_url)


class ForumSeatQuerySet(models.QuerySet["ForumSeat"]):
    def current(self, today: datetime.date) -> ForumSeatQuerySet:
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gte=today))


class ForumSeat(models.Model):
    """A person sitting on the forum for a sector. Leaving sets ``until``; seats are never deleted."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="seats")
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("institution or organisation"), max_length=300, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    organisation = models.ForeignKey(
        CivilSocietyOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_seats",
        verbose_name=_("registered organisation"),
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ForumSeatQuerySet.as_manager()

    class Meta:
        ordering = ["sector", "name"]
        verbose_name = _("forum seat")
        verbose_name_plural = _("forum seats")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_sector_display()})"

    @property
    def member_id(self) -> int:
        return self.forum.member_id


class MeetingKind(models.TextChoices):
    CO_CREATION = "co_creation", _("Forum meeting")
    IMPLEMENTATION = "implementation", _("Implementation dialogue")


class Meeting(models.Model):
    """A forum meeting (Standard 1) or an implementation dialogue with civil society (Standard 5)."""

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("forum"))
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.CO_CREATION)
    action_plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("action plan discussed"),
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown is allowed."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown is allowed."))
    attendees_government = models.PositiveSmallIntegerField(_("government attendees"), default=0)
    attendees_civil_society = models.PositiveSmallIntegerField(_("civil-society attendees"), default=0)
    attendees_other = models.PositiveSmallIntegerField(_("other attendees"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["forum", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"

    @property
    def member_id(self) -> int:
        return self.forum.member_id

    @property
    def attendance(self) -> int:
        return self.attendees_government + self.attendees_civil_society + self.attendees_other

    def get_absolute_url(self) -> str:
        return reverse("cocreation:meeting", kwargs={"slug": self.forum.member.slug, "pk": self.pk})


class DocumentKind(models.TextChoices):
    RULES = "rules", _("Forum rules")
    MINUTES = "minutes", _("Meeting minutes")
    TIMELINE = "timeline", _("Co-creation timeline")
    DRAFT_PLAN = "draft_plan", _("Draft action plan")
    CONSULTATION_REPORT = "consultation_report", _("Consultation report")
    REASONED_RESPONSE = "reasoned_response", _("Reasoned response")
    ACTION_PLAN = "action_plan", _("Action plan")
    PROGRESS = "progress", _("Implementation progress")
    OTHER = "other", _("Other")


class DocumentQuerySet(models.QuerySet["Document"]):
    def for_list(self) -> DocumentQuerySet:
        return self.select_related("action_plan__member", "member")


class Document(models.Model):
    """A document of the member's public repository (Standard 2): an uploaded file or a link."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="cocreation_documents", verbose_name=_("member")
    )
    action_plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cocreation_documents",
        verbose_name=_("action plan"),
    )
    kind = models.CharField(_("type"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    published_on = models.DateField(_("date"))
    file = models.FileField(_("file"), upload_to="cocreation/documents/%Y/%m/", blank=True, max_length=300)
    content_type = models.CharField(_("file type"), max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True, editable=False)
    url = models.URLField(_("link"), blank=True, max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("repository document")
        verbose_name_plural = _("repository documents")
        indexes = [models.Index(fields=["member", "published_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Give either a file or a link (one of the two)."))

    @property
    def is_image(self) -> bool:
        return self.content_type in ("image/png", "image/jpeg")

    def get_download_url(self) -> str:
        if self.url:
            return self.url
        return reverse("cocreation:document-file", kwargs={"slug": self.member.slug, "pk": self.pk})


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def for_list(self) -> ConsultationQuerySet:
        return self.select_related("action_plan__member").annotate(
            contribution_count=count_related(Contribution.objects.visible(), "consultation")
        )


class ConsultationTiming(models.TextChoices):
    """Where a consultation stands on a given day: a reader must not read "closed" before it opened."""

    UPCOMING = "upcoming", _("not open yet")
    OPEN = "open", _("open now")
    CLOSED = "closed", _("closed")


class Consultation(models.Model):
    """A dated public consultation on a draft action plan (Standard 3)."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("draft action plan")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("what is asked, and the timeline"), blank=True, help_text=_("Markdown is allowed.")
    )
    timeline_published_on = models.DateField(
        _("timeline published on"), help_text=_("At least two weeks before the consultation opens.")
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.title

    @property
    def member_id(self) -> int:
        return self.action_plan.member_id

    @property
    def notice_given(self) -> bool:
        """Standard 3: was the timeline public at least two weeks before the consultation opened?"""
        return self.opens_on - self.timeline_published_on >= TIMELINE_NOTICE

    def is_open(self, today: datetime.date) -> bool:
        return self.timing(today) == ConsultationTiming.OPEN

    def timing(self, today: datetime.date) -> ConsultationTiming:
        if today < self.opens_on:
            return ConsultationTiming.UPCOMING
        return ConsultationTiming.OPEN if today <= self.closes_on else ConsultationTiming.CLOSED

    def get_absolute_url(self) -> str:
        return reverse("cocreation:consultation", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("A consultation cannot close before it opens.")
        if self.timeline_published_on and self.opens_on and self.timeline_published_on > self.opens_on:
            errors["timeline_published_on"] = _("The timeline is published before the consultation opens.")
        if errors:
            raise ValidationError(errors)


class ContributionKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal for a new commitment")
    COMMENT = "comment", _("Comment on a draft commitment")


class Visibility(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by a moderator")


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def visible(self) -> ContributionQuerySet:
        return self.filter(visibility=Visibility.VISIBLE)

    def unanswered(self) -> ContributionQuerySet:
        """Visible contributions without a response (hidden ones are abuse, not input to answer)."""
        return self.visible().filter(response__isnull=True)

    def for_list(self) -> ContributionQuerySet:
        """A page of contributions with author, organisation, commitment and response: one query.

        ``support_count`` is a counter column kept by the support action, so a page never counts supports.
        """
        return self.select_related("author", "organisation", "commitment", "response", "response__commitment").order_by(
            "-created_at", "-pk"
        )


class Contribution(models.Model):
    """A proposal for a new commitment or a comment on a draft one, by a participant or an organisation.

    Never deleted: moderators hide it with a public reason, and can restore it.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=20, choices=ContributionKind.choices)
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("draft commitment"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("author")
    )
    organisation = models.ForeignKey(
        CivilSocietyOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("on behalf of"),
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE_LENGTH, blank=True)
    body = models.TextField(_("text"), max_length=MAX_CONTRIBUTION_LENGTH, help_text=_("Markdown is allowed."))
    created_at = models.DateTimeField(auto_now_add=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    flag_count = models.PositiveIntegerField(_("flags"), default=0, editable=False)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    history = HistoricalRecords(excluded_fields=["support_count", "flag_count"])
    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            models.Index(fields=["consultation", "visibility", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.title or (self.body[:60] + ("…" if len(self.body) > 60 else ""))

    @property
    def member_id(self) -> int:
        return self.consultation.action_plan.member_id

    @property
    def is_hidden(self) -> bool:
        return self.visibility == Visibility.HIDDEN

    def get_absolute_url(self) -> str:
        return reverse("cocreation:consultation", kwargs={"pk": self.consultation_id}) + f"#contribution-{self.pk}"

    def clean(self) -> None:
        if self.kind == ContributionKind.COMMENT and not self.commitment_id:
            raise ValidationError({"commitment": _("Say which draft commitment you comment on.")})
        if self.kind == ContributionKind.PROPOSAL and not self.title.strip():
            raise ValidationError({"title": _("Give your proposal a title.")})
        if (
            self.commitment_id
            and self.consultation_id
            and self.commitment is not None  # it has an id
            and self.commitment.action_plan_id != self.consultation.action_plan_id
        ):
            raise ValidationError({"commitment": _("This commitment is not in the draft plan under consultation.")})


class Support(models.Model):
    """One user supports one contribution once (a unique pair)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["contribution", "user"], name="support_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.contribution_id}"


class Flag(models.Model):
    """A user reports a contribution to the moderators (once per user and contribution)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("why"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [models.UniqueConstraint(fields=["contribution", "user"], name="flag_once_per_user")]

    def __str__(self) -> str:
        return f"{self.contribution_id}: {self.reason[:60]}"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class Response(models.Model):
    """The government's reasoned response to one contribution (Standard 4).

    ``commitment`` is the draft commitment that resulted (the traceability link: proposal -> commitment).
    """

    contribution = models.OneToOneField(Contribution, on_delete=models.PROTECT, related_name="response")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    justification = models.TextField(
        _("justification"), max_length=MAX_CONTRIBUTION_LENGTH, help_text=_("Markdown is allowed.")
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="origin_responses",
        verbose_name=_("resulting commitment"),
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("answered at"))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("reasoned response")
        verbose_name_plural = _("reasoned responses")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.contribution}"

    @property
    def member_id(self) -> int:
        return self.contribution.consultation.action_plan.member_id

    def clean(self) -> None:
        if not self.justification.strip():
            raise ValidationError({"justification": _("Explain the decision; the justification is public.")})


class SubmissionOverride(models.Model):
    """Support Unit staff let a plan be submitted although contributions are unanswered, with a recorded reason."""

    action_plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="submission_overrides")
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("submission override")
        verbose_name_plural = _("submission overrides")

    def __str__(self) -> str:
        return f"{self.action_plan}: {self.reason[:60]}"


class MonitoringNote(models.Model):
    """A civil-society note on a commitment's implementation (Standard 5); moderated like contributions."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="monitoring_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        CivilSocietyOrganisation,
        on_delete=models.PROTECT,
        related_name="monitoring_notes",
        verbose_name=_("organisation"),
    )
    body = models.TextField(_("note"), max_length=MAX_CONTRIBUTION_LENGTH, help_text=_("Markdown is allowed."))
    created_at = models.DateTimeField(auto_now_add=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("monitoring note")
        verbose_name_plural = _("monitoring notes")

    def __str__(self) -> str:
        return f"{self.commitment.ogp_id}: {self.body[:60]}"

    @property
    def member_id(self) -> int:
        return self.commitment.action_plan.member_id


class AssessmentStatus(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class StandardAssessment(models.Model):
    """The IRM's finding on a minimum requirement the data cannot decide (standards.RECORDED)."""

    action_plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="standard_assessments")
    key = models.CharField(_("requirement"), max_length=50)
    status = models.CharField(_("finding"), max_length=10, choices=AssessmentStatus.choices)
    note = models.TextField(_("note"), help_text=_("What the finding rests on (public)."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("standard assessment")
        verbose_name_plural = _("standard assessments")
        constraints = [
            models.UniqueConstraint(fields=["action_plan", "key"], name="standardassessment_one_per_requirement")
        ]

    def __str__(self) -> str:
        return f"{self.action_plan}: {self.key} {self.status}"

    @property
    def member_id(self) -> int:
        return self.action_plan.member_id
