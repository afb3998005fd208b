"""IRM: researcher assignments, reports by product with their workflow, commitment assessments on OGP's
exact scales, public comments, procedural-review findings and the Support Unit's letters.

CONTRACT (the OGP CSV import/export in opengov/opendata reads and writes these names; do not rename):

- ``Product`` (TextChoices): co_creation_brief, action_plan_review, midterm_review, results_report,
  progress_report, end_of_term_report, design_report, implementation_report.
- ``Report``: action_plan (FK, related_name "irm_reports"), product, state (irm.workflow.ReportState:
  draft, public_comment, final, published), due_date, publication_year (int, null), published_on
  (date, null), document_url, summary; unique per (action_plan, product). Process indicators (DOMAIN.md 3.3,
  not in OGP's commitments CSV; the import leaves them empty): iap2_level_development,
  iap2_level_implementation (scales.PublicInfluence slugs, "" = not assessed), participation_open,
  forum_met_regularly (nullable booleans, None = not assessed). ``Report.objects.published()``
  is every report whose state is published: use it for anything public (pages, API, feeds, exports).
- ``Assessment``: report (FK, related_name "assessments"), commitment (FK, related_name
  "irm_assessments"), unique per (report, commitment). Indicators are CharFields whose choices are the
  scale's levels as lowercase slugs (irm/scales.py) plus OGP's null codes "NA", "ND", "NR"; blank ("")
  means not entered. Never store a missing value as a level, a zero or "no":
  specificity, verifiable, relevant, relevance_access_to_information, relevance_civic_participation,
  relevance_public_accountability, relevance_technology, potential_impact, potential_for_results, promising,
  completion, change_in_completion, early_results, diog_overall, diog_access_to_information,
  diog_civic_participation, diog_public_accountability, compound (yes/no + codes); cluster_label,
  cluster_commitment_ids (CharFields, as in OGP's data: "CI0029, CI0030"), narrative, sources (TextFields),
  version (optimistic concurrency, core/concurrency.py). ``Assessment.objects.published()`` is the
  assessments of published reports.
- The CSV's two-report old model maps to two reports per plan: Progress Report (``Completion (Progress
  Report)``, ``Starred (Current Formula) Progress Report``) and End-of-Term Report (``Completion (End Of
  Term)``, ``Change In Completion``, DIOG, ``Starred (Current Formula) End of Term``). Stars are derived
  (irm/stars.py), never stored.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import Combinable
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import scales
from .workflow import PUBLIC_STATES, ReportState, StateRules, rules_for

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

INDICATOR_MAX_LENGTH = 40


class Product(models.TextChoices):
    """IRM products (DOMAIN.md 3.1): the current ones first, then the legacy ones."""

    CO_CREATION_BRIEF = "co_creation_brief", _("Co-Creation Brief")
    ACTION_PLAN_REVIEW = "action_plan_review", _("Action Plan Review")
    MIDTERM_REVIEW = "midterm_review", _("Midterm Review")
    RESULTS_REPORT = "results_report", _("Results Report")
    PROGRESS_REPORT = "progress_report", _("Progress Report")
    END_OF_TERM_REPORT = "end_of_term_report", _("End-of-Term Report")
    DESIGN_REPORT = "design_report", _("Design Report")
    IMPLEMENTATION_REPORT = "implementation_report", _("Implementation Report")


def _indicator(
    verbose_name: StrOrPromise, scale: type[models.TextChoices]
) -> models.CharField[str | int | Combinable, str]:
    return models.CharField(verbose_name, max_length=INDICATOR_MAX_LENGTH, choices=scales.with_codes(scale), blank=True)


# --- Assignments -------------------------------------------------------------------------------------------


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def current(self) -> AssignmentQuerySet:
        return self.filter(assigned_at__isnull=False, ended_at__isnull=True)


class Assignment(models.Model):
    """A researcher's assignment to an action plan, preceded by their conflict-of-interest declaration.

    The researcher declares first (declared_at set, assigned_at empty); IRM staff then assign, which also
    grants the accounts role IRM_RESEARCHER scoped to the plan (``role_assignment``). Ending an assignment
    sets ``ended_at`` and ends that role; rows are never deleted.
    """

    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="irm_assignments", verbose_name=_("researcher")
    )
    action_plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.PROTECT, related_name="irm_assignments", verbose_name=_("action plan")
    )
    conflict_of_interest = models.TextField(
        _("conflicts of interest declared"),
        blank=True,
        help_text=_("Any link to the government, the institutions or the organisations involved in the plan."),
    )
    no_conflict_confirmed = models.BooleanField(
        _("I have no conflict of interest with this action plan"), default=False
    )
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    role_assignment = models.ForeignKey(
        "accounts.RoleAssignment", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-declared_at", "pk"]
        verbose_name = _("researcher assignment")
        verbose_name_plural = _("researcher assignments")
        constraints = [
            # One open declaration/assignment per researcher and plan.
            models.UniqueConstraint(
                fields=["researcher", "action_plan"],
                condition=models.Q(ended_at__isnull=True),
                name="irm_assignment_one_open_per_researcher_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.researcher} · {self.action_plan}"

    @property
    def member_id(self) -> int:
        return self.action_plan.member_id

    @property
    def is_current(self) -> bool:
        return self.assigned_at is not None and self.ended_at is None

    @property
    def declares_conflict(self) -> bool:
        return bool(self.conflict_of_interest.strip())

    def clean(self) -> None:
        if self.declared_at and not self.no_conflict_confirmed and not self.declares_conflict:
            raise ValidationError(_("Either describe your conflicts of interest or confirm that you have none."))
        if self.no_conflict_confirmed and self.declares_conflict:
            raise ValidationError(_("You described a conflict of interest: do not also confirm that you have none."))


# --- Reports -----------------------------------------------------------------------------------------------


class ReportQuerySet(models.QuerySet["Report"]):
    def published(self) -> ReportQuerySet:
        """Reports in their published state: the only ones anything public may list or export."""
        return self.filter(state=ReportState.PUBLISHED)

    def public(self) -> ReportQuerySet:
        """Published reports and drafts open for public comment (their report page is public)."""
        return self.filter(state__in=PUBLIC_STATES)

    def visible_to(self, user: Any) -> ReportQuerySet:
        """Public reports, plus every report for IRM staff and the reports of a researcher's assigned plans."""
        from opengov.accounts.predicates import is_irm_staff, roles_of

        if is_irm_staff(user):
            return self
        plans = roles_of(user).researcher_plans
        return self.filter(models.Q(state__in=PUBLIC_STATES) | models.Q(action_plan_id__in=plans))

    def for_list(self) -> ReportQuerySet:
        return self.select_related("action_plan__member")

    def overdue(self, today: datetime.date) -> ReportQuerySet:
        return self.exclude(state=ReportState.PUBLISHED).filter(due_date__lt=today)

    def due_within(self, today: datetime.date, days: int) -> ReportQuerySet:
        return self.exclude(state=ReportState.PUBLISHED).filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days)
        )


