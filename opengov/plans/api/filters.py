"""Query filters of the plans API list endpoints."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.db.models import Model, Q, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    extend_schema_field,
)

from opengov.core.api import StrictBooleanFilter
from opengov.core.queries import parse_id
from opengov.members.models import Region
from opengov.plans.models import (
    ActionPlan,
    Commitment,
    CommitmentStatus,
    Milestone,
    MilestoneStatus,
    PolicyArea,
    ProgressUpdate,
)
from opengov.plans.phases import Phase

# The filters below serve several endpoints: they return rows of the model they are given.
_M = TypeVar("_M", bound=Model)


class MemberRefFilter(filters.CharFilter):
    """A member by slug or by numeric id."""

    def filter(self, qs: QuerySet[_M], value: str) -> QuerySet[_M]:
        if not value:
            return qs
        member_id = parse_id(value)  # ASCII digits within 64 bits: an id; anything else: a slug
        if member_id is not None:
            return qs.filter(**{f"{self.field_name}__pk": member_id})
        return qs.filter(**{f"{self.field_name}__slug": value})


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999, "description": "A year, e.g. 2022."})
class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


@extend_schema_field(
    {
        "type": "integer",
        "minimum": 1,
        "maximum": 9999,
        "description": "Only action plans whose period includes this year.",
    }
)
class CoveringYearFilter(YearFilter):
    """Rows whose action plan's period (first to last year) includes the year; ``field_name`` is the plan."""

    def filter(self, qs: QuerySet[_M], value: int | None) -> QuerySet[_M]:
        if value is None:
            return qs
        prefix = f"{self.field_name}__" if self.field_name else ""
        return qs.filter(**{f"{prefix}start_year__lte": value, f"{prefix}end_year__gte": value})


class PolicyAreaFilter(filters.FilterSet):
    parent = filters.CharFilter(field_name="parent__slug", help_text="Slug of a group: its areas.")
    top_level = StrictBooleanFilter(field_name="parent", lookup_expr="isnull", help_text="Only groups.")

    class Meta:
        model = PolicyArea
        fields = ["parent", "top_level"]


class ActionPlanFilter(filters.FilterSet):
    member = MemberRefFilter(field_name="member", help_text="Member slug or id.")
    region = filters.ChoiceFilter(field_name="member__region", choices=Region.choices)
    phase = filters.ChoiceFilter(choices=Phase.choices)
    year = CoveringYearFilter(field_name="", help_text="Plans whose period includes this year.")
    start_year = YearFilter(field_name="start_year")

    class Meta:
        model = ActionPlan
        fields = ["member", "region", "phase", "year", "start_year"]


class CommitmentFilter(filters.FilterSet):
    member = MemberRefFilter(field_name="action_plan__member", help_text="Member slug or id.")
    region = filters.ChoiceFilter(field_name="action_plan__member__region", choices=Region.choices)
    policy_area = filters.CharFilter(
        method="filter_policy_area", help_text="Policy area slug; a group's slug includes its areas."
    )
    action_plan = filters.CharFilter(field_name="action_plan__ogp_id", help_text="Action plan OGP id.")
    phase = filters.ChoiceFilter(field_name="action_plan__phase", choices=Phase.choices)
    year = CoveringYearFilter(field_name="action_plan", help_text="Commitments of plans covering this year.")
    status = filters.ChoiceFilter(choices=CommitmentStatus.choices)

    class Meta:
        model = Commitment
        fields = ["member", "region", "policy_area", "action_plan", "phase", "year", "status"]

    def filter_policy_area(self, queryset: QuerySet[Commitment], name: str, value: str) -> QuerySet[Commitment]:
        # A subquery on the link table, not a join: a commitment tagged with two areas of one group is listed once.
        links = Commitment.policy_areas.through.objects.filter(
            Q(policyarea__slug=value) | Q(policyarea__parent__slug=value)
        )
        return queryset.filter(pk__in=links.values("commitment_id"))


class MilestoneFilter(filters.FilterSet):
    commitment = filters.CharFilter(field_name="commitment__ogp_id", help_text="Commitment OGP id.")
    member = MemberRefFilter(field_name="commitment__action_plan__member", help_text="Member slug or id.")
    status = filters.ChoiceFilter(choices=MilestoneStatus.choices)

    class Meta:
        model = Milestone
        fields = ["commitment", "member", "status"]


class ProgressUpdateFilter(filters.FilterSet):
    commitment = filters.CharFilter(field_name="commitment__ogp_id", help_text="Commitment OGP id.")
    member = MemberRefFilter(field_name="commitment__action_plan__member", help_text="Member slug or id.")

    class Meta:
        model = ProgressUpdate
        fields = ["commitment", "member"]
