"""REST API for action plans, commitments, milestones, progress updates and the policy-area taxonomy.

Reads are public. Every write calls one function of plans/actions.py (which checks the rule, validates,
locks the version and records history); the viewsets only parse input and shape output. The rule
guarding each action is listed in the viewset's ``permission_rules`` (see core/api.py).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from opengov.core.api import (
    NOT_FOUND,
    NamedChoiceField,
    OpenGovAutoSchema,
    PageNumberPagination,
    RulesViewSetMixin,
    VersionedUpdateSerializer,
    VersionField,
    absolute_url,
    list_responses,
    write_responses,
)
from opengov.core.queries import count_related
from opengov.members.api import MemberSummarySerializer
from opengov.members.models import Member, Region

from . import actions
from .dates import DatePrecision
from .models import (
    VALUE_FIELD_NAMES,
    ActionPlan,
    Commitment,
    CommitmentStatus,
    CompletionLevel,
    Milestone,
    MilestoneStatus,
    PolicyArea,
    ProgressUpdate,
)
from .phases import Phase

PRECISION_HELP = "How much of the date is known; the date is the first day of that month, quarter, season or year."

# ---------------------------------------------------------------------------------------------------------------------
# Read serializers: nested summaries come from select_related / prefetch_related rows, never from a query per row.


def _link(serializer: serializers.BaseSerializer, name: str, **kwargs: Any) -> str:
    return absolute_url(serializer.context.get("request"), reverse(name, kwargs=kwargs))


def _page(serializer: serializers.BaseSerializer, path: str) -> str:
    return absolute_url(serializer.context.get("request"), path)


def _list_link(serializer: serializers.BaseSerializer, name: str, **query: Any) -> str:
    return absolute_url(serializer.context.get("request"), f"{reverse(name)}?{urlencode(query)}")


class PolicyAreaSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    label = serializers.CharField(help_text="The exact column name in OGP's commitments database.")
    parent = serializers.SlugField(source="parent.slug", allow_null=True, default=None, help_text="Its group.")


class PolicyAreaLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    page = serializers.URLField()
    commitments = serializers.URLField(help_text="Commitments in this area (and in its children, for a group).")


class PolicyAreaChildSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    label = serializers.CharField()


class PolicyAreaSerializer(serializers.ModelSerializer):
    parent = PolicyAreaChildSerializer(read_only=True, allow_null=True)
    children = PolicyAreaChildSerializer(many=True, read_only=True)
    commitment_count = serializers.IntegerField(read_only=True, help_text="Commitments tagged with this very area.")
    links = serializers.SerializerMethodField()

    class Meta:
        model = PolicyArea
        fields = ["slug", "label", "parent", "children", "position", "description", "commitment_count", "links"]
        read_only_fields = fields

    @extend_schema_field(PolicyAreaLinksSerializer)
    def get_links(self, area: PolicyArea) -> dict[str, str]:
        return {
            "self": _link(self, "policy-area-detail", slug=area.slug),
            "page": _page(self, area.get_absolute_url()),
            "commitments": _list_link(self, "commitment-list", policy_area=area.slug),
        }


class ActionPlanSummarySerializer(serializers.Serializer):
    ogp_id = serializers.CharField()
    name = serializers.CharField()
    phase = serializers.ChoiceField(Phase.choices)
    url = serializers.SerializerMethodField()

    def get_url(self, plan: ActionPlan) -> str:
        return _link(self, "action-plan-detail", ogp_id=plan.ogp_id)


class ActionPlanLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    page = serializers.URLField(help_text="The plan's public page.")
    commitments = serializers.URLField()
    phase = serializers.URLField(help_text="POST here to move the plan to another phase.")


class ActionPlanSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    period = serializers.CharField(read_only=True)
    member = MemberSummarySerializer(read_only=True)
    commitment_count = serializers.IntegerField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = ActionPlan
        fields = [
            "ogp_id",
            "name",
            "member",
            "number",
            "start_year",
            "end_year",
            "period",
            "duration_years",
            "start_date",
            "end_date",
            "submitted_on",
            "phase",
            "document_url",
            "commitment_count",
            "version",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(ActionPlanLinksSerializer)
    def get_links(self, plan: ActionPlan) -> dict[str, str]:
        return {
            "self": _link(self, "action-plan-detail", ogp_id=plan.ogp_id),
            "page": _page(self, plan.get_absolute_url()),
            "commitments": _list_link(self, "commitment-list", action_plan=plan.ogp_id),
            "phase": _link(self, "action-plan-phase", ogp_id=plan.ogp_id),
        }


class CommitmentSummarySerializer(serializers.Serializer):
    ogp_id = serializers.CharField()
    title = serializers.CharField(source="display_title")
    url = serializers.SerializerMethodField()

    def get_url(self, commitment: Commitment) -> str:
        return _link(self, "commitment-detail", ogp_id=commitment.ogp_id)


class CommitmentLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    page = serializers.URLField(help_text="The commitment's public page.")
    milestones = serializers.URLField()
    progress_updates = serializers.URLField()


class CommitmentSerializer(serializers.ModelSerializer):
    action_plan = ActionPlanSummarySerializer(read_only=True)
    member = MemberSummarySerializer(source="action_plan.member", read_only=True)
    supporting_institutions = serializers.ListField(
        source="supporting_institution_list", child=serializers.CharField(), read_only=True
    )
    ogp_values = serializers.ListField(
        source="values", child=serializers.CharField(), read_only=True, help_text="Labels of the values claimed."
    )
    policy_areas = PolicyAreaSummarySerializer(many=True, read_only=True)
    carried_forward_from = serializers.SlugRelatedField(slug_field="ogp_id", read_only=True, allow_null=True)
    ogp_url = serializers.URLField(source="url", read_only=True, help_text="Page on opengovpartnership.org.")
    status = NamedChoiceField(CommitmentStatus.choices, enum_name="CommitmentStatusEnum", read_only=True)
    start_date_precision = NamedChoiceField(
        DatePrecision.choices, enum_name="DatePrecisionEnum", read_only=True, help_text=PRECISION_HELP
    )
    end_date_precision = NamedChoiceField(
        DatePrecision.choices, enum_name="DatePrecisionEnum", read_only=True, help_text=PRECISION_HELP
    )
    milestone_count = serializers.IntegerField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = [
            "ogp_id",
            "number",
            "action_plan",
            "member",
            "title",
            "short_title",
            "theme",
            "problem",
            "status_quo",
            "objective",
            "description",
            "start_date",
            "start_date_precision",
            "end_date",
            "end_date_precision",
            "lead_institution",
            "supporting_institutions",
            *VALUE_FIELD_NAMES,
            "ogp_values",
            "policy_areas",
            "cluster",
            "carried_forward_from",
            "ogp_url",
            "status",
            "milestone_count",
            "version",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(CommitmentLinksSerializer)
    def get_links(self, commitment: Commitment) -> dict[str, str]:
        return {
            "self": _link(self, "commitment-detail", ogp_id=commitment.ogp_id),
            "page": _page(self, commitment.get_absolute_url()),
            "milestones": _list_link(self, "milestone-list", commitment=commitment.ogp_id),
            "progress_updates": _list_link(self, "progress-update-list", commitment=commitment.ogp_id),
        }


class MilestoneLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    page = serializers.URLField(help_text="The public page of its commitment.")


class MilestoneSerializer(serializers.ModelSerializer):
    commitment = CommitmentSummarySerializer(read_only=True)
    member = MemberSummarySerializer(source="commitment.action_plan.member", read_only=True)
    status = NamedChoiceField(MilestoneStatus.choices, enum_name="MilestoneStatusEnum", read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "commitment",
            "member",
            "position",
            "title",
            "start_date",
            "end_date",
            "expected_output",
            "responsible",
            "status",
            "version",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(MilestoneLinksSerializer)
    def get_links(self, milestone: Milestone) -> dict[str, str]:
        return {
            "self": _link(self, "milestone-detail", id=milestone.pk),
            "page": _page(self, milestone.commitment.get_absolute_url()),
        }


class EvidenceLinkSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ProgressUpdateLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    page = serializers.URLField(help_text="The public page of its commitment.")


class ProgressUpdateSerializer(serializers.ModelSerializer):
    commitment = CommitmentSummarySerializer(read_only=True)
    member = MemberSummarySerializer(source="commitment.action_plan.member", read_only=True)
    milestone = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    evidence = EvidenceLinkSerializer(many=True, read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "commitment",
            "member",
            "milestone",
            "reported_on",
            "completion",
            "text",
            "evidence",
            "created_at",
            "version",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(ProgressUpdateLinksSerializer)
    def get_links(self, update: ProgressUpdate) -> dict[str, str]:
        return {
            "self": _link(self, "progress-update-detail", id=update.pk),
            "page": _page(self, update.commitment.get_absolute_url()),
        }


# ---------------------------------------------------------------------------------------------------------------------
# Write serializers: the request bodies. They validate shape and resolve natural keys; the actions validate
# the rest (model clean, phase rules) and raise ValidationError, which core/api.py turns into a 400.


class ActionPlanCreateSerializer(serializers.ModelSerializer):
    """A new action plan for a member; it starts in the co-creation phase."""

    member = serializers.SlugRelatedField(slug_field="slug", queryset=Member.objects.all(), help_text="Member slug.")

    class Meta:
        model = ActionPlan
        fields = [
            "member",
            "number",
            "ogp_id",
            "start_year",
            "end_year",
            "duration_years",
            "start_date",
            "end_date",
            "document_url",
        ]
        extra_kwargs = {
            "number": {"required": False, "help_text": "Defaults to the member's next number."},
            "ogp_id": {"required": False, "help_text": "Defaults to AP_ + the member's ISO3 code + number."},
        }
        validators: list[Any] = []  # (member, number) uniqueness is checked by the action's full_clean


class ActionPlanUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = ActionPlan
        fields = ["start_year", "end_year", "duration_years", "start_date", "end_date", "document_url", "version"]


class PhaseChangeSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(Phase.choices)
    version = VersionField()


_COMMITMENT_TEMPLATE_FIELDS = [
    "number",
    "title",
    "short_title",
    "theme",
    "problem",
    "status_quo",
    "objective",
    "description",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "lead_institution",
    "supporting_institutions",
    *VALUE_FIELD_NAMES,
    "policy_areas",
    "cluster",
    "carried_forward_from",
    "ogp_url",
]


class CommitmentWriteFields(serializers.ModelSerializer):
    """A commitment's template fields, OGP values and policy areas (slugs)."""

    # Shared by create and update.

    supporting_institutions = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, help_text="One institution per item."
    )
    policy_areas = serializers.SlugRelatedField(
        slug_field="slug", queryset=PolicyArea.objects.all(), many=True, required=False
    )
    carried_forward_from = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.all(), allow_null=True, required=False
    )
    ogp_url = serializers.URLField(source="url", max_length=300, required=False, allow_blank=True)
    start_date_precision = NamedChoiceField(
        DatePrecision.choices, enum_name="DatePrecisionEnum", required=False, help_text=PRECISION_HELP
    )
    end_date_precision = NamedChoiceField(
        DatePrecision.choices, enum_name="DatePrecisionEnum", required=False, help_text=PRECISION_HELP
    )

    def to_model_fields(self) -> tuple[dict[str, Any], list[PolicyArea] | None]:
        """validated_data as the action takes it: model fields, and the policy areas (None: unchanged)."""
        data = dict(self.validated_data)
        data.pop("version", None)
        areas = data.pop("policy_areas", None)
        if "supporting_institutions" in data:
            data["supporting_institutions"] = "\n".join(data["supporting_institutions"])
        return data, areas


