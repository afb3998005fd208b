"""Forms of the government editors' pages (plans/views/editing.py).

The forms only parse and check input; the actions in plans/actions.py authorise, validate again and write.
ModelForms are built without an instance (the object's values go in as ``initial``) so that validating a
form never mutates the object the action will lock and compare.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import DateInput, VersionedForm, field_of

from .dates import DatePrecision
from .models import (
    VALUE_FIELD_NAMES,
    ActionPlan,
    Commitment,
    CompletionLevel,
    EvidenceLink,
    Milestone,
    PolicyArea,
    ProgressUpdate,
)
from .phases import Phase

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Model fields as form fields; a link typed without a scheme is read as https (Django 6's default)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


# ---------------------------------------------------------------------------------------------------------- plans


ACTION_PLAN_FIELDS = ["start_year", "end_year", "duration_years", "start_date", "end_date", "document_url"]


class ActionPlanForm(VersionedForm, forms.ModelForm[ActionPlan]):
    class Meta:
        model = ActionPlan
        formfield_callback = formfield
        fields = ACTION_PLAN_FIELDS
        labels = {
            "start_year": _("First year of the plan"),
            "end_year": _("Last year of the plan"),
            "duration_years": _("Duration in years"),
            "start_date": _("Implementation starts on"),
            "end_date": _("Implementation ends on"),
            "document_url": _("Link to the plan document"),
        }
        help_texts = {
            "start_year": _("For example 2024 for a 2024-2026 action plan."),
            "end_year": _("For example 2026 for a 2024-2026 action plan."),
            "duration_years": _("Action plans run for two years, or four years since 2022."),
            "start_date": _("Action plans are due by 31 August."),
            "end_date": _("A plan should cover at least 20 months of implementation."),
            "document_url": _("The published plan, e.g. on opengovpartnership.org or your OGP website."),
        }
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        error_messages = {
            "start_year": {"required": _("Enter the first year of the plan.")},
            "end_year": {"required": _("Enter the last year of the plan.")},
            "document_url": {"invalid": _("Enter a full web address, starting with https://.")},
        }


class PhaseForm(VersionedForm):
    """The phase a button asks for. Any phase parses: the action checks the move under a row lock, after the
    version, so a stale page reports who moved the plan rather than an unexplained refusal."""

    phase = forms.ChoiceField(choices=Phase.choices)


# ---------------------------------------------------------------------------------------------------- commitments


COMMITMENT_FIELDS = [
    "number",
    "title",
    "short_title",
    "theme",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "lead_institution",
    "supporting_institutions",
    "problem",
    "status_quo",
    "description",
    "objective",
    *VALUE_FIELD_NAMES,
    "policy_areas",
    "cluster",
    "carried_forward_from",
    "url",
]
# Written by update_commitment through apply_changes; policy areas go separately (many-to-many).
COMMITMENT_CHANGE_FIELDS = [name for name in COMMITMENT_FIELDS if name != "policy_areas"]


class AreaOption(TypedDict):
    """One checkbox of the policy-area picker."""

    value: int
    label: str
    id: str
    checked: bool


class AreaGroup(TypedDict):
    """A fieldset of the policy-area picker: a group of the taxonomy with its areas, or the standalone areas."""

    legend: StrOrPromise
    options: list[AreaOption]


class CommitmentForm(VersionedForm, forms.ModelForm[Commitment]):
    """OGP's commitment template (DOMAIN.md 2.3), with its questions as labels."""

    class Meta:
        model = Commitment
        formfield_callback = formfield
        fields = COMMITMENT_FIELDS
        labels = {
            "number": _("Number in the action plan"),
            "title": _("Name of the commitment"),
            "short_title": _("Short name"),
            "theme": _("Theme"),
            "start_date": _("Commitment start date"),
            "start_date_precision": _("Precision of the start date"),
            "end_date": _("Commitment end date"),
            "end_date_precision": _("Precision of the end date"),
            "lead_institution": _("Lead implementing agency"),
            "supporting_institutions": _("Supporting institutions and other actors"),
            "problem": _("What is the public problem that the commitment will address?"),
            "status_quo": _("Status quo"),
            "description": _("What is the commitment?"),
            "objective": _("How will the commitment contribute to solve the public problem?"),
            "policy_areas": _("Policy areas"),
            "cluster": _("Cluster"),
            "carried_forward_from": _("Carried forward from"),
            "url": _("Page on opengovpartnership.org"),
        }
        help_texts = {
            "number": _("Leave empty to number it after the plan's last commitment."),
            "title": _("The full name, as it appears in the action plan."),
            "short_title": _("Shown in lists instead of the full name."),
            "theme": _("The theme the action plan groups this commitment under."),
            "start_date": _("Commitments may be of any length and span more than one plan."),
            "start_date_precision": _(
                "For a date known only to the month, quarter, season or year, enter its first day: the pages show "
                "it as, for example, July 2014."
            ),
            "lead_institution": _("The government agency responsible for delivering the commitment."),
            "supporting_institutions": _(
                "Government agencies, civil society organisations, private sector or others. One per line."
            ),
            "problem": _("Describe the problem and who it affects. Include baseline data where you have it."),
            "status_quo": _("What is the situation today, and what has been done about it so far?"),
            "description": _("What the commitment entails: its expected results and its overall objective."),
            "objective": _("Explain how the results will change the problem described above."),
            "cluster": _("Commitments that share one goal can be grouped in a cluster."),
            "carried_forward_from": _("If this commitment continues one from an earlier action plan, choose it."),
            "url": _("Filled in by the Support Unit once the commitment is published."),
        }
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            # A single line to type, even though OGP's longest agency names need a text column.
            "lead_institution": forms.TextInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "supporting_institutions": forms.Textarea(attrs={"rows": 3}),
            "policy_areas": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": _("Enter the name of the commitment.")},
            "url": {"invalid": _("Enter a full web address, starting with https://.")},
        }

    def __init__(self, *args: Any, plan: ActionPlan, commitment: Commitment | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        for name in ("start_date_precision", "end_date_precision"):
            self.fields[name].required = False  # not sent (an older page, a script): a date known to the day
        # Only the member's commitments in earlier plans can be carried forward (one query when rendered).
        earlier = Commitment.objects.filter(
            action_plan__member_id=plan.member_id, action_plan__number__lt=plan.number
        ).order_by("ogp_id")
        if commitment is not None:
            earlier = earlier.exclude(pk=commitment.pk)
        carried = field_of(self, "carried_forward_from", forms.ModelChoiceField)
        carried.queryset = earlier
        carried.empty_label = _("Not carried forward")
        # Django's documented way to label one form's choices: replace the method on the field instance.
        carried.label_from_instance = lambda obj: f"{obj.ogp_id}: {obj.display_title}"  # type: ignore[method-assign]
        # The taxonomy is read once; the template draws it grouped (see policy_area_groups).
        self._areas = list(PolicyArea.objects.order_by("position"))
        areas = field_of(self, "policy_areas", forms.ModelMultipleChoiceField)
        areas.queryset = PolicyArea.objects.all()
        areas.choices = [(area.pk, area.name) for area in self._areas]

    def clean_start_date_precision(self) -> str:
        return self.cleaned_data.get("start_date_precision") or DatePrecision.DAY

    def clean_end_date_precision(self) -> str:
        return self.cleaned_data.get("end_date_precision") or DatePrecision.DAY

    def value_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in VALUE_FIELD_NAMES]

    def template_fields(self, *names: str) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def selected_policy_areas(self) -> set[str]:
        value = self["policy_areas"].value() or []
        return {str(getattr(v, "pk", v)) for v in value}

    def policy_area_groups(self) -> list[AreaGroup]:
        """Fieldsets for the two-level taxonomy: each group with its areas; standalone areas together last.

        A group is itself a label of OGP's database, so it can be chosen on its own too.
        """
        selected = self.selected_policy_areas()

        def option(area: PolicyArea, label: str | None = None) -> AreaOption:
            return {
                "value": area.pk,
                "label": label or area.name,
                "id": f"id_policy_areas_{area.pk}",
                "checked": str(area.pk) in selected,
            }

        children: dict[int, list[PolicyArea]] = {}
        for area in self._areas:
            if area.parent_id:
                children.setdefault(area.parent_id, []).append(area)
        groups: list[AreaGroup] = []
        standalone: list[AreaOption] = []
        for area in self._areas:
            if area.parent_id:
                continue
            if area.pk in children:
                groups.append(
                    {
                        "legend": area.name,
                        "options": [
                            option(area, str(_("%(group)s (in general)") % {"group": area.name})),
                            *[option(child) for child in children[area.pk]],
                        ],
                    }
                )
            else:
                standalone.append(option(area))
        if standalone:
            groups.append({"legend": _("Cross-cutting areas and sectors"), "options": standalone})
        return groups


