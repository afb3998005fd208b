"""Forms of the IRM pages: every label translatable, the version and values read carried back, so a concurrent
save merges field by field as on the plan editing pages (core/concurrency.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import VersionedForm, field_of

from .actions import ASSESSMENT_FIELDS
from .influence import PROCESS_FIELDS
from .models import Assessment, Report


class DeclarationForm(forms.Form):
    conflict_of_interest = forms.CharField(
        label=_("Conflicts of interest"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Describe any link to the government, the institutions or organisations involved in the plan."),
    )
    no_conflict = forms.BooleanField(label=_("I have no conflict of interest with this action plan"), required=False)


class AssessmentForm(VersionedForm, forms.ModelForm[Assessment]):
    class Meta:
        model = Assessment
        fields = list(ASSESSMENT_FIELDS)
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 8}),
            "sources": forms.Textarea(attrs={"rows": 4}),
        }

    def changes(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ASSESSMENT_FIELDS}


class ProcessForm(VersionedForm, forms.ModelForm[Report]):
    """The report's process findings; every field may stay "Not assessed"."""

    class Meta:
        model = Report
        fields = list(PROCESS_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("iap2_level_development", "iap2_level_implementation"):
            field = field_of(self, name, forms.ChoiceField)
            # The stubs type the getter as all the setter accepts; it returns the normalised list of pairs.
            choices = list(field.choices)  # type: ignore[arg-type]
            field.choices = [("", _("Not assessed")), *choices[1:]]  # instead of "---------"

    def changes(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in PROCESS_FIELDS}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown is allowed. Your comment and your public name are published."),
    )
