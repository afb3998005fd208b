"""Search and the commitments explorer in the REST API, with the page's parameters and validation."""

from __future__ import annotations

from typing import Any

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from opengov.core.api import VALIDATION_ERROR, OpenGovAutoSchema

from .explorer import PAGE_SIZE, ExplorerForm, facet_counts
from .forms import SearchForm
from .query import search


def _params(form_class: type[forms.Form]) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(name, OpenApiTypes.STR, required=False, description=str(field.label))
        for name, field in form_class.base_fields.items()
    ]


class SearchHitSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    member = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    highlight = serializers.CharField(help_text="HTML: escaped text, matches in <mark>")


class FacetValueSerializer(serializers.Serializer):  # type: ignore[type-arg]
    value = serializers.CharField()
    # DRF's serializer metaclass moves declared fields out of the class, so this does not replace Field.label
    # at run time; the stubs cannot know that, and the API's field is named label.
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class OneObjectSchema(OpenGovAutoSchema):
    """These ``list`` actions answer one object (results, facets and paging together), not an array of items:
    drf-spectacular would otherwise document every ``list`` as an array."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False


class SearchViewSet(viewsets.ViewSet):
    """Site-wide search of public content: ranked, with facet counts; same parameters as /search/."""

    schema = OneObjectSchema()

    @extend_schema(
        parameters=_params(SearchForm),
        responses={
            200: inline_serializer(
                "SearchResults",
                {
                    "total": serializers.IntegerField(),
                    "page": serializers.IntegerField(),
                    "corrections": serializers.DictField(child=serializers.CharField()),
                    "results": SearchHitSerializer(many=True),
                    "facets": serializers.DictField(child=FacetValueSerializer(many=True)),
                },
            ),
            400: VALIDATION_ERROR,
        },
    )
    def list(self, request: Request) -> Response:
        form = SearchForm(request.query_params)
        if not form.is_valid():
            return Response(form.errors, status=400)
        results = search(form.cleaned_data["q"], form.filters(), form.cleaned_data.get("page") or 1)
        return Response(
            {
                "total": results.total,
                "page": results.page,
                "corrections": results.parsed.corrections,
                "results": [
                    {
                        "kind": h.document.kind,
                        "title": h.document.title,
                        "url": request.build_absolute_uri(h.document.url),
                        "member": h.document.member_name,
                        "year": h.document.year,
                        "highlight": str(h.excerpt),
                    }
                    for h in results.hits
                ],
                "facets": {
                    name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                    for name, values in results.facets.items()
                },
            }
        )


class ExplorerViewSet(viewsets.ViewSet):
    """The commitments explorer's filters and facet counts; same parameters as /commitments/."""

    schema = OneObjectSchema()

    @extend_schema(
        parameters=[*_params(ExplorerForm), OpenApiParameter("page", OpenApiTypes.INT, required=False)],
        responses={
            200: inline_serializer(
                "ExplorerResults",
                {
                    "count": serializers.IntegerField(),
                    "results": inline_serializer(
                        "ExplorerRow",
                        {
                            "ogp_id": serializers.CharField(),
                            "title": serializers.CharField(),
                            "member": serializers.CharField(),
                            "action_plan": serializers.CharField(),
                            "url": serializers.CharField(),
                        },
                        many=True,
                    ),
                    "facets": serializers.DictField(child=FacetValueSerializer(many=True)),
                },
            ),
            400: VALIDATION_ERROR,
        },
    )
    def list(self, request: Request) -> Response:
        form = ExplorerForm(request.query_params)
        if not form.is_valid():
            return Response(form.errors, status=400)
        try:
            page = max(1, int(request.query_params.get("page", 1)))
        except ValueError:
            return Response({"page": ["Enter a whole number."]}, status=400)
        qs = form.commitments()
        rows = qs.order_by(*form.order()).select_related("action_plan__member")[
            (page - 1) * PAGE_SIZE : page * PAGE_SIZE
        ]
        facets: dict[str, Any] = {
            f.param: [{"value": v, "label": label, "count": n} for v, label, n in f.values] for f in facet_counts(qs)
        }
        return Response(
            {
                "count": qs.count(),
                "results": [
                    {
                        "ogp_id": c.ogp_id,
                        "title": c.title,
                        "member": c.action_plan.member.name,
                        "action_plan": c.action_plan.ogp_id,
                        "url": request.build_absolute_uri(c.get_absolute_url()),
                    }
                    for c in rows
                ],
                "facets": facets,
            }
        )


def register(router: BaseRouter) -> None:
    router.register("search", SearchViewSet, basename="search")
    router.register("explorer", ExplorerViewSet, basename="explorer")
