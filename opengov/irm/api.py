"""IRM REST API: reports and commitment assessments (/api/v1/irm/...).

Reads show only what the caller may see (Report/Assessment ``visible_to``: published and open-for-comment
reports for everyone; drafts for IRM staff and the assigned researchers). Writes go through irm.actions;
governments and unassigned researchers get 403 (the rules in irm/rules.py).
"""

from __future__ import annotations

from typing import Any, TypedDict, TypeVar

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
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
    VisibleRelatedField,
    list_responses,
    write_responses,
)
from opengov.plans.models import ActionPlan, Commitment

from . import actions
from .influence import PROCESS_FIELDS
from .models import Assessment, Product, Report
from .scales import INDICATOR_SCALES, PublicInfluence, with_codes
from .stars import stars_of
from .workflow import ReportState

INDICATORS = list(INDICATOR_SCALES)
_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id.")
_M = TypeVar("_M", bound=Model)
TEXT_FIELDS = ["cluster_label", "cluster_commitment_ids", "narrative", "sources"]


def _indicator_fields() -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    """One choice field per indicator: the scale's slugs plus "NA", "ND", "NR"; "" clears it."""
    return {
        name: NamedChoiceField(
            [*with_codes(scale), ("", _("Not entered"))], f"Irm{scale.__name__}Level", required=False, allow_blank=True
        )
        for name, scale in INDICATOR_SCALES.items()
    }


class _Access(TypedDict, total=False):
    """How a process field is offered: read-only in the report, optional in the process update."""

    read_only: bool
    required: bool


def _process_fields(read_only: bool) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
    """The report's process findings: IAP2 levels ("" = not assessed) and two flags (null = not assessed)."""
    levels = [*PublicInfluence.choices, ("", _("Not assessed"))]
    options: _Access = {"read_only": True} if read_only else {"required": False}
    return {
        "iap2_level_development": NamedChoiceField(
            levels,
            "IrmPublicInfluence",
            allow_blank=True,
            help_text=_("Public influence during development."),
            **options,
        ),
        "iap2_level_implementation": NamedChoiceField(
            levels,
            "IrmPublicInfluence",
            allow_blank=True,
            help_text=_("Public influence during implementation."),
            **options,
        ),
        "participation_open": serializers.BooleanField(
            allow_null=True,
            help_text=_("True: open to any interested party; false: closed; null: not assessed."),
            **options,
        ),
        "forum_met_regularly": serializers.BooleanField(
            allow_null=True,
            help_text=_("Whether a multi-stakeholder forum existed and met regularly; null: not assessed."),
            **options,
        ),
    }


class ReportSerializer(serializers.ModelSerializer[Report]):
    product = NamedChoiceField(Product.choices, "IrmProduct", read_only=True)
    state = NamedChoiceField(ReportState.choices, "IrmReportState", read_only=True)
    action_plan: serializers.SlugRelatedField[ActionPlan] = serializers.SlugRelatedField(
        slug_field="ogp_id", read_only=True
    )
    name = serializers.CharField(read_only=True)
    locals().update(_process_fields(read_only=True))

    class Meta:
        model = Report
        fields = [
            "id",
            "name",
            "action_plan",
            "product",
            "state",
            "due_date",
            "publication_year",
            "published_on",
            "comment_opens_on",
            "comment_closes_on",
            "document_url",
            "summary",
            *PROCESS_FIELDS,
            "version",
        ]
        read_only_fields = fields


class ProcessSerializer(serializers.Serializer[Any]):
    locals().update(_process_fields(read_only=False))
    version = VersionField()


class MoveSerializer(serializers.Serializer[Any]):
    state = NamedChoiceField(ReportState.choices, "IrmReportState")
    version = VersionField()


class StarsSerializer(serializers.Serializer[Any]):
    formula_2014 = serializers.BooleanField()
    current = serializers.BooleanField()


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    commitment: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", read_only=True
    )
    stars = serializers.SerializerMethodField()
    locals().update(_indicator_fields())

    class Meta:
        model = Assessment
        fields = ["id", "report", "commitment", *INDICATORS, *TEXT_FIELDS, "stars", "version"]
        read_only_fields = fields

    @extend_schema_field(StarsSerializer)
    def get_stars(self, obj: Assessment) -> dict[str, bool]:
        stars = stars_of(obj)
        return {"formula_2014": stars.formula_2014, "current": stars.current}


class AssessmentCreateSerializer(serializers.Serializer[Any]):
    # Only reports the client may see: a draft it may not see answers exactly like a report that does not exist.
    report = VisibleRelatedField(queryset=Report.objects.all())
    commitment = serializers.SlugRelatedField(slug_field="ogp_id", queryset=Commitment.objects.all())
    locals().update(_indicator_fields())
    cluster_label = serializers.CharField(required=False, allow_blank=True, max_length=200)
    cluster_commitment_ids = serializers.CharField(required=False, allow_blank=True, max_length=500)
    narrative = serializers.CharField(required=False, allow_blank=True)
    sources = serializers.CharField(required=False, allow_blank=True)


