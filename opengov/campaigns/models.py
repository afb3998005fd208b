"""Campaigns (DOMAIN.md 5.4): Break the Roles, Open Response + Open Recovery (+ Open Renewal), the Open Gov Challenge.

A campaign has a period, hero text in English, Spanish and French, guides and documents, themes (or the Challenge's
areas) and targets. A target names an indicator of campaigns/targets.py (computed live from the platform's data)
with a threshold and a deadline; nothing about its value is typed in. Crowdsourced examples, member pledges and
Challenge submissions are the campaigns' own data.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from opengov.members.models import Member
from opengov.plans.models import Commitment

MAX_TEXT = 5000


class Campaign(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Markdown is allowed."))
    hero_en = models.CharField(_("hero text (English)"), max_length=300)
    hero_es = models.CharField(_("hero text (Spanish)"), max_length=300, blank=True)
    hero_fr = models.CharField(_("hero text (French)"), max_length=300, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    collects_examples = models.BooleanField(_("collects crowdsourced examples"), default=False)
    takes_pledges = models.BooleanField(_("takes member pledges"), default=False)
    takes_challenge_submissions = models.BooleanField(_("takes Open Gov Challenge submissions"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                name="campaign_ends_after_start", condition=models.Q(ends_on__gte=models.F("starts_on"))
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    @property
    def hero(self) -> str:
        """The hero text in the reader's language, English when it has not been translated."""
        lang = (get_language() or "en")[:2]
        return getattr(self, f"hero_{lang}", "") or self.hero_en


class DocumentKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    DOCUMENT = "document", _("Document")
    EVENT = "event", _("Event")


class CampaignDocument(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.GUIDE)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("campaign document")
        verbose_name_plural = _("campaign documents")

    def __str__(self) -> str:
        return self.title


class Theme(models.Model):
    """A theme of a campaign (Open Response's six themes) or an area of the Open Gov Challenge."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["campaign", "slug"], name="theme_unique_slug")]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """A measurable target: ``indicator`` (a key of campaigns/targets.py) at least ``threshold`` by ``deadline``."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    title = models.CharField(_("title"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=60)
    threshold = models.DecimalField(_("threshold"), max_digits=8, decimal_places=2)
    window_starts_on = models.DateField(_("counted from"))
    deadline = models.DateField(_("deadline"))
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                name="target_deadline_after_start", condition=models.Q(deadline__gte=models.F("window_starts_on"))
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from .targets import REGISTRY

        if self.indicator not in REGISTRY:
            raise ValidationError({"indicator": _("Choose one of the campaign indicators.")})


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Not reviewed")
    REVIEWED = "reviewed", _("Reviewed by OGP")
    DECLINED = "declined", _("Declined")


class Example(models.Model):
    """A crowdsourced example (Open Response): public at once, marked "not reviewed or vetted by OGP" until staff
    review it; a declined example is hidden."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="examples")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="examples", verbose_name=_("theme"))
    country = CountryField(_("country"))
    description = models.TextField(_("what was done"))
    source_url = models.URLField(_("source"), max_length=500)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("review"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("crowdsourced example")
        verbose_name_plural = _("crowdsourced examples")
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return self.description[:80]


class PledgeOutcome(models.TextChoices):
    PENDING = "pending", _("Due")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class Pledge(models.Model):
    """A member's stated action with a due date, followed up by the Support Unit as met or not."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pledges")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="campaign_pledges")
    action = models.TextField(_("pledged action"))
    due_on = models.DateField(_("due on"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=PledgeOutcome.choices, default=PledgeOutcome.PENDING
    )
    follow_up = models.TextField(_("follow-up"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return f"{self.member}: {self.action[:60]}"


class SubmissionKind(models.TextChoices):
    STANDALONE = "standalone", _("Standalone reform")
    NOMINATED = "nominated", _("Nominated action-plan commitments")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ChallengeSubmission(models.Model):
    """An Open Gov Challenge submission by a member, or by a public institution of a country that is not one."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="submissions")
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenge_submissions",
        verbose_name=_("OGP member"),
    )
    institution = models.CharField(_("public institution"), max_length=300)
    country = CountryField(_("country"))
    level_of_government = models.CharField(_("level of government"), max_length=100, blank=True)
    title = models.CharField(_("title of the reform"), max_length=300)
    description = models.TextField(_("the reform and its milestones"))
    kind = models.CharField(_("kind"), max_length=20, choices=SubmissionKind.choices, default=SubmissionKind.STANDALONE)
    commitments = models.ManyToManyField(Commitment, blank=True, related_name="challenge_submissions")
    area = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("Challenge area"),
        help_text=_("Assigned by the Support Unit."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Open Gov Challenge submission")
        verbose_name_plural = _("Open Gov Challenge submissions")

    def __str__(self) -> str:
        return self.title
