"""Action plans, commitments (OGP's template), milestones, progress updates and the policy-area taxonomy."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opengov.core.queries import count_related, model_field
from opengov.members.models import Member

from .dates import DatePrecision, format_precise
from .phases import Phase, PhaseRules, rules_for


class PolicyAreaQuerySet(models.QuerySet["PolicyArea"]):
    def top_level(self) -> PolicyAreaQuerySet:
        return self.filter(parent__isnull=True)

    def with_commitment_counts(self) -> PolicyAreaQuerySet:
        """``commitment_count``: commitments tagged with the area itself (not its sub-areas)."""
        return self.annotate(commitment_count=models.Count("commitments"))

    def direct_commitment_counts(self) -> dict[int, int]:
        """{area id: commitments tagged with it}, counted on the tag table alone (its area index serves it)."""
        tags = Commitment.policy_areas.through.objects.order_by()
        rows = tags.values("policyarea_id").annotate(n=models.Count("pk"))
        return {row["policyarea_id"]: row["n"] for row in rows}

    def group_commitment_counts(self) -> dict[int, int]:
        """{top-level area id: distinct commitments tagged with it or any of its sub-areas}, in one query.

        Counted on the tag table: each tag is attributed to its group (the parent, or the area itself when
        it has none), and a commitment tagged twice in one group counts once.
        """
        tags = Commitment.policy_areas.through.objects.annotate(
            group_id=Coalesce("policyarea__parent_id", "policyarea_id")
        )
        # The plugin does not follow an annotation on the implicit tag table (a stub gap): group_id is one.
        rows = tags.values("group_id").annotate(n=models.Count("commitment_id", distinct=True))  # type: ignore[misc]
        return {row["group_id"]: row["n"] for row in rows}


class PolicyArea(models.Model):
    """A policy area of OGP's taxonomy; ``label`` is the exact column name in OGP's commitments database."""

    label = models.CharField(_("label"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("group"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()
    objects = PolicyAreaQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The label in the reader's language (``label`` stays OGP's exact column name)."""
        return gettext(self.label)

    def get_absolute_url(self) -> str:
        return reverse("plans:policy-area", kwargs={"slug": self.slug})


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def with_counts(self) -> ActionPlanQuerySet:
        return self.annotate(commitment_count=count_related(Commitment.objects.all(), "action_plan"))

    def most_recent(self) -> ActionPlanQuerySet:
        """Newest plans first, with their member and commitment count (for the home page).

        The count is a correlated subquery (core.queries.count_related), so the database does not aggregate
        every plan's commitments before keeping the first few.
        """
        return (
            self.select_related("member")
            .with_counts()
            .order_by(
                "-start_year",
                models.F("submitted_on").desc(nulls_last=True),
                "member__name",
            )
        )