class CommitmentCreateSerializer(CommitmentWriteFields):
    action_plan = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=ActionPlan.objects.select_related("member"), help_text="Action plan OGP id."
    )

    class Meta:
        model = Commitment
        fields = ["action_plan", "ogp_id", *_COMMITMENT_TEMPLATE_FIELDS]
        extra_kwargs = {
            "number": {"required": False, "help_text": "Defaults to the next number in the plan."},
            "ogp_id": {"required": False, "help_text": "Defaults to the member's code and next free number."},
        }


class CommitmentUpdateSerializer(VersionedUpdateSerializer, CommitmentWriteFields):
    class Meta:
        model = Commitment
        fields = [*_COMMITMENT_TEMPLATE_FIELDS, "version"]


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the commitment is withdrawn; shown publicly.")
    version = VersionField()


_MILESTONE_FIELDS = ["position", "title", "start_date", "end_date", "expected_output", "responsible", "status"]


class MilestoneCreateSerializer(serializers.ModelSerializer):
    """A new milestone of a commitment."""

    commitment = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.select_related("action_plan"), help_text="Commitment OGP id."
    )
    status = NamedChoiceField(MilestoneStatus.choices, enum_name="MilestoneStatusEnum", required=False)

    class Meta:
        model = Milestone
        fields = ["commitment", *_MILESTONE_FIELDS]
        extra_kwargs = {"position": {"required": False, "help_text": "Defaults to after the last milestone."}}