class WithdrawForm(VersionedForm):
    reason = forms.CharField(
        label=_("Why is the commitment withdrawn?"),
        help_text=_("This reason is published on the commitment's page, so write it for the public."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say why the commitment is withdrawn; the reason is public.")},
    )


# ----------------------------------------------------------------------------------------------------- milestones


MILESTONE_FIELDS = ["title", "start_date", "end_date", "expected_output", "responsible", "status"]


class MilestoneForm(VersionedForm, forms.ModelForm[Milestone]):
    class Meta:
        model = Milestone
        fields = MILESTONE_FIELDS
        labels = {
            "title": _("Milestone"),
            "start_date": _("Start date"),
            "end_date": _("Expected completion date"),
            "expected_output": _("Expected output"),
            "responsible": _("Responsible"),
            "status": _("Status"),
        }
        help_texts = {
            "title": _("A verifiable activity of the commitment, e.g. 'Draft the access to information law'."),
            "end_date": _("The IRM checks milestones against it."),
            "expected_output": _("What will exist when the milestone is done, e.g. 'Law published in the Gazette'."),
            "responsible": _("The agency or stakeholder responsible for this milestone."),
        }
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "expected_output": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": _("Describe the milestone.")}}


# ----------------------------------------------------------------------------------------------- progress updates


PROGRESS_FIELDS = ["reported_on", "milestone", "completion", "text"]


class ProgressUpdateForm(forms.ModelForm[ProgressUpdate]):
    class Meta:
        model = ProgressUpdate
        fields = PROGRESS_FIELDS
        labels = {
            "reported_on": _("Date of this report"),
            "milestone": _("Milestone"),
            "completion": _("Completion level of the commitment"),
            "text": _("What was done?"),
        }
        help_texts = {
            "milestone": _("Choose a milestone if this report is about one milestone only."),
            "completion": _("The self-assessed completion, on the IRM's scale."),
            "text": _("What was done, with dates and results. Markdown is allowed."),
        }
        widgets = {"reported_on": DateInput(), "completion": forms.RadioSelect}
        error_messages = {
            "completion": {"required": _("Choose how complete the commitment is.")},
            "text": {"required": _("Describe what was done.")},
            "reported_on": {"required": _("Enter the date of this report.")},
        }

    def __init__(self, *args: Any, commitment: Commitment, **kwargs: Any):
        super().__init__(*args, **kwargs)
        milestone = field_of(self, "milestone", forms.ModelChoiceField)
        milestone.queryset = commitment.milestones.order_by("position", "pk")
        milestone.empty_label = _("The whole commitment")
        field_of(self, "completion", forms.ChoiceField).choices = list(CompletionLevel.choices)


class EvidenceLinkForm(forms.ModelForm[EvidenceLink]):
    class Meta:
        model = EvidenceLink
        formfield_callback = formfield
        fields = ["url", "title"]
        labels = {"url": _("Link"), "title": _("What it shows")}
        help_texts = {"url": _("A public page, document or dataset.")}
        widgets = {"url": forms.URLInput(attrs={"placeholder": "https://"})}
        error_messages = {"url": {"invalid": _("Enter a full web address, starting with https://.")}}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("title") and not cleaned.get("url"):
            self.add_error("url", _("Add the link this description belongs to, or clear the description."))
        return cleaned


MAX_EVIDENCE_LINKS = 5

EvidenceLinkFormSet = forms.formset_factory(
    EvidenceLinkForm, extra=MAX_EVIDENCE_LINKS, max_num=MAX_EVIDENCE_LINKS, validate_max=True, absolute_max=10
)


def evidence_pairs(formset: Any) -> list[tuple[str, str]]:
    """The filled-in rows of the evidence formset, as (url, title) pairs for create_progress_update."""
    return [
        (form.cleaned_data["url"], form.cleaned_data.get("title", ""))
        for form in formset.forms
        if form.cleaned_data.get("url")
    ]
