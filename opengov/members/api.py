"""Read API for OGP members (national and local). Members are managed by the Support Unit in the admin,
so the API has no writes here."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.routers import DefaultRouter

from opengov.core.api import (
    NOT_FOUND,
    NamedChoiceField,
    OpenGovAutoSchema,
    PageNumberPagination,
    absolute_url,
    list_responses,
)

from .models import Member, MemberQuerySet, MemberStatus, Region


class MemberSummarySerializer(serializers.Serializer[Any]):
    """A member as other resources show it (no query: read from a select_related member)."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The member in this API.")

    def get_url(self, member: Member) -> str:
        return absolute_url(self.context.get("request"), reverse("member-detail", kwargs={"slug": member.slug}))


class MemberLinksSerializer(serializers.Serializer[Any]):
    self = serializers.URLField(help_text="This member in the API.")
    page = serializers.URLField(help_text="The member's public page.")
    action_plans = serializers.URLField(help_text="The member's action plans in the API.")
    commitments = serializers.URLField(help_text="The member's commitments in the API.")


class MemberSerializer(serializers.ModelSerializer[Member]):
    country = serializers.SerializerMethodField(help_text="ISO 3166-1 alpha-2 code ('' if none).")
    country_name = serializers.SerializerMethodField()
    parent = MemberSummarySerializer(read_only=True, allow_null=True, help_text="For a local member: its country.")
    status = NamedChoiceField(MemberStatus.choices, enum_name="MemberStatusEnum", read_only=True)
    action_plan_count = serializers.IntegerField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = [
            "slug",
            "name",
            "kind",
            "region",
            "country",
            "country_name",
            "iso3",
            "ogp_code",
            "parent",
            "join_date",
            "lead_agency",
            "website_url",
            "repository_url",
            "status",
            "status_since",
            "action_plan_count",
            "links",
        ]
        read_only_fields = fields

    def get_country(self, member: Member) -> str:
        return member.country.code or ""

    def get_country_name(self, member: Member) -> str:
        return str(member.country.name) if member.country else ""

    @extend_schema_field(MemberLinksSerializer)
    def get_links(self, member: Member) -> dict[str, str]:
        request = self.context.get("request")
        by_member = urlencode({"member": member.slug})
        return {
            "self": absolute_url(request, reverse("member-detail", kwargs={"slug": member.slug})),
            "page": absolute_url(request, member.get_absolute_url()),
            "action_plans": absolute_url(request, f"{reverse('action-plan-list')}?{by_member}"),
            "commitments": absolute_url(request, f"{reverse('commitment-list')}?{by_member}"),
        }


class MemberFilter(filters.FilterSet):
    region = filters.ChoiceFilter(choices=Region.choices)
    kind = filters.ChoiceFilter(
        choices=[("national", "National"), ("local", "Local")],
        method="filter_kind",
        help_text="national: national members (and 'other'); local: OGP Local members (and legacy locals).",
    )
    status = filters.ChoiceFilter(choices=MemberStatus.choices)
    q = filters.CharFilter(method="filter_q", help_text="Name, lead agency or exact OGP code.")

    class Meta:
        model = Member
        fields = ["region", "kind", "status", "q"]

    def filter_kind(self, queryset: MemberQuerySet, name: str, value: str) -> MemberQuerySet:
        return queryset.national() if value == "national" else queryset.local()

    def filter_q(self, queryset: MemberQuerySet, name: str, value: str) -> MemberQuerySet:
        return queryset.search(value)


@extend_schema_view(
    list=extend_schema(summary="List members", responses=list_responses(MemberSerializer)),
    retrieve=extend_schema(summary="One member, by slug", responses={200: MemberSerializer, 404: NOT_FOUND}),
)
class MemberViewSet(viewsets.ReadOnlyModelViewSet[Member]):
    """OGP members, national and local. Public."""

    schema = OpenGovAutoSchema()
    serializer_class = MemberSerializer
    # Explicit order: Django drops Meta.ordering from aggregate (GROUP BY) queries.
    queryset = Member.objects.for_directory().order_by("name")
    lookup_field = "slug"
    filterset_class = MemberFilter
    pagination_class = PageNumberPagination


def register(router: DefaultRouter) -> None:
    router.register("members", MemberViewSet, basename="member")
