"""Forms of the joining pages (national letters of intent and OGP Local calls)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import DateInput, VersionedForm, field_of

from .joining_models import (
    SCORE_FIELDS,
    EoiStatus,
    ExpressionOfInterest,
    JoiningApplication,
    LetterKind,
    LocalCall,
    Score,
)
from .models import Member, Region


class ApplicationForm(forms.ModelForm[JoiningApplication]):
    class Meta:
        model = JoiningApplication
        fields = ["country", "government_name", "lead_agency", "poc_name", "poc_email", "letter_of_intent"]


class LetterForm(VersionedForm):
    letter_of_intent = forms.FileField(label=_("New letter of intent"))


class InformationForm(VersionedForm):
    information_requested = forms.CharField(
        label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Sent to the applicant.")
    )


class AcceptForm(VersionedForm):
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    ogp_code = forms.CharField(label=_("OGP code"), max_length=8, required=False, help_text=_("Default: the ISO code."))
    first_plan_due = forms.DateField(
        label=_("First action plan due"), required=False, widget=DateInput(), help_text=_("Default: a year from today.")
    )


class DeclineForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class CallForm(VersionedForm, forms.ModelForm[LocalCall]):
    class Meta:
        model = LocalCall
        fields = ["title", "slug", "text", "opens_on", "closes_on", "places"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}


EXPRESSION_FIELDS = [
    "country_member",
    "jurisdiction",
    "jurisdiction_type",
    "official_name",
    "official_title",
    "contact_email",
    "supporting_organisations",
    "reasons_and_ambition",
    "track_record",
    "capacity_and_resources",
    "benefits",
    "community_contribution",
    "term_ends_on",
]


class ExpressionForm(forms.ModelForm[ExpressionOfInterest]):
    class Meta:
        model = ExpressionOfInterest
        fields = EXPRESSION_FIELDS
        widgets = {
            "term_ends_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in EXPRESSION_FIELDS[6:12]},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = Member.objects.national().filter(status="active")
        field_of(self, "country_member", forms.ModelChoiceField).queryset = countries


class LetterOfSupportForm(forms.Form):
    kind = forms.ChoiceField(label=_("From"), choices=LetterKind.choices)
    signatory = forms.CharField(label=_("Signed by"), max_length=200)
    file = forms.FileField(label=_("Letter"))


class ScoreForm(forms.ModelForm[Score]):
    class Meta:
        model = Score
        fields = [*SCORE_FIELDS, "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class StatusForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(v, label) for v, label in EoiStatus.choices if v not in (EoiStatus.SUBMITTED, EoiStatus.WITHDRAWN)],
    )
