"""Forms of the Support Unit's governance screens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import DateInput, VersionedForm, field_of
from opengov.members.models import MemberQuerySet

from .models import Mandate, Meeting, term_end

MANDATE_FIELDS = [
    "sector",
    "position",
    "member",
    "holder",
    "organisation",
    "ministerial_lead",
    "contact_email",
    "starts_on",
    "ends_on",
    "left_on",
]


class MandateForm(VersionedForm, forms.ModelForm[Mandate]):
    confirm = forms.BooleanField(
        label=_("I have read the warnings and want to save anyway"),
        required=False,
        help_text=_("Only needed when the change breaks parity, over-fills a sector or exceeds the term limit."),
    )

    class Meta:
        model = Mandate
        fields = MANDATE_FIELDS
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "left_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False
        self.fields["ends_on"].help_text = _("Leave empty for a full term (three years from its start).")
        member = field_of(self, "member", forms.ModelChoiceField)
        assert isinstance(member.queryset, MemberQuerySet)  # the model field's choices: Member.objects
        member.queryset = member.queryset.national()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Django's clean() returns cleaned_data (typed optional for overrides)
        if cleaned.get("starts_on") and not cleaned.get("ends_on"):
            cleaned["ends_on"] = term_end(cleaned["starts_on"])
        return cleaned


MEETING_FIELDS = ["title", "held_on", "level", "location", "summary"]


class MeetingForm(forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {"held_on": DateInput()}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), assume_scheme="https")


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea, help_text=_("Markdown."), max_length=10000)
