"""Members of OGP (national and local governments), their status history, eligibility, and the
registry of civil-society organisations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .eligibility import EligibilityResult, compute_eligibility


class Region(models.TextChoices):
    AFRICA_MIDDLE_EAST = "africa_middle_east", _("Africa and the Middle East")
    AMERICAS = "americas", _("Americas")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EUROPE = "europe", _("Europe")


class MemberKind(models.TextChoices):
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local")
    LEGACY_LOCAL = "legacy_local", _("Legacy Local")
    OTHER = "other", _("Other")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    UNDER_PROCEDURAL_REVIEW = "under_procedural_review", _("Under Procedural Review")
    INACTIVE = "inactive", _("Inactive")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LOCAL_KINDS = (MemberKind.LOCAL, MemberKind.LEGACY_LOCAL)


# The apps above members add what their part of the directory and of the member page needs (plans: each member's
# plan count, and its plans with their counts), so this module reads no app above it. Registered in their
# AppConfig.ready().
_directory_annotations: dict[str, Callable[[], Any]] = {}
_public_page_prefetches: list[Callable[[], models.Prefetch[str]]] = []


def register_directory_annotation(name: str, expression: Callable[[], Any]) -> None:
    """``expression()`` (an annotation such as a counting subquery) is added as ``name`` to ``for_directory()``."""
    _directory_annotations[name] = expression


def register_public_page_prefetch(prefetch: Callable[[], models.Prefetch[str]]) -> None:
    """``prefetch()`` is added to ``for_public_page()`` (registering the same function twice is harmless)."""
    if prefetch not in _public_page_prefetches:
        _public_page_prefetches.append(prefetch)


class MemberQuerySet(models.QuerySet["Member"]):
    def for_directory(self) -> MemberQuerySet:
        """What the directory and API list need, in one query: parent name and counts as annotations (the apps
        above add theirs: register_directory_annotation)."""
        return self.select_related("parent").annotate(
            **{name: expression() for name, expression in _directory_annotations.items()}
        )

    def for_public_page(self) -> MemberQuerySet:
        """Everything the public member page shows, in a fixed number of queries.

        Points of Contact come as ``point_of_contact_assignments`` (current assignments with their user)
        so the page can show public names without touching e-mail addresses or querying per person.
        """
        from opengov.accounts.models import Role, RoleAssignment

        return self.select_related("parent").prefetch_related(
            "status_changes",
            "eligibility_scores",
            *(prefetch() for prefetch in _public_page_prefetches),
            models.Prefetch("locals", queryset=Member.objects.order_by("name")),
            "civil_society_organisations",
            models.Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.current()
                .filter(role=Role.POINT_OF_CONTACT)
                .select_related("user")
                .order_by("granted_at"),
                to_attr="point_of_contact_assignments",
            ),
        )

    def key_numbers(self) -> dict[str, int]:
        """Active national and local members, in one aggregate query."""
        active = models.Q(status=MemberStatus.ACTIVE)
        return self.aggregate(
            active_national=models.Count(
                "pk", filter=active & models.Q(kind__in=[MemberKind.NATIONAL, MemberKind.OTHER])
            ),
            active_local=models.Count("pk", filter=active & models.Q(kind__in=LOCAL_KINDS)),
        )

    def national(self) -> MemberQuerySet:
        return self.filter(kind__in=[MemberKind.NATIONAL, MemberKind.OTHER])

    def local(self) -> MemberQuerySet:
        return self.filter(kind__in=LOCAL_KINDS)

    def search(self, text: str) -> MemberQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(name__icontains=text) | models.Q(lead_agency__icontains=text) | models.Q(ogp_code__iexact=text)
        )


class Member(models.Model):
    """A national or local government that takes part in OGP.

    ``ogp_code`` is the prefix of the member's commitment ids (``AL`` for Albania, ``BUE`` for Buenos
    Aires); ``iso3`` is the data's ``Code`` column. ``status`` mirrors the latest StatusChange and is only
    written by members.actions.do_change_status.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=MemberKind.choices, default=MemberKind.NATIONAL)
    country = CountryField(_("country"), blank=True, help_text=_("ISO 3166 country (for locals, their country)."))
    iso3 = models.CharField(_("ISO 3 code"), max_length=3, blank=True)
    ogp_code = models.CharField(
        _("OGP code"), max_length=8, unique=True, help_text=_("Prefix of commitment ids, e.g. AL or BUE.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("national member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locals",
        help_text=_("For a local member: the national member of its country."),
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    join_date = models.DateField(_("joined on"), null=True, blank=True)
    lead_agency = models.CharField(_("lead agency"), max_length=300, blank=True)
    website_url = models.URLField(_("OGP website"), blank=True)
    repository_url = models.URLField(_("document repository"), blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=MemberStatus.choices, default=MemberStatus.ACTIVE, editable=False
    )
    status_since = models.DateField(_("status since"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [models.Index(fields=["region", "kind", "status"])]
        constraints = [
            models.CheckConstraint(
                name="member_local_has_parent_only_if_local",
                condition=models.Q(parent__isnull=True) | models.Q(kind__in=list(LOCAL_KINDS)),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:detail", kwargs={"slug": self.slug})

    @property
    def member_id(self) -> int:
        """Every object that belongs to a member exposes ``member_id``; permission predicates read it."""
        return self.pk

    @property
    def is_local(self) -> bool:
        return self.kind in LOCAL_KINDS

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.is_local and self.parent_id is None and self.kind == MemberKind.LOCAL:
            raise ValidationError({"parent": _("A local member belongs to the national member of its country.")})
        if self.parent_id and not self.is_local:
            raise ValidationError({"parent": _("Only local members have a national member.")})
        if self.parent is not None and self.parent.is_local:
            raise ValidationError({"parent": _("The parent must be a national member.")})


class StatusChange(models.Model):
    """One dated entry of a member's status history. Never edited: a correction is a new entry."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=30, choices=MemberStatus.choices)
    effective_date = models.DateField(_("effective from"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_date", "-recorded_at"]
        get_latest_by = ["effective_date", "recorded_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()} from {self.effective_date}"

    @property
    def is_scheduled(self) -> bool:
        """Dated in the future: recorded, not in effect yet (refresh_member_statuses applies it on its date)."""
        return self.effective_date > timezone.localdate()


# Each core criterion scores 0-4; empty means "no data for this country".
# A criterion scores 0-4. null=True and blank=True are written at each field, where the type checker sees them.
_CRITERION = [MinValueValidator(0), MaxValueValidator(4)]


class EligibilityScore(models.Model):
    """A yearly core-eligibility score sheet row (updated by the Support Unit in the first half of the year)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="eligibility_scores")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2011), MaxValueValidator(2100)])
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
    values_check_passed = models.BooleanField(
        _("Values Check passed"),
        null=True,
        blank=True,
        help_text=_("Leave empty where the check does not apply."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["member", "-year"]
        verbose_name = _("eligibility score")
        verbose_name_plural = _("eligibility scores")
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="eligibility_one_per_member_year")]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"

    @property
    def criteria(self) -> list[int | None]:
        return [
            self.fiscal_transparency,
            self.access_to_information,
            self.asset_disclosure,
            self.citizen_engagement,
        ]

    @property
    def result(self) -> EligibilityResult:
        return compute_eligibility(self.criteria, self.values_check_passed)


class CivilSocietyOrganisation(models.Model):
    """A registered civil-society organisation; its representatives act for it on the platform."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    slug = models.SlugField(_("slug"), max_length=300, unique=True)
    country = CountryField(_("country"), blank=True)
    website_url = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        Member, verbose_name=_("works with members"), blank=True, related_name="civil_society_organisations"
    )
    verified = models.BooleanField(_("verified by the Support Unit"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("civil-society organisation")
        verbose_name_plural = _("civil-society organisations")

    def __str__(self) -> str:
        return self.name


from .joining_models import *  # noqa: E402,F403  (joining OGP: see joining_models.py)