class ActionPlan(models.Model):
    """A member's action plan: the numbered product of one co-creation cycle (2 or 4 years; older data 1-4)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="action_plans", verbose_name=_("member"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    ogp_id = models.CharField(
        _("OGP action plan id"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^AP_[A-Z0-9]{3,8}$", _("An OGP action plan id looks like AP_ALB01."))],
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=[MinValueValidator(2011)])
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=[MinValueValidator(2011)])
    duration_years = models.PositiveSmallIntegerField(
        _("duration (years)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    start_date = models.DateField(_("implementation starts"), null=True, blank=True)
    end_date = models.DateField(_("implementation ends"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.CO_CREATION)
    document_url = models.URLField(_("plan document"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "number"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(fields=["member", "number"], name="actionplan_unique_number_per_member"),
            models.CheckConstraint(
                name="actionplan_years_ordered", condition=models.Q(end_year__gte=models.F("start_year"))
            ),
        ]
        indexes = [models.Index(fields=["phase"]), models.Index(fields=["start_year"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        # OGP's convention: "{Member} Action Plan {start}-{end}".
        return _("%(member)s Action Plan %(start)s-%(end)s") % {
            "member": self.member.name,
            "start": self.start_year,
            "end": self.end_year,
        }

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    @property
    def phase_rules(self) -> PhaseRules:
        return rules_for(self.phase)

    def get_absolute_url(self) -> str:
        return reverse("plans:action-plan", kwargs={"ogp_id": self.ogp_id})

    def clean(self) -> None:
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The last year cannot be before the first year.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Implementation cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


# The four OGP values, in OGP's order (DOMAIN.md 2.3).
VALUE_FIELD_NAMES = (
    "access_to_information",
    "civic_participation",
    "public_accountability",
    "technology_innovation",
)


class CommitmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def for_list(self) -> CommitmentQuerySet:
        """Everything a list row shows, in a fixed number of queries whatever the row count."""
        return self.select_related("action_plan__member").prefetch_related("policy_areas")

    def for_detail(self) -> CommitmentQuerySet:
        return self.select_related("action_plan__member", "carried_forward_from__action_plan__member").prefetch_related(
            "policy_areas__parent"
        )

    def with_milestone_progress(self) -> CommitmentQuerySet:
        """``milestone_total`` (withdrawn milestones left out) and ``milestones_complete``, as annotations."""
        return self.annotate(
            milestone_total=models.Count("milestones", filter=~models.Q(milestones__status=MilestoneStatus.WITHDRAWN)),
            milestones_complete=models.Count(
                "milestones", filter=models.Q(milestones__status=MilestoneStatus.COMPLETE)
            ),
        )

    def for_public_rows(self) -> CommitmentQuerySet:
        """One table row per commitment with its plan and member; long template texts are not read."""
        return self.select_related("action_plan__member").defer(*LONG_TEXT_FIELDS, "action_plan__member__country")

    def for_public_list(self) -> CommitmentQuerySet:
        """A commitments table (action plan page): list fields plus milestone progress, fixed query count."""
        return self.for_public_rows().prefetch_related("policy_areas").with_milestone_progress()

    def for_public_page(self) -> CommitmentQuerySet:
        """Everything the public commitment page shows except its history, in a fixed number of queries."""
        return self.for_detail().prefetch_related(
            models.Prefetch(
                "carried_forward_to",
                queryset=Commitment.objects.select_related("action_plan__member").order_by("ogp_id"),
            ),
            "milestones",
            models.Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related("author", "milestone").prefetch_related("evidence"),
            ),
        )

    def in_policy_area(self, area: PolicyArea) -> CommitmentQuerySet:
        """Commitments tagged with ``area`` or one of its sub-areas, each once (no DISTINCT needed).

        EXISTS rather than IN: ordered by ogp_id and sliced, the database walks the ogp_id index and stops
        after one page instead of reading and sorting every tagged commitment.
        """
        return self.filter(models.Exists(_tags_in_area(area).filter(commitment_id=models.OuterRef("pk"))))

    @staticmethod
    def count_in_policy_area(area: PolicyArea) -> int:
        """How many commitments in_policy_area() returns, counted on the tag table (no commitment rows read)."""
        return _tags_in_area(area).values("commitment_id").distinct().count()

    def key_numbers(self) -> dict[str, int]:
        """All commitments, and active ones in plans being implemented, in one aggregate query."""
        return self.aggregate(
            commitments=models.Count("pk"),
            in_implementation=models.Count(
                "pk",
                filter=models.Q(action_plan__phase=Phase.IMPLEMENTATION, status=CommitmentStatus.ACTIVE),
            ),
        )


def _tags_in_area(area: PolicyArea) -> models.QuerySet[models.Model]:  # rows of the implicit tag table
    areas = PolicyArea.objects.filter(models.Q(pk=area.pk) | models.Q(parent_id=area.pk))
    return Commitment.policy_areas.through.objects.filter(policyarea__in=areas).order_by()


# The template's long texts: read on the commitment page, never in tables.
LONG_TEXT_FIELDS = ("problem", "status_quo", "objective", "description", "supporting_institutions")

OGP_COMMITMENT_ID = RegexValidator(
    r"^[A-Z]{2,3}[0-9]{4}$",
    _("An OGP commitment id is a 2- or 3-letter member code and 4 digits, e.g. AL0002."),
)


class Commitment(models.Model):
    """A commitment, with the fields of OGP's commitment template (DOMAIN.md 2.3)."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("action plan")
    )
    ogp_id = models.CharField(_("OGP id"), max_length=12, unique=True, validators=[OGP_COMMITMENT_ID])
    number = models.CharField(_("number in the plan"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    short_title = models.CharField(_("short title"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    problem = models.TextField(_("What is the public problem the commitment will address?"), blank=True)
    status_quo = models.TextField(_("status quo"), blank=True)
    objective = models.TextField(_("objective"), blank=True)
    description = models.TextField(_("What is the commitment?"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # The date is the first day of what is known: "July 2014" is 1 July 2014 known to the month (plans/dates.py).
    start_date_precision = models.CharField(
        _("start date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date_precision = models.CharField(
        _("end date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    lead_institution = models.TextField(_("lead implementing agency"), blank=True)
    supporting_institutions = models.TextField(_("supporting institutions"), blank=True, help_text=_("One per line."))
    access_to_information = models.BooleanField(_("Access to Information"), default=False)
    civic_participation = models.BooleanField(_("Civic Participation"), default=False)
    public_accountability = models.BooleanField(_("Public Accountability"), default=False)
    technology_innovation = models.BooleanField(
        _("Technology and Innovation for Transparency and Accountability"), default=False
    )
    policy_areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="commitments", verbose_name=_("policy areas")
    )
    cluster = models.CharField(_("cluster"), max_length=50, blank=True)
    carried_forward_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_forward_to",
        verbose_name=_("carried forward from"),
    )
    url = models.URLField(_("page on opengovpartnership.org"), blank=True, max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.ACTIVE
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[policy_areas])
    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["ogp_id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [models.Index(fields=["action_plan", "number"])]

    def __str__(self) -> str:
        return f"{self.ogp_id} {self.display_title}"

    @property
    def display_title(self) -> str:
        return self.short_title or self.title

    @property
    def start_date_display(self) -> str:
        return format_precise(self.start_date, self.start_date_precision)

    @property
    def end_date_display(self) -> str:
        return format_precise(self.end_date, self.end_date_precision)

    @property
    def member_id(self) -> int:
        return self.action_plan.member_id

    @property
    def values(self) -> list[str]:
        """Labels of the OGP values the commitment claims, in OGP's order."""
        return [str(model_field(self, name).verbose_name) for name in VALUE_FIELD_NAMES if getattr(self, name)]

    def supporting_institution_list(self) -> list[str]:
        return [line.strip() for line in self.supporting_institutions.splitlines() if line.strip()]

    def get_absolute_url(self) -> str:
        return reverse("plans:commitment", kwargs={"ogp_id": self.ogp_id})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DELAYED = "delayed", _("Delayed")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Milestone(models.Model):
    """A dated, verifiable step of a commitment, with its expected output and who is responsible."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=500)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("expected completion date"), null=True, blank=True)
    expected_output = models.TextField(_("expected output"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["commitment", "position", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    @property
    def member_id(self) -> int:
        return self.commitment.action_plan.member_id

    def is_overdue(self, today: datetime.date) -> bool:
        open_states = (MilestoneStatus.NOT_STARTED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.DELAYED)
        return bool(self.end_date and self.end_date < today and self.status in open_states)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The completion date cannot be before the start date.")})


class CompletionLevel(models.TextChoices):
    """A government's self-assessed completion, on the IRM's scale (DOMAIN.md 3.2 g)."""

    NOT_STARTED = "not_started", _("Not Started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


class ProgressUpdate(models.Model):
    """A government's dated report on a commitment (optionally one milestone), with evidence links."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="progress_updates")
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
        verbose_name=_("milestone"),
    )
    reported_on = models.DateField(_("reported on"))
    completion = models.CharField(_("completion"), max_length=20, choices=CompletionLevel.choices)
    text = models.TextField(_("progress"), help_text=_("What was done, with dates. Markdown is allowed."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.commitment.ogp_id} {self.reported_on}"

    @property
    def member_id(self) -> int:
        return self.commitment.action_plan.member_id

    def clean(self) -> None:
        if self.milestone_id and self.commitment_id:
            milestone = self.milestone  # not None: it has an id
            if milestone is not None and milestone.commitment_id != self.commitment_id:
                raise ValidationError({"milestone": _("This milestone belongs to another commitment.")})


class EvidenceLink(models.Model):
    """A public link that backs a progress update (a published document, dataset, law, page)."""

    progress_update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(_("link"), max_length=500)
    title = models.CharField(_("what it shows"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")

    def __str__(self) -> str:
        return self.title or self.url
