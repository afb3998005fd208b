"""Forms: the indicator filters (one parser for the pages and the API), editions, third-party imports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import field_of
from opengov.members.models import Member, MemberKind, Region
from opengov.plans.models import PolicyArea

from .indicators import Filters
from .models import Edition

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_ANY: list[tuple[str, StrOrPromise]] = [("", _("All"))]


class FiltersForm(forms.Form):
    """GET filters of an indicator. Member and policy-area choices are read in one query each."""

    region = forms.ChoiceField(label=_("Region"), required=False, choices=_ANY + list(Region.choices))
    kind = forms.ChoiceField(label=_("Member type"), required=False, choices=_ANY + list(MemberKind.choices))
    member = forms.ChoiceField(label=_("Member"), required=False)
    policy_area = forms.ChoiceField(label=_("Policy area"), required=False)
    year = forms.IntegerField(label=_("Submission year"), required=False, min_value=2011, max_value=2100)
    cycle = forms.IntegerField(label=_("Action plan cycle"), required=False, min_value=1, max_value=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = list(Member.objects.order_by("name").values_list("slug", "name"))
        field_of(self, "member", forms.ChoiceField).choices = _ANY + members
        areas = PolicyArea.objects.select_related("parent").order_by("parent__position", "position")
        field_of(self, "policy_area", forms.ChoiceField).choices = _ANY + [
            (area.slug, f"{area.parent.name} – {area.name}" if area.parent else area.name) for area in areas
        ]

    def full_clean(self) -> None:
        super().full_clean()
        # Tie each message to its field for screen readers (the template prints it with this id).
        auto_id = self.auto_id
        assert isinstance(auto_id, str)  # Django's default "id_%s", which this form keeps
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{auto_id % name}-error"}
                )

    def filters(self) -> Filters:
        """The filters (call after is_valid(); invalid fields are simply not applied)."""
        data = getattr(self, "cleaned_data", {})
        return Filters(
            region=data.get("region") or "",
            kind=data.get("kind") or "",
            member=data.get("member") or "",
            policy_area=data.get("policy_area") or "",
            year=data.get("year"),
            cycle=data.get("cycle"),
        )


class EditionForm(forms.ModelForm[Edition]):
    class Meta:
        model = Edition
        fields = ["title", "year", "introduction"]


class ThirdPartyImportForm(forms.Form):
    source = forms.CharField(label=_("Source"), max_length=300, help_text=_("Who publishes these numbers."))
    licence = forms.CharField(label=_("Licence"), max_length=200, help_text=_("For example CC BY 4.0."))
    source_url = forms.URLField(label=_("Source address"), required=False, max_length=500)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: country (name, ISO 2 or ISO 3 code), year, then one column per indicator with numbers. "
            "Empty cells are skipped."
        ),
    )
