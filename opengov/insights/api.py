"""Insights API: every indicator as JSON with its definition, value, numerator, denominator and the filters
applied; its trend over years or cycles; a member against its region and the world. Read-only and public.

The numbers are the pages' numbers: both read indicators.compute_cached (same definitions, same cache).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from opengov.core.api import NOT_FOUND, VALIDATION_ERROR, NamedChoiceField, absolute_url
from opengov.members.models import Member

from . import indicators
from .forms import FiltersForm
from .indicators import TREND_DIMENSIONS, Filters, Indicator, Result


class RowSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="The group: a region or type code, a year, a cycle, a slug or an id.")
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field: DRF takes it off the class
    value = serializers.FloatField(allow_null=True, help_text="Percent (one decimal) or count; null: nothing assessed.")
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True, help_text="Null for counts.")


class FiltersAppliedSerializer(serializers.Serializer[Any]):
    region = serializers.CharField(required=False)
    kind = serializers.CharField(required=False)
    member = serializers.CharField(required=False)
    policy_area = serializers.CharField(required=False)
    year = serializers.IntegerField(required=False)
    cycle = serializers.IntegerField(required=False)


class IndicatorSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField(help_text="Plain-language definition, in the request's language.")
    formula = serializers.CharField()
    denominator_definition = serializers.CharField(help_text="What the denominator counts (and what it leaves out).")
    unit = NamedChoiceField(choices=[("percent", "percent"), ("count", "count")], enum_name="IndicatorUnit")
    group = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field: DRF takes it off the class
    dimensions = serializers.ListField(child=serializers.CharField(), help_text="Breakdowns and filters it supports.")
    url = serializers.URLField()


class IndicatorResultSerializer(IndicatorSerializer):
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    filters_applied = FiltersAppliedSerializer()
    breakdown = serializers.DictField(child=RowSerializer(many=True), help_text="Rows per requested breakdown.")


class TrendSerializer(IndicatorSerializer):
    by = NamedChoiceField(choices=[("year", "year"), ("cycle", "cycle")], enum_name="TrendDimension")
    filters_applied = FiltersAppliedSerializer()
    points = RowSerializer(many=True)


class ComparisonPartSerializer(serializers.Serializer[Any]):
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    filters_applied = FiltersAppliedSerializer()


class ComparisonSerializer(IndicatorSerializer):
    member = ComparisonPartSerializer()
    region = ComparisonPartSerializer()
    world = ComparisonPartSerializer()


TREND_CHOICES = list(TREND_DIMENSIONS)  # outside the viewset, whose own ``list`` would shadow the builtin
FILTER_PARAMETERS = [
    OpenApiParameter("region", OpenApiTypes.STR, description="Region code, e.g. europe."),
    OpenApiParameter("kind", OpenApiTypes.STR, description="Member type: national, local, legacy_local, other."),
    OpenApiParameter("member", OpenApiTypes.STR, description="Member slug."),
    OpenApiParameter("policy_area", OpenApiTypes.STR, description="Policy-area slug (a group includes its areas)."),
    OpenApiParameter("year", OpenApiTypes.INT, description="Submission year (the plan's first year)."),
    OpenApiParameter("cycle", OpenApiTypes.INT, description="Action plan number (1st, 2nd ... plan of a member)."),
]


def _definition(indicator: Indicator, request: Request) -> dict[str, Any]:
    return {
        "key": indicator.key,
        "title": str(indicator.title),
        "definition": str(indicator.definition),
        "formula": str(indicator.formula),
        "denominator_definition": str(indicator.denominator_text),
        "unit": indicator.unit,
        "group": str(indicator.group),
        "source": str(indicator.source),
        "dimensions": list(indicator.dimensions),
        "url": absolute_url(request, reverse("insights-indicator-detail", kwargs={"key": indicator.key})),
    }


def _numbers(result: Result) -> dict[str, Any]:
    return {
        "value": result.value,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "filters_applied": result.filters_applied,
    }


@extend_schema_view(
    list=extend_schema(summary="Every indicator with its definition", responses={200: IndicatorSerializer(many=True)}),
    retrieve=extend_schema(
        summary="An indicator's value with its definition, numerator, denominator, filters and breakdowns",
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "breakdown",
                OpenApiTypes.STR,
                description="Comma-separated breakdowns, e.g. region,year (see the indicator's dimensions).",
            ),
        ],
        responses={200: IndicatorResultSerializer, 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
)
class IndicatorViewSet(viewsets.ViewSet):
    permission_classes = [permissions.AllowAny]
    lookup_field = "key"
    lookup_value_regex = "[a-z0-9-]+"
    serializer_class = IndicatorResultSerializer

    def _indicator(self, key: str) -> Indicator:
        try:
            return indicators.get(key)
        except KeyError:
            raise Http404 from None

    def _filters(self) -> Filters:
        form = FiltersForm(self.request.query_params)
        if not form.is_valid():
            # An ErrorList yields its messages; the stubs count the ValidationErrors it holds among its items.
            detail = {name: list(errors) for name, errors in form.errors.items()}
            raise exceptions.ValidationError(detail)  # type: ignore[arg-type]
        return form.filters()

    def list(self, request: Request) -> Response:
        data = [_definition(indicator, request) for indicator in indicators.all_indicators()]
        return Response(IndicatorSerializer(data, many=True).data)

    def retrieve(self, request: Request, key: str) -> Response:
        indicator = self._indicator(key)
        filters = self._filters()
        wanted = [b.strip() for b in request.query_params.get("breakdown", "").split(",") if b.strip()]
        unknown = [b for b in wanted if b not in indicator.dimensions]
        if unknown:
            raise exceptions.ValidationError(
                {"breakdown": [f"Not a breakdown of this indicator: {', '.join(unknown)}."]}
            )
        result = indicators.compute_cached(indicator, filters, wanted)
        data = {
            **_definition(indicator, request),
            **_numbers(result),
            "breakdown": {k: [row.as_dict() for row in rows] for k, rows in result.breakdown.items()},
        }
        return Response(IndicatorResultSerializer(data).data)

    @extend_schema(
        summary="An indicator over submission years or action-plan cycles",
        parameters=[*FILTER_PARAMETERS, OpenApiParameter("by", OpenApiTypes.STR, enum=TREND_CHOICES)],
        responses={200: TrendSerializer, 400: VALIDATION_ERROR, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"])
    def trend(self, request: Request, key: str) -> Response:
        indicator = self._indicator(key)
        filters = self._filters()
        by = request.query_params.get("by", "year")
        if by not in TREND_DIMENSIONS or by not in indicator.dimensions:
            raise exceptions.ValidationError({"by": ["This indicator has no trend by that dimension."]})
        rows = indicators.trend(indicator, filters, by)
        data = {
            **_definition(indicator, request),
            "by": by,
            "filters_applied": filters.without(by).applied(),
            "points": [row.as_dict() for row in rows],
        }
        return Response(TrendSerializer(data).data)

    @extend_schema(
        summary="A member compared with its region and the world",
        parameters=[OpenApiParameter("member", OpenApiTypes.STR, required=True, description="Member slug.")],
        responses={
            200: ComparisonSerializer,
            400: VALIDATION_ERROR,
            404: OpenApiResponse(description="No such indicator or member."),
        },
    )
    @action(detail=True, methods=["get"])
    def compare(self, request: Request, key: str) -> Response:
        indicator = self._indicator(key)
        slug = request.query_params.get("member", "")
        if not slug:
            raise exceptions.ValidationError({"member": ["Give a member slug."]})
        member = Member.objects.filter(slug=slug).first()
        if member is None:
            raise Http404
        comparison = indicators.compare_member(indicator, member)
        data = {
            **_definition(indicator, request),
            "member": _numbers(comparison.member),
            "region": _numbers(comparison.region),
            "world": _numbers(comparison.world),
        }
        return Response(ComparisonSerializer(data).data)


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's one router (opengov/api_router.py)."""
    router.register("insights/indicators", IndicatorViewSet, basename="insights-indicator")
