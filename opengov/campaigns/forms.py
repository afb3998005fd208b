"""Forms of the campaign pages: a crowdsourced example, a Challenge submission, their review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import VersionedForm, field_of
from opengov.plans.forms import formfield
from opengov.plans.models import Commitment
from opengov.stories.forms import parse_ids

from .models import Campaign, ChallengeSubmission, Example, ReviewStatus, SubmissionStatus, Theme


class ExampleForm(forms.ModelForm[Example]):
    class Meta:
        model = Example
        formfield_callback = formfield
        fields = ["country", "theme", "description", "source_url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "description": {"required": _("Say what was done.")},
            "source_url": {"required": _("Give a link to a source."), "invalid": _("Enter a full web address.")},
            "country": {"required": _("Choose the country.")},
        }

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field_of(self, "theme", forms.ModelChoiceField).queryset = campaign.themes.all()


class ChallengeForm(forms.ModelForm[ChallengeSubmission]):
    commitment_ids = forms.CharField(
        label=_("Nominated commitments"),
        required=False,
        help_text=_("For a nomination: the OGP ids of the member's commitments, separated by commas."),
    )

    class Meta:
        model = ChallengeSubmission
        formfield_callback = formfield
        fields = ["member", "institution", "country", "level_of_government", "title", "description", "kind"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"member": _("Leave empty for a public institution of a country that is not an OGP member.")}

    def clean_commitment_ids(self) -> list[Commitment]:
        return parse_ids(self.cleaned_data["commitment_ids"], Commitment, str(_("commitment")))


class ExampleReviewForm(VersionedForm):
    status = forms.ChoiceField(choices=[(ReviewStatus.REVIEWED, _("Reviewed")), (ReviewStatus.DECLINED, _("Declined"))])


class SubmissionReviewForm(VersionedForm):
    area = forms.ModelChoiceField(queryset=Theme.objects.none(), required=False, label=_("Challenge area"))
    status = forms.ChoiceField(choices=SubmissionStatus.choices, label=_("Status"))

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field_of(self, "area", forms.ModelChoiceField).queryset = campaign.themes.all()