class MilestoneUpdateSerializer(VersionedUpdateSerializer):
    status = NamedChoiceField(MilestoneStatus.choices, enum_name="MilestoneStatusEnum", required=False)

    class Meta:
        model = Milestone
        fields = [*_MILESTONE_FIELDS, "version"]


class ProgressUpdateCreateSerializer(serializers.ModelSerializer):
    """A progress report on a commitment (optionally one of its milestones), with evidence links."""

    commitment = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.select_related("action_plan"), help_text="Commitment OGP id."
    )
    milestone = serializers.PrimaryKeyRelatedField(
        queryset=Milestone.objects.all(), allow_null=True, required=False, help_text="One of the commitment's."
    )
    completion = serializers.ChoiceField(CompletionLevel.choices)
    evidence = EvidenceLinkSerializer(many=True, required=False, help_text="Public links that back the update.")

    class Meta:
        model = ProgressUpdate
        fields = ["commitment", "milestone", "reported_on", "completion", "text", "evidence"]
        extra_kwargs = {"reported_on": {"required": False, "help_text": "Defaults to today."}}


# ---------------------------------------------------------------------------------------------------------------------
# Filters


class MemberRefFilter(filters.CharFilter):
    """A member by slug or by numeric id."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        key = "pk" if value.isdigit() else "slug"
        return qs.filter(**{f"{self.field_name}__{key}": value})


@extend_schema_field({"type": "integer", "description": "A year, e.g. 2022."})
class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField


@extend_schema_field({"type": "integer", "description": "Only action plans whose period includes this year."})
class CoveringYearFilter(YearFilter):
    """Rows whose action plan's period (first to last year) includes the year; ``field_name`` is the plan."""

    def filter(self, qs: QuerySet, value: int | None) -> QuerySet:
        if value is None:
            return qs
        prefix = f"{self.field_name}__" if self.field_name else ""
        return qs.filter(**{f"{prefix}start_year__lte": value, f"{prefix}end_year__gte": value})


