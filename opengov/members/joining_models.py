"""Joining OGP: national governments (letter of intent, Support Unit review, acceptance) and OGP Local calls for
expressions of interest (letters of support, a selection committee that scores with recusal, acceptance).

Private by design: letters (of intent, of support), contact e-mails, review notes and committee scores are read
only by the applicant and the Support Unit (scores: the committee too). Public pages show the How to join list and
each call's statistics, computed from the rows.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .eligibility import EligibilityResult, compute_eligibility
from .models import Member, Region

__all__ = [
    "MIN_MONTHS_LEFT_IN_TERM",
    "SCORE_FIELDS",
    "ApplicationStatus",
    "CandidateEligibility",
    "CommitteeSeat",
    "EoiStatus",
    "ExpressionOfInterest",
    "JoiningApplication",
    "LetterKind",
    "LetterOfSupport",
    "LocalCall",
    "Score",
]

MIN_MONTHS_LEFT_IN_TERM = 16
# A criterion scores 0-4. null=True and blank=True are written at each field, where the type checker sees them.
_CRITERION = [MinValueValidator(0), MaxValueValidator(4)]


class CandidateEligibility(models.Model):
    """A yearly eligibility score-sheet row for a country that is not (yet) a member: the four core criteria and
    the Values Check (which applies to countries not yet members). Members' rows are ``EligibilityScore``."""

    country = CountryField(_("country"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2011), MaxValueValidator(2100)])
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    fiscal_transparency = models.PositiveSmallIntegerField(
        _("Fiscal Transparency"), null=True, blank=True, validators=_CRITERION
    )
    access_to_information = models.PositiveSmallIntegerField(
        _("Access to Information"), null=True, blank=True, validators=_CRITERION
    )
    asset_disclosure = models.PositiveSmallIntegerField(
        _("Asset Disclosure"), null=True, blank=True, validators=_CRITERION
    )
    citizen_engagement = models.PositiveSmallIntegerField(
        _("Citizen Engagement"), null=True, blank=True, validators=_CRITERION
    )
    values_check_passed = models.BooleanField(_("Values Check passed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "-year"]
        verbose_name = _("eligibility score of a candidate country")
        verbose_name_plural = _("eligibility scores of candidate countries")
        constraints = [models.UniqueConstraint(fields=["country", "year"], name="candidate_one_per_country_year")]

    def __str__(self) -> str:
        return f"{self.country.name} {self.year}"

    @property
    def result(self) -> EligibilityResult:
        return compute_eligibility(
            [self.fiscal_transparency, self.access_to_information, self.asset_disclosure, self.citizen_engagement],
            self.values_check_passed,
        )


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    MORE_INFORMATION = "more_information", _("More information requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class JoiningApplication(models.Model):
    """A national government's letter of intent, its lead agency and Point of Contact, and the review."""

    country = CountryField(_("country"))
    government_name = models.CharField(_("member name"), max_length=200, help_text=_("As it will appear, e.g. Kenya."))
    lead_agency = models.CharField(_("lead ministry or agency"), max_length=300)
    poc_name = models.CharField(_("Point of Contact"), max_length=200)
    poc_email = models.EmailField(_("Point of Contact's e-mail"), help_text=_("Seen by the Support Unit only."))
    letter_of_intent = models.FileField(_("letter of intent"), upload_to="private/joining/%Y/", max_length=300)
    letter_content_type = models.CharField(max_length=100, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="joining_applications"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    information_requested = models.TextField(_("information requested"), blank=True)
    review_notes = models.TextField(_("review notes (Support Unit only)"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    member = models.OneToOneField(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="joining_application"
    )
    first_plan_due = models.DateField(_("first action plan due"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["poc_email", "review_notes"])

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("joining application")
        verbose_name_plural = _("joining applications")

    def __str__(self) -> str:
        return self.government_name

    def get_absolute_url(self) -> str:
        return reverse("members:joining-application", kwargs={"pk": self.pk})


class LocalCall(models.Model):
    """A call for expressions of interest to join OGP Local."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    text = models.TextField(_("call text"), help_text=_("Markdown."))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    places = models.PositiveSmallIntegerField(_("places"), help_text=_("How many new members the call aims at."))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on"]
        verbose_name = _("OGP Local call")
        verbose_name_plural = _("OGP Local calls")
        constraints = [
            models.CheckConstraint(
                name="localcall_closes_after_opening", condition=models.Q(closes_on__gte=models.F("opens_on"))
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("members:local-call", kwargs={"slug": self.slug})

    def is_open(self, on: datetime.date) -> bool:
        return self.opens_on <= on <= self.closes_on


class EoiStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    FINALIST = "finalist", _("Finalist")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExpressionOfInterest(models.Model):
    """One local jurisdiction's expression of interest in one call (one per jurisdiction per call)."""

    call = models.ForeignKey(LocalCall, on_delete=models.PROTECT, related_name="expressions")
    country_member = models.ForeignKey(
        Member,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="local_expressions",
        help_text=_("The OGP member country the jurisdiction belongs to."),
    )
    jurisdiction = models.CharField(_("jurisdiction"), max_length=200)
    jurisdiction_key = models.CharField(max_length=200, editable=False)
    jurisdiction_type = models.CharField(
        _("type of jurisdiction"), max_length=100, help_text=_("City, state, region, province, county…")
    )
    official_name = models.CharField(_("submitting official"), max_length=200)
    official_title = models.CharField(_("official's position"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"), help_text=_("Seen by the Support Unit only."))
    supporting_organisations = models.TextField(
        _("supporting non-governmental organisations"), help_text=_("One per line; at least one.")
    )
    reasons_and_ambition = models.TextField(_("reasons for joining and ambition"))
    track_record = models.TextField(_("open government track record in the past three years"))
    capacity_and_resources = models.TextField(_("capacity and resources"))
    benefits = models.TextField(_("expected benefits"))
    community_contribution = models.TextField(_("contribution to the OGP Local community"))
    term_ends_on = models.DateField(
        _("current administration's term ends on"), help_text=_("At least 16 months must be left when you apply.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="local_expressions"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=EoiStatus.choices, default=EoiStatus.SUBMITTED)
    member = models.OneToOneField(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_expression",
        help_text=_("The local member created when the finalist was accepted."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["contact_email"])

    class Meta:
        ordering = ["jurisdiction"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "country_member", "jurisdiction_key"], name="eoi_one_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} ({self.call})"

    def get_absolute_url(self) -> str:
        return reverse("members:eoi", kwargs={"slug": self.call.slug, "pk": self.pk})

    @property
    def organisations(self) -> list[str]:
        return [line.strip() for line in self.supporting_organisations.splitlines() if line.strip()]


class LetterKind(models.TextChoices):
    HEAD = "head", _("Head of the jurisdiction")
    NGO = "ngo", _("Non-governmental organisation")


class LetterOfSupport(models.Model):
    expression = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("from"), max_length=10, choices=LetterKind.choices)
    signatory = models.CharField(_("signed by"), max_length=200)
    file = models.FileField(_("letter"), upload_to="private/local/%Y/", max_length=300)
    content_type = models.CharField(max_length=100, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]
        verbose_name = _("letter of support")
        verbose_name_plural = _("letters of support")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.signatory}"


class CommitteeSeat(models.Model):
    """A member of a call's selection committee; ``country`` is where they come from (recusal)."""

    call = models.ForeignKey(LocalCall, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_seats")
    country = CountryField(_("country"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("selection committee member")
        verbose_name_plural = _("selection committee")
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="committee_seat_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.country.code})"


_SCORE = [MinValueValidator(0), MaxValueValidator(5)]
SCORE_FIELDS = ["reasons_and_ambition", "track_record", "capacity_and_resources", "benefits", "community_contribution"]


class Score(models.Model):
    """One committee member's scores (0-5 per criterion) of one expression of interest."""

    expression = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reasons_and_ambition = models.PositiveSmallIntegerField(_("reasons and ambition"), validators=_SCORE)
    track_record = models.PositiveSmallIntegerField(_("track record"), validators=_SCORE)
    capacity_and_resources = models.PositiveSmallIntegerField(_("capacity and resources"), validators=_SCORE)
    benefits = models.PositiveSmallIntegerField(_("benefits"), validators=_SCORE)
    community_contribution = models.PositiveSmallIntegerField(_("contribution to the community"), validators=_SCORE)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["expression", "scorer"], name="score_once_per_scorer")]

    def __str__(self) -> str:
        return f"{self.expression} by {self.scorer}"

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in SCORE_FIELDS)
