"""Forms of the co-creation pages. Versioned forms (forum, meeting, response) reuse plans.forms.VersionedForm,
so an edit conflict is handled exactly as on the plan editing pages."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import DateInput, VersionedForm, field_of
from opengov.members.models import CivilSocietyOrganisation
from opengov.plans.models import ActionPlan, Commitment

from . import standards
from .models import (
    MAX_CONTRIBUTION_LENGTH,
    AssessmentStatus,
    Consultation,
    ContributionKind,
    Document,
    Forum,
    ForumSeat,
    Meeting,
    Outcome,
)

FORUM_FIELDS = ["name", "description", "rules_of_participation", "rules_url"]
SEAT_FIELDS = ["name", "affiliation", "sector", "since"]
MEETING_FIELDS = [
    "kind",
    "action_plan",
    "held_on",
    "title",
    "agenda",
    "minutes",
    "attendees_government",
    "attendees_civil_society",
    "attendees_other",
]
DOCUMENT_FIELDS = ["kind", "title", "published_on", "action_plan", "url"]
CONSULTATION_FIELDS = ["title", "description", "opens_on", "closes_on"]
RESPONSE_FIELDS = ["outcome", "justification", "commitment"]


class ForumForm(VersionedForm, forms.ModelForm[Forum]):
    class Meta:
        model = Forum
        fields = FORUM_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "rules_of_participation": forms.Textarea()}


class SeatForm(forms.ModelForm[ForumSeat]):
    class Meta:
        model = ForumSeat
        fields = SEAT_FIELDS
        widgets = {"since": DateInput(), "sector": forms.RadioSelect}


class MeetingForm(VersionedForm, forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {
            "held_on": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args: Any, member_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        plans = ActionPlan.objects.filter(member_id=member_id).select_related("member")
        field_of(self, "action_plan", forms.ModelChoiceField).queryset = plans


class DocumentForm(forms.ModelForm[Document]):
    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT, PNG, JPEG, CSV or plain text. Or give a link below instead."),
    )

    class Meta:
        model = Document
        fields = DOCUMENT_FIELDS
        widgets = {"published_on": DateInput()}

    def __init__(self, *args: Any, member_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        plans = ActionPlan.objects.filter(member_id=member_id).select_related("member")
        field_of(self, "action_plan", forms.ModelChoiceField).queryset = plans

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Django's clean() returns cleaned_data (typed optional for overrides)
        if bool(cleaned.get("upload")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("Give either a file or a link (one of the two)."))
        return cleaned

    def _post_clean(self) -> None:
        # The model's own file-or-link check runs in the action, after the upload is checked and stored.
        pass


class ConsultationForm(forms.ModelForm[Consultation]):
    class Meta:
        model = Consultation
        fields = CONSULTATION_FIELDS
        widgets = {"opens_on": DateInput(), "closes_on": DateInput(), "description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"opens_on": _("The timeline is published today: the consultation opens in two weeks or later.")}

    def _post_clean(self) -> None:
        pass  # validated by the action (dates against the notice period, the plan's phase)


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you sending?"), choices=ContributionKind.choices, widget=forms.RadioSelect
    )
    commitment = forms.ModelChoiceField(
        label=_("Draft commitment you comment on"),
        queryset=Commitment.objects.none(),
        required=False,
        help_text=_("Only for comments."),
    )
    title = forms.CharField(label=_("Title of your proposal"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Your contribution"),
        max_length=MAX_CONTRIBUTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Up to 5,000 characters. Markdown is allowed; HTML is not."),
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=CivilSocietyOrganisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )

    def __init__(self, *args: Any, consultation: Consultation, organisations: Collection[int] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        commitments = consultation.action_plan.commitments.order_by("number")
        field_of(self, "commitment", forms.ModelChoiceField).queryset = commitments
        own = CivilSocietyOrganisation.objects.filter(pk__in=list(organisations))
        field_of(self, "organisation", forms.ModelChoiceField).queryset = own
        if not organisations:
            del self.fields["organisation"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Django's clean() returns cleaned_data (typed optional for overrides)
        if cleaned.get("kind") == ContributionKind.COMMENT and not cleaned.get("commitment"):
            self.add_error("commitment", _("Say which draft commitment you comment on."))
        if cleaned.get("kind") == ContributionKind.PROPOSAL and not (cleaned.get("title") or "").strip():
            self.add_error("title", _("Give your proposal a title."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ResponseForm(VersionedForm):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    justification = forms.CharField(
        label=_("Justification"),
        max_length=MAX_CONTRIBUTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why it was adopted, partly adopted or not. Public, beside the contribution."),
    )
    commitment = forms.ModelChoiceField(
        label=_("Resulting commitment"), queryset=Commitment.objects.none(), required=False
    )
    create_commitment = forms.BooleanField(
        label=_("Create a draft commitment from this proposal"),
        required=False,
        help_text=_("The proposal's title and text become a new draft commitment of the plan, linked to it."),
    )

    def __init__(self, *args: Any, plan: ActionPlan, is_proposal: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field_of(self, "commitment", forms.ModelChoiceField).queryset = plan.commitments.order_by("number")
        if not is_proposal:
            del self.fields["create_commitment"]


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why may the plan be submitted with unanswered contributions?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StandardRecordForm(forms.Form):
    key = forms.ChoiceField(label=_("Requirement"), choices=())
    status = forms.ChoiceField(label=_("Finding"), choices=AssessmentStatus.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(key, standards.label_of(key)) for key in standards.RECORDED_KEYS]
        field_of(self, "key", forms.ChoiceField).choices = choices


class MonitoringNoteForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=CivilSocietyOrganisation.objects.none())
    body = forms.CharField(
        label=_("Your note on the implementation"),
        max_length=MAX_CONTRIBUTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown is allowed; HTML is not."),
    )

    def __init__(self, *args: Any, organisations: Collection[int] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        own = CivilSocietyOrganisation.objects.filter(pk__in=list(organisations))
        field_of(self, "organisation", forms.ModelChoiceField).queryset = own
