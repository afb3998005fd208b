"""The search form: the query and its facet filters, validated (a bad value is an error on its field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core import searchables as registry

from .query import MAX_PAGE, MAX_QUERY_LENGTH, Filters


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)
    kind = forms.CharField(label=_("Type"), required=False)
    member = forms.IntegerField(label=_("Member"), required=False, min_value=1)
    region = forms.CharField(label=_("Region"), required=False, max_length=30)
    area = forms.IntegerField(label=_("Policy area"), required=False, min_value=1)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=MAX_PAGE)

    def clean_kind(self) -> str:
        kind: str = self.cleaned_data["kind"]
        if kind and registry.get(kind) is None:
            raise forms.ValidationError(_("Unknown type of result."))
        return kind

    def filters(self) -> Filters:
        data: dict[str, Any] = self.cleaned_data
        return Filters(
            kind=data.get("kind") or "",
            member=data.get("member"),
            region=data.get("region") or "",
            area=data.get("area"),
            year=data.get("year"),
        )