class PolicyAreaFilter(filters.FilterSet):
    parent = filters.CharFilter(field_name="parent__slug", help_text="Slug of a group: its areas.")
    top_level = filters.BooleanFilter(field_name="parent", lookup_expr="isnull", help_text="Only groups.")

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

    def filter_policy_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
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


# ---------------------------------------------------------------------------------------------------------------------
# Viewsets. No destroy anywhere: nothing a user created is deleted (withdraw instead).


class ApiViewSet(RulesViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    schema = OpenGovAutoSchema()
    pagination_class = PageNumberPagination


@extend_schema_view(
    list=extend_schema(summary="List policy areas", responses=list_responses(PolicyAreaSerializer)),
    retrieve=extend_schema(summary="One policy area, by slug", responses={200: PolicyAreaSerializer, 404: NOT_FOUND}),
)
class PolicyAreaViewSet(ApiViewSet):
    """OGP's two-level policy-area taxonomy (groups and their areas). Public, read-only."""

    serializer_class = PolicyAreaSerializer
    queryset = (
        PolicyArea.objects.select_related("parent")
        .prefetch_related("children")
        .annotate(commitment_count=count_related(Commitment.policy_areas.through.objects.all(), "policyarea"))
        .order_by("position")
    )
    lookup_field = "slug"
    filterset_class = PolicyAreaFilter


@extend_schema_view(
    list=extend_schema(summary="List action plans", responses=list_responses(ActionPlanSerializer)),
    retrieve=extend_schema(summary="One action plan, by OGP id", responses={200: ActionPlanSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Create an action plan for a member (rule plans.add_actionplan)",
        responses=write_responses(ActionPlanSerializer, 201),
    ),
    update=extend_schema(
        summary="Change an action plan (rule plans.change_actionplan)",
        responses=write_responses(ActionPlanSerializer, conflict=True),
    ),
    partial_update=extend_schema(
        summary="Change some fields of an action plan (rule plans.change_actionplan)",
        responses=write_responses(ActionPlanSerializer, conflict=True),
    ),
)
class ActionPlanViewSet(ApiViewSet):
    """Action plans, looked up by OGP id (AP_ALB05). Reads are public; writes need a government editor of the
    plan's member (within what the plan's phase allows) or Support Unit staff."""

    serializer_class = ActionPlanSerializer
    queryset = ActionPlan.objects.select_related("member").with_counts().order_by("member__name", "number")
    lookup_field = "ogp_id"
    filterset_class = ActionPlanFilter
    permission_rules = {
        "create": "plans.add_actionplan",
        "update": "plans.change_actionplan",
        "partial_update": "plans.change_actionplan",
        "phase": "plans.change_phase",
    }
    permission_parent_field = "member"
    write_serializer_classes = {
        "create": ActionPlanCreateSerializer,
        "update": ActionPlanUpdateSerializer,
        "partial_update": ActionPlanUpdateSerializer,
        "phase": PhaseChangeSerializer,
    }

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fields = dict(self.validate_body().validated_data)
        plan = actions.create_action_plan(request.user, fields.pop("member"), fields)
        return self.respond(plan, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        plan = self.get_object()
        serializer = self.validate_body(plan, partial=partial)
        changes = dict(serializer.validated_data)
        actions.update_action_plan(request.user, plan, changes, changes.pop("version"))
        return self.respond(plan)

    @extend_schema(
        summary="Move an action plan to another phase (rule plans.change_phase)",
        description="Allowed moves are declared in plans/phases.py; another move is refused with 400.",
        responses=write_responses(ActionPlanSerializer, conflict=True),
    )
    @action(detail=True, methods=["post"], url_path="phase", url_name="phase")
    def phase(self, request: Request, ogp_id: str | None = None) -> Response:
        plan = self.get_object()
        data = self.validate_body().validated_data
        actions.change_phase(request.user, plan, data["phase"], data["version"])
        return self.respond(plan)


COMMITMENT_QUERYSET = (
    Commitment.objects.select_related("action_plan__member", "carried_forward_from")
    .prefetch_related(Prefetch("policy_areas", queryset=PolicyArea.objects.select_related("parent")))
    .annotate(milestone_count=count_related(Milestone.objects.all(), "commitment"))
    .order_by("ogp_id")
)


@extend_schema_view(
    list=extend_schema(summary="List commitments", responses=list_responses(CommitmentSerializer)),
    retrieve=extend_schema(summary="One commitment, by OGP id", responses={200: CommitmentSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Add a commitment to an action plan (rule plans.add_commitment)",
        responses=write_responses(CommitmentSerializer, 201),
    ),
    update=extend_schema(
        summary="Change a commitment (rule plans.change_commitment)",
        responses=write_responses(CommitmentSerializer, conflict=True),
    ),
    partial_update=extend_schema(
        summary="Change some fields of a commitment (rule plans.change_commitment)",
        responses=write_responses(CommitmentSerializer, conflict=True),
    ),
)
class CommitmentViewSet(ApiViewSet):
    """Commitments with OGP's template fields, looked up by OGP id (AL0002)."""

    serializer_class = CommitmentSerializer
    queryset = COMMITMENT_QUERYSET
    lookup_field = "ogp_id"
    filterset_class = CommitmentFilter
    permission_rules = {
        "create": "plans.add_commitment",
        "update": "plans.change_commitment",
        "partial_update": "plans.change_commitment",
        "withdraw": "plans.withdraw_commitment",
    }
    permission_parent_field = "action_plan"
    write_serializer_classes = {
        "create": CommitmentCreateSerializer,
        "update": CommitmentUpdateSerializer,
        "partial_update": CommitmentUpdateSerializer,
        "withdraw": WithdrawSerializer,
    }

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fields, areas = self.validate_body().to_model_fields()
        commitment = actions.create_commitment(request.user, fields.pop("action_plan"), fields, areas or ())
        return self.respond(commitment, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        commitment = self.get_object()
        serializer = self.validate_body(commitment, partial=partial)
        changes, areas = serializer.to_model_fields()
        actions.update_commitment(
            request.user, commitment, changes, serializer.validated_data["version"], policy_areas=areas
        )
        return self.respond(commitment)

    @extend_schema(
        summary="Withdraw a commitment, with a public reason (rule plans.withdraw_commitment)",
        responses=write_responses(CommitmentSerializer, conflict=True),
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, ogp_id: str | None = None) -> Response:
        commitment = self.get_object()
        data = self.validate_body().validated_data
        actions.withdraw_commitment(request.user, commitment, data["reason"], data["version"])
        return self.respond(commitment)


_MILESTONE_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Milestone id.")


@extend_schema_view(
    list=extend_schema(summary="List milestones", responses=list_responses(MilestoneSerializer)),
    retrieve=extend_schema(
        summary="One milestone", parameters=[_MILESTONE_ID], responses={200: MilestoneSerializer, 404: NOT_FOUND}
    ),
    create=extend_schema(
        summary="Add a milestone to a commitment (rule plans.add_milestone)",
        responses=write_responses(MilestoneSerializer, 201),
    ),
    update=extend_schema(
        summary="Change a milestone (rule plans.change_milestone)",
        parameters=[_MILESTONE_ID],
        responses=write_responses(MilestoneSerializer, conflict=True),
    ),
    partial_update=extend_schema(
        summary="Change some fields of a milestone (rule plans.change_milestone)",
        parameters=[_MILESTONE_ID],
        responses=write_responses(MilestoneSerializer, conflict=True),
    ),
)
class MilestoneViewSet(ApiViewSet):
    """Milestones of commitments: dated, verifiable steps."""

    serializer_class = MilestoneSerializer
    queryset = Milestone.objects.select_related("commitment__action_plan__member")
    lookup_url_kwarg = "id"  # the path parameter is named like the field clients see
    lookup_value_regex = "[0-9]+"
    filterset_class = MilestoneFilter
    permission_rules = {
        "create": "plans.add_milestone",
        "update": "plans.change_milestone",
        "partial_update": "plans.change_milestone",
    }
    permission_parent_field = "commitment"
    write_serializer_classes = {
        "create": MilestoneCreateSerializer,
        "update": MilestoneUpdateSerializer,
        "partial_update": MilestoneUpdateSerializer,
    }

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fields = dict(self.validate_body().validated_data)
        milestone = actions.create_milestone(request.user, fields.pop("commitment"), fields)
        return self.respond(milestone, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        milestone = self.get_object()
        serializer = self.validate_body(milestone, partial=partial)
        changes = dict(serializer.validated_data)
        actions.update_milestone(request.user, milestone, changes, changes.pop("version"))
        return self.respond(milestone)


_UPDATE_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Progress update id.")


@extend_schema_view(
    list=extend_schema(summary="List progress updates", responses=list_responses(ProgressUpdateSerializer)),
    retrieve=extend_schema(
        summary="One progress update",
        parameters=[_UPDATE_ID],
        responses={200: ProgressUpdateSerializer, 404: NOT_FOUND},
    ),
    create=extend_schema(
        summary="Report progress on a commitment, with evidence links (rule plans.add_progressupdate)",
        responses=write_responses(ProgressUpdateSerializer, 201),
    ),
)
class ProgressUpdateViewSet(ApiViewSet):
    """Governments' dated progress reports on commitments, with the evidence that backs them."""

    serializer_class = ProgressUpdateSerializer
    queryset = ProgressUpdate.objects.select_related("commitment__action_plan__member").prefetch_related("evidence")
    lookup_url_kwarg = "id"  # the path parameter is named like the field clients see
    lookup_value_regex = "[0-9]+"
    filterset_class = ProgressUpdateFilter
    permission_rules = {"create": "plans.add_progressupdate"}
    permission_parent_field = "commitment"
    write_serializer_classes = {"create": ProgressUpdateCreateSerializer}

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fields = dict(self.validate_body().validated_data)
        evidence = [(link["url"], link.get("title", "")) for link in fields.pop("evidence", [])]
        update = actions.create_progress_update(request.user, fields.pop("commitment"), fields, evidence)
        return self.respond(update, status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    router.register("policy-areas", PolicyAreaViewSet, basename="policy-area")
    router.register("action-plans", ActionPlanViewSet, basename="action-plan")
    router.register("commitments", CommitmentViewSet, basename="commitment")
    router.register("milestones", MilestoneViewSet, basename="milestone")
    router.register("progress-updates", ProgressUpdateViewSet, basename="progress-update")