class AssessmentUpdateSerializer(VersionedUpdateSerializer):
    locals().update(_indicator_fields())

    class Meta:
        model = Assessment
        fields = [*INDICATORS, *TEXT_FIELDS, "version"]


class IrmViewSet(RulesViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[_M]):
    schema = OpenGovAutoSchema()
    pagination_class = PageNumberPagination
    lookup_url_kwarg = "id"  # the path parameter is named like the field clients see


@extend_schema_view(
    list=extend_schema(summary="List IRM reports you may see", responses=list_responses(ReportSerializer)),
    retrieve=extend_schema(
        summary="One IRM report", parameters=[_ID], responses={200: ReportSerializer, 404: NOT_FOUND}
    ),
)
class ReportViewSet(IrmViewSet[Report]):
    """IRM reports: published and open for comment for everyone; drafts only for the IRM team."""

    serializer_class = ReportSerializer
    permission_rules = {"move": "irm.move_report", "process": "irm.assess_process"}
    write_serializer_classes = {"move": MoveSerializer, "process": ProcessSerializer}

    def get_queryset(self) -> Any:
        return Report.objects.visible_to(self.request.user).for_list().order_by("pk")

    @extend_schema(
        summary="Move a report along the workflow (rule irm.move_report)",
        parameters=[_ID],
        request=MoveSerializer,
        responses=write_responses(ReportSerializer, conflict=True),
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, id: str | None = None) -> Response:
        report = self.get_object()
        data = self.validate_body().validated_data
        actions.move_report(request.user, report, data["state"], data["version"])
        return self.respond(report)

    @extend_schema(
        summary="Record the report's public influence findings (rule irm.assess_process)",
        description=(
            "IAP2 levels during development and implementation, open participation and the forum's regularity. "
            "Send only the fields to change, with the version you read."
        ),
        parameters=[_ID],
        request=ProcessSerializer,
        responses=write_responses(ReportSerializer, conflict=True),
    )
    @action(detail=True, methods=["post"])
    def process(self, request: Request, id: str | None = None) -> Response:
        report = self.get_object()
        data = dict(self.validate_body().validated_data)
        version = data.pop("version")
        actions.assess_process(request.user, report, data, version)
        return self.respond(report)


@extend_schema_view(
    list=extend_schema(
        summary="List commitment assessments you may see", responses=list_responses(AssessmentSerializer)
    ),
    retrieve=extend_schema(
        summary="One commitment assessment", parameters=[_ID], responses={200: AssessmentSerializer, 404: NOT_FOUND}
    ),
    create=extend_schema(
        summary="Assess a commitment in a report (rule irm.add_assessment)",
        description="Creates the assessment. If the commitment is assessed in that report already, nothing is "
        "changed and the answer is 409 with the current version: change it with PUT or PATCH and that version.",
        request=AssessmentCreateSerializer,
        responses=write_responses(AssessmentSerializer, 201, conflict=True),
    ),
    update=extend_schema(
        summary="Change an assessment (rule irm.change_assessment)",
        parameters=[_ID],
        request=AssessmentUpdateSerializer,
        responses=write_responses(AssessmentSerializer, conflict=True),
    ),
    partial_update=extend_schema(
        summary="Change some indicators of an assessment (rule irm.change_assessment)",
        parameters=[_ID],
        request=AssessmentUpdateSerializer,
        responses=write_responses(AssessmentSerializer, conflict=True),
    ),
)
class AssessmentViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, IrmViewSet[Assessment]):
    serializer_class = AssessmentSerializer
    permission_rules = {
        "create": "irm.add_assessment",
        "update": "irm.change_assessment",
        "partial_update": "irm.change_assessment",
    }
    permission_parent_field = "report"
    write_serializer_classes = {
        "create": AssessmentCreateSerializer,
        "update": AssessmentUpdateSerializer,
        "partial_update": AssessmentUpdateSerializer,
    }

    def get_queryset(self) -> Any:
        return Assessment.objects.visible_to(self.request.user).for_list().order_by("pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = dict(self.validate_body().validated_data)
        report, commitment = data.pop("report"), data.pop("commitment")
        assessment = actions.save_assessment(request.user, report, commitment, data)
        return self.respond(assessment, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        assessment = self.get_object()
        data = dict(self.validate_body(assessment, partial=partial).validated_data)
        version = data.pop("version")
        actions.save_assessment(request.user, assessment.report, assessment.commitment, data, version)
        return self.respond(assessment)


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's one router (opengov/api_router.py)."""
    router.register("irm/reports", ReportViewSet, basename="irm-report")
    router.register("irm/assessments", AssessmentViewSet, basename="irm-assessment")
