"""Viewsets of the plans API. No destroy anywhere: nothing a user created is deleted (withdraw instead).

Every write calls one function of plans/actions.py; the viewsets only parse input and shape output.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from opengov.core.api import (
    NOT_FOUND,
    OpenGovAutoSchema,
    PageNumberPagination,
    PartialUpdateMixin,
    RulesViewSetMixin,
    change_schemas,
    list_responses,
    write_responses,
)
from opengov.core.queries import count_related
from opengov.plans import actions
from opengov.plans.models import (
    ActionPlan,
    Commitment,
    Milestone,
    PolicyArea,
    ProgressUpdate,
)

from .filters import ActionPlanFilter, CommitmentFilter, MilestoneFilter, PolicyAreaFilter, ProgressUpdateFilter
from .inputs import (
    ActionPlanCreateSerializer,
    ActionPlanUpdateSerializer,
    CommitmentCreateSerializer,
    CommitmentUpdateSerializer,
    MilestoneCreateSerializer,
    MilestoneUpdateSerializer,
    PhaseChangeSerializer,
    ProgressUpdateCreateSerializer,
    WithdrawSerializer,
)
from .serializers import (
    ActionPlanSerializer,
    CommitmentSerializer,
    MilestoneSerializer,
    PolicyAreaSerializer,
    ProgressUpdateSerializer,
)

_M = TypeVar("_M", bound=Model)


class ApiViewSet(RulesViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[_M]):
    schema = OpenGovAutoSchema()
    pagination_class = PageNumberPagination


@extend_schema_view(
    list=extend_schema(summary="List policy areas", responses=list_responses(PolicyAreaSerializer)),
    retrieve=extend_schema(summary="One policy area, by slug", responses={200: PolicyAreaSerializer, 404: NOT_FOUND}),
)
class PolicyAreaViewSet(ApiViewSet[PolicyArea]):
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
    **change_schemas(ActionPlanSerializer, "an action plan", "plans.change_actionplan"),
)
class ActionPlanViewSet(PartialUpdateMixin, ApiViewSet[ActionPlan]):
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
    **change_schemas(CommitmentSerializer, "a commitment", "plans.change_commitment"),
)
class CommitmentViewSet(PartialUpdateMixin, ApiViewSet[Commitment]):
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
    **change_schemas(MilestoneSerializer, "a milestone", "plans.change_milestone", [_MILESTONE_ID]),
)
class MilestoneViewSet(PartialUpdateMixin, ApiViewSet[Milestone]):
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
class ProgressUpdateViewSet(ApiViewSet[ProgressUpdate]):
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
