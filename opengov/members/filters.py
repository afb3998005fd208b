"""The members directory's filters: a plain GET form, so it works without JavaScript and links can be shared."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Member, MemberQuerySet, MemberStatus, Region

NATIONAL = "national"
LOCAL = "local"


class MemberDirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        label=_("Search by name, agency or code"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    region = django_filters.ChoiceFilter(choices=Region.choices, empty_label=_("All regions"), label=_("Region"))
    # The directory offers two types; Legacy Local counts as local, "Other" (Kosovo) as national.
    type = django_filters.ChoiceFilter(
        choices=[(NATIONAL, _("National")), (LOCAL, _("Local"))],
        method="filter_type",
        empty_label=_("All types"),
        label=_("Type"),
    )
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, empty_label=_("All statuses"), label=_("Status"))

    class Meta:
        model = Member
        fields = ["q", "region", "type", "status"]

    def filter_search(self, queryset: MemberQuerySet, name: str, value: str) -> MemberQuerySet:
        return queryset.search(value)

    def filter_type(self, queryset: MemberQuerySet, name: str, value: str) -> MemberQuerySet:
        return queryset.local() if value == LOCAL else queryset.national()
