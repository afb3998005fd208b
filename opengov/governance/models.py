"""OGP's governance bodies: the Steering Committee, its subcommittees, the Board and the International Experts
Panel; who holds their seats and for which term; their meetings, documents and decisions.

Nothing here stores a judgement: parity, vacancies, terms ending soon and term-limit breaches are computed from the
mandates by ``checks.py`` every time they are shown.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

TERM_YEARS = 3
TERM_START_MONTH, TERM_START_DAY = 10, 1  # terms start on 1 October of the election year
MAX_CONSECUTIVE_TERMS = 2


def term_end(starts_on: datetime.date, years: int = TERM_YEARS) -> datetime.date:
    """The last day of a term that starts on ``starts_on`` (three years: 1 Oct 2023 -> 30 Sep 2026)."""
    return starts_on.replace(year=starts_on.year + years) - datetime.timedelta(days=1)


def term_start(year: int) -> datetime.date:
    return datetime.date(year, TERM_START_MONTH, TERM_START_DAY)


class BodyKind(models.TextChoices):
    STEERING_COMMITTEE = "steering_committee", _("Steering Committee")
    SUBCOMMITTEE = "subcommittee", _("Subcommittee")
    BOARD = "board", _("Board")
    EXPERTS_PANEL = "experts_panel", _("International Experts Panel")


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    INDEPENDENT = "independent", _("Independent")


class Position(models.TextChoices):
    MEMBER = "member", _("Member")
    INCOMING_CO_CHAIR = "incoming_co_chair", _("Incoming co-chair")
    LEAD_CO_CHAIR = "lead_co_chair", _("Lead co-chair")
    OUTGOING_CO_CHAIR = "outgoing_co_chair", _("Outgoing co-chair")
    CHAIR = "chair", _("Chair")


CO_CHAIR_POSITIONS = (Position.INCOMING_CO_CHAIR, Position.LEAD_CO_CHAIR, Position.OUTGOING_CO_CHAIR)


class Body(models.Model):
    """A governance body and its seats: how many per sector. Parity bodies must hold equal government and
    civil-society seats (the Steering Committee and its subcommittees)."""

    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), on_delete=models.PROTECT, null=True, blank=True, related_name="subbodies"
    )
    description = models.TextField(_("description"), blank=True)
    government_seats = models.PositiveSmallIntegerField(_("government seats"), default=0)
    civil_society_seats = models.PositiveSmallIntegerField(_("civil-society seats"), default=0)
    independent_seats = models.PositiveSmallIntegerField(_("independent seats"), default=0)
    requires_parity = models.BooleanField(
        _("government and civil society in parity"),
        default=False,
        help_text=_("The body must hold as many government as civil-society members."),
    )
    limits_terms = models.BooleanField(
        _("terms limited"),
        default=True,
        help_text=_("At most two consecutive three-year terms."),
    )
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", kwargs={"slug": self.slug})

    def seats_for(self, sector: str) -> int:
        return {
            Sector.GOVERNMENT: self.government_seats,
            Sector.CIVIL_SOCIETY: self.civil_society_seats,
            Sector.INDEPENDENT: self.independent_seats,
        }[Sector(sector)]


class MandateQuerySet(models.QuerySet["Mandate"]):
    def current(self, on: datetime.date) -> MandateQuerySet:
        return self.filter(starts_on__lte=on).filter(
            models.Q(left_on__isnull=True, ends_on__gte=on) | models.Q(left_on__gte=on, ends_on__gte=on)
        )

    def for_page(self) -> MandateQuerySet:
        return self.select_related("body", "member").order_by("sector", "holder", "starts_on")


class Mandate(models.Model):
    """One person or government holding a seat of a body for one term (three years from 1 October by default).

    ``holder`` identifies who holds it across terms (the government's name or the person's name) so that
    consecutive terms of the same holder can be counted; ``left_on`` records an early departure. Mandates are
    never deleted: the composition history is the list of mandates.
    ``contact_email`` is for the Support Unit only; it is never shown on public pages, the API or open data.
    """

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("body"))
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    position = models.CharField(_("position"), max_length=30, choices=Position.choices, default=Position.MEMBER)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governance_mandates",
        help_text=_("For a government seat: the member government that holds it."),
    )
    holder = models.CharField(
        _("holder"),
        max_length=200,
        help_text=_("The government or person holding the seat; the same spelling links consecutive terms."),
    )
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    ministerial_lead = models.CharField(_("ministerial lead"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact e-mail (Support Unit only)"), blank=True)
    starts_on = models.DateField(_("term starts on"))
    ends_on = models.DateField(_("term ends on"))
    left_on = models.DateField(_("left on"), null=True, blank=True, help_text=_("Only if the holder left early."))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["contact_email"])
    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["body", "sector", "holder", "starts_on"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        indexes = [models.Index(fields=["body", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                name="mandate_ends_after_start", condition=models.Q(ends_on__gt=models.F("starts_on"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.holder} ({self.body}, {self.starts_on:%Y}-{self.ends_on:%Y})"

    @property
    def last_day(self) -> datetime.date:
        return min(self.ends_on, self.left_on) if self.left_on else self.ends_on

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The term must end after it starts.")})
        if self.left_on and self.starts_on and self.left_on < self.starts_on:
            raise ValidationError({"left_on": _("Leaving cannot come before the term starts.")})
        if (
            self.sector == Sector.GOVERNMENT
            and self.body_id
            and self.body.kind != BodyKind.BOARD
            and not self.member_id
        ):
            raise ValidationError({"member": _("A government seat is held by a member government.")})


class MeetingLevel(models.TextChoices):
    WORKING = "working", _("Working level")
    MINISTERIAL = "ministerial", _("Ministerial level")


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body"))
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"))
    level = models.CharField(_("level"), max_length=20, choices=MeetingLevel.choices, default=MeetingLevel.WORKING)
    location = models.CharField(_("location"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", kwargs={"slug": self.body.slug, "pk": self.pk})


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"), help_text=_("Markdown."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]