class Report(models.Model):
    """One IRM product for one action plan, moving through irm.workflow."""

    action_plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.PROTECT, related_name="irm_reports", verbose_name=_("action plan")
    )
    product = models.CharField(_("product"), max_length=30, choices=Product.choices)
    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    due_date = models.DateField(_("due"), null=True, blank=True)
    publication_year = models.PositiveSmallIntegerField(_("publication year"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    comment_opens_on = models.DateField(_("public comment opens"), null=True, blank=True)
    comment_closes_on = models.DateField(_("public comment closes"), null=True, blank=True)
    document_url = models.URLField(_("report document"), blank=True, max_length=500)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown is allowed."))
    # Process indicators of the plan (DOMAIN.md 3.3): blank / None is "not assessed", never a "no".
    iap2_level_development = models.CharField(
        _("public influence during development"),
        max_length=20,
        choices=scales.PublicInfluence.choices,
        blank=True,
        help_text=_("The level of public influence on the IAP2 spectrum while the plan was co-created."),
    )
    iap2_level_implementation = models.CharField(
        _("public influence during implementation"),
        max_length=20,
        choices=scales.PublicInfluence.choices,
        blank=True,
        help_text=_("The level of public influence on the IAP2 spectrum while the plan was carried out."),
    )
    participation_open = models.BooleanField(
        _("participation"),
        null=True,
        blank=True,
        choices=scales.PARTICIPATION_CHOICES,
        help_text=_("Whether anyone interested could take part, or participation was by invitation only."),
    )
    forum_met_regularly = models.BooleanField(
        _("multi-stakeholder forum met regularly"),
        null=True,
        blank=True,
        choices=scales.FORUM_CHOICES,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["action_plan", "product"]
        verbose_name = _("IRM report")
        verbose_name_plural = _("IRM reports")
        constraints = [
            models.UniqueConstraint(fields=["action_plan", "product"], name="irm_report_unique_product_per_plan"),
        ]
        indexes = [models.Index(fields=["state", "due_date"])]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> str:
        # OGP's convention: "{Member} {Product} {start}-{end}", e.g. "Serbia Action Plan Review 2023-2027".
        return _("%(member)s %(product)s %(start)s-%(end)s") % {
            "member": self.action_plan.member.name,
            "product": self.get_product_display(),
            "start": self.action_plan.start_year,
            "end": self.action_plan.end_year,
        }

    @property
    def member_id(self) -> int:
        return self.action_plan.member_id

    @property
    def state_rules(self) -> StateRules:
        return rules_for(self.state)

    def is_overdue(self, today: datetime.date) -> bool:
        return bool(self.due_date and self.due_date < today and self.state != ReportState.PUBLISHED)

    def get_absolute_url(self) -> str:
        return reverse("irm:report", kwargs={"pk": self.pk})


class CommentQuerySet(models.QuerySet["ReportComment"]):
    def shown(self) -> CommentQuerySet:
        return self.filter(hidden=False)


class ReportComment(models.Model):
    """A public comment on a report open for comment. Text is Markdown, rendered sanitised; never deleted
    (a moderator hides it instead)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="irm_comments")
    text = models.TextField(_("comment"), help_text=_("Markdown is allowed. Your comment and public name are public."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)

    history = HistoricalRecords()
    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on an IRM report")
        verbose_name_plural = _("comments on IRM reports")

    def __str__(self) -> str:
        return f"{self.author} · {self.report}"


# --- Assessments -------------------------------------------------------------------------------------------


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def published(self) -> AssessmentQuerySet:
        """Assessments of published reports: the only ones anything public may show or export."""
        return self.filter(report__state=ReportState.PUBLISHED)

    def visible_to(self, user: Any) -> AssessmentQuerySet:
        from opengov.accounts.predicates import is_irm_staff, roles_of

        if is_irm_staff(user):
            return self
        plans = roles_of(user).researcher_plans
        return self.filter(models.Q(report__state__in=PUBLIC_STATES) | models.Q(report__action_plan_id__in=plans))

    def for_list(self) -> AssessmentQuerySet:
        return self.select_related("report__action_plan__member", "commitment")


class Assessment(models.Model):
    """The IRM's assessment of one commitment in one report, on OGP's exact scales (DOMAIN.md 3.2)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("report"))
    commitment = models.ForeignKey(
        "plans.Commitment", on_delete=models.PROTECT, related_name="irm_assessments", verbose_name=_("commitment")
    )
    compound = _indicator(_("Compound commitment"), scales.YesNo)
    specificity = _indicator(_("Specificity"), scales.Specificity)
    verifiable = _indicator(_("Verifiability"), scales.Verifiability)
    relevant = _indicator(_("Open government lens"), scales.YesNo)
    relevance_access_to_information = _indicator(_("Relevance: access to information"), scales.YesNo)
    relevance_civic_participation = _indicator(_("Relevance: civic participation"), scales.YesNo)
    relevance_public_accountability = _indicator(_("Relevance: public accountability"), scales.YesNo)
    relevance_technology = _indicator(_("Relevance: technology and innovation"), scales.YesNo)
    potential_impact = _indicator(_("Potential impact"), scales.PotentialImpact)
    potential_for_results = _indicator(_("Potential for results"), scales.PotentialForResults)
    promising = _indicator(_("Promising"), scales.YesNo)
    cluster_label = models.CharField(_("cluster"), max_length=200, blank=True)
    cluster_commitment_ids = models.CharField(
        _("commitments in the cluster"), max_length=500, blank=True, help_text=_("OGP ids, e.g. CI0029, CI0030.")
    )
    completion = _indicator(_("Completion"), scales.Completion)
    change_in_completion = _indicator(_("Change in completion"), scales.ChangeInCompletion)
    early_results = _indicator(_("Early results"), scales.EarlyResults)
    diog_overall = _indicator(_("Did it open government? (overall)"), scales.DiogOverall)
    diog_access_to_information = _indicator(_("Did it open government? Access to information"), scales.DiogValue)
    diog_civic_participation = _indicator(_("Did it open government? Civic participation"), scales.DiogValue)
    diog_public_accountability = _indicator(_("Did it open government? Public accountability"), scales.DiogValue)
    narrative = models.TextField(_("analysis"), blank=True, help_text=_("Markdown is allowed."))
    sources = models.TextField(_("sources"), blank=True, help_text=_("One per line: documents, interviews, links."))
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["report", "commitment__ogp_id"]
        verbose_name = _("commitment assessment")
        verbose_name_plural = _("commitment assessments")
        constraints = [
            models.UniqueConstraint(fields=["report", "commitment"], name="irm_assessment_unique_per_report"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment.ogp_id} · {self.report}"

    @property
    def member_id(self) -> int:
        return self.report.action_plan.member_id

    @property
    def action_plan(self) -> Any:
        return self.report.action_plan

    @property
    def not_verifiable(self) -> bool:
        """Judged not verifiable: the commitment is "not reviewable" and no further indicator may be filled
        (DOMAIN.md 3.2 b). Old-model specificity does not gate: OGP's data assesses Low-specificity rows."""
        return self.verifiable == scales.Verifiability.NO

    def clean(self) -> None:
        errors = {}
        if self.commitment_id and self.report_id and self.commitment.action_plan_id != self.report.action_plan_id:
            errors["commitment"] = _("This commitment belongs to another action plan than the report.")
        if self.not_verifiable:
            filled = [name for name in scales.ASSESSED_AFTER_VERIFIABILITY if getattr(self, name)]
            # A null code ("not reviewed") is the honest value for what follows a not-verifiable verdict.
            filled = [name for name in filled if getattr(self, name) not in scales.MISSING_CODES]
            for name in filled:
                errors[name] = _("A commitment judged not verifiable is not assessed further; leave this empty.")
        if errors:
            raise ValidationError(errors)

    @property
    def stars(self) -> Any:
        from .stars import stars_of

        return stars_of(self)


# --- Procedural review -------------------------------------------------------------------------------------


class FindingKind(models.TextChoices):
    """The current rule's three ways of acting contrary to process (DOMAIN.md 3.6)."""

    NO_NEW_PLAN = "no_new_plan", _("No action plan within 12 months after the end of the last one")
    MINIMUM_REQUIREMENTS = "minimum_requirements", _("Minimum co-creation requirements not met")
    NO_PROGRESS = "no_progress", _("No progress on any commitment")


class FindingStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    CONFIRMED = "confirmed", _("Confirmed by the Support Unit")
    DISMISSED = "dismissed", _("Dismissed")


class FindingQuerySet(models.QuerySet["Finding"]):
    def open(self) -> FindingQuerySet:
        return self.exclude(status=FindingStatus.DISMISSED)

    def confirmed(self) -> FindingQuerySet:
        return self.filter(status=FindingStatus.CONFIRMED)


class Finding(models.Model):
    """A member acted contrary to OGP process in one cycle, with its evidence.

    ``cycle`` is the number of the action-plan cycle concerned: the plan's own number for requirements and
    progress, the next number for a missing plan. Two confirmed findings in consecutive cycles put the
    member under procedural review. One finding per (kind, action plan): re-running the review updates
    nothing that is already recorded.
    """

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="irm_findings")
    action_plan = models.ForeignKey("plans.ActionPlan", on_delete=models.PROTECT, related_name="irm_findings")
    report = models.ForeignKey(Report, on_delete=models.PROTECT, null=True, blank=True, related_name="findings")
    kind = models.CharField(_("finding"), max_length=30, choices=FindingKind.choices)
    cycle = models.PositiveSmallIntegerField(_("cycle"))
    found_on = models.DateField(_("found on"))
    evidence = models.TextField(_("evidence"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.RECORDED)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    letter = models.ForeignKey(
        "Letter", on_delete=models.PROTECT, null=True, blank=True, related_name="findings", verbose_name=_("letter")
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "pk"]
        verbose_name = _("procedural-review finding")
        verbose_name_plural = _("procedural-review findings")
        constraints = [
            models.UniqueConstraint(fields=["kind", "action_plan"], name="irm_finding_unique_kind_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_kind_display()} · {self.cycle}"


class Letter(models.Model):
    """The Support Unit's public letter to a member that acted contrary to process."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="irm_letters")
    sent_on = models.DateField(_("sent on"))
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("letter"), help_text=_("Markdown is allowed. The letter is public."))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("procedural-review letter")
        verbose_name_plural = _("procedural-review letters")

    def __str__(self) -> str:
        return f"{self.member} · {self.sent_on}"

    def get_absolute_url(self) -> str:
        return reverse("irm:letter", kwargs={"pk": self.pk})
