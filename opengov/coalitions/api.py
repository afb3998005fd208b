"""Coalitions in the API: public reads of each coalition (areas, participants by public name, resources, events)
and of its discussion (visible posts only). Joining goes through the same action and rule as the page."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
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
    list_responses,
    write_responses,
)
from opengov.members.models import CivilSocietyOrganisation, Member
from opengov.plans.models import PolicyArea

from . import actions
from .models import Coalition, Participant, ParticipantKind, Post, Thread, Visibility


class CoalitionParticipantSerializer(serializers.ModelSerializer[Participant]):
    kind = NamedChoiceField(ParticipantKind.choices, enum_name="CoalitionParticipantKindEnum")
    name = serializers.CharField(source="public_name", help_text="Public name only; never an e-mail address.")
    member: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = Participant
        fields = ["kind", "name", "member", "joined_on"]


class CoalitionSerializer(serializers.ModelSerializer[Coalition]):
    policy_areas: serializers.SlugRelatedField[PolicyArea] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    participants = CoalitionParticipantSerializer(many=True, read_only=True, source="current_participants")
    resources = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    class Meta:
        model = Coalition
        fields = ["slug", "name", "description", "policy_areas", "participants", "resources", "events"]
        read_only_fields = fields

    def get_resources(self, coalition: Coalition) -> list[dict[str, str]]:
        return [{"title": r.title, "url": r.url, "description": r.description} for r in coalition.resources.all()]

    def get_events(self, coalition: Coalition) -> list[dict[str, Any]]:
        return [
            {"title": e.title, "starts_at": e.starts_at, "location": e.location, "url": e.url}
            for e in coalition.events.all()
        ]


class CoalitionJoinSerializer(serializers.Serializer[Any]):
    kind = NamedChoiceField(ParticipantKind.choices, enum_name="CoalitionParticipantKindEnum")
    member = serializers.SlugRelatedField(slug_field="slug", queryset=Member.objects.all(), required=False)
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=CivilSocietyOrganisation.objects.all(), required=False
    )


@extend_schema_view(
    list=extend_schema(summary="List coalitions", responses=list_responses(CoalitionSerializer)),
    retrieve=extend_schema(summary="One coalition", responses={200: CoalitionSerializer, 404: NOT_FOUND}),
)
class CoalitionViewSet(RulesViewSetMixin, viewsets.ReadOnlyModelViewSet[Coalition]):
    schema = OpenGovAutoSchema()
    serializer_class = CoalitionSerializer
    write_serializer_classes = {"join": CoalitionJoinSerializer}
    permission_rules = {"join": "coalitions.join_coalition"}
    lookup_field = "slug"
    pagination_class = PageNumberPagination
    queryset = Coalition.objects.prefetch_related(
        "policy_areas",
        "resources",
        "events",
        Prefetch(
            "participants",
            queryset=Participant.objects.current().select_related("member", "organisation", "user"),
            to_attr="current_participants",
        ),
    ).order_by("name")

    @extend_schema(
        summary="Join a coalition", request=CoalitionJoinSerializer, responses=write_responses(CoalitionSerializer, 201)
    )
    @action(detail=True, methods=["post"])
    def join(self, request: Request, slug: str | None = None) -> Response:
        coalition = self.get_object()
        data = self.validate_body().validated_data
        actions.join(request.user, coalition, data["kind"], data.get("member") or data.get("organisation"))
        return self.respond(coalition, status.HTTP_201_CREATED)


class CoalitionPostSerializer(serializers.ModelSerializer[Post]):
    author = serializers.CharField(source="author.public_name")

    class Meta:
        model = Post
        fields = ["id", "author", "body", "created_at"]


class CoalitionThreadSerializer(serializers.ModelSerializer[Thread]):
    coalition: serializers.SlugRelatedField[Coalition] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    posts = CoalitionPostSerializer(many=True, read_only=True, source="visible_posts")

    class Meta:
        model = Thread
        fields = ["id", "coalition", "title", "created_at", "last_post_at", "posts"]


@extend_schema_view(
    list=extend_schema(
        summary="Coalition discussion threads (visible posts only)", responses=list_responses(CoalitionThreadSerializer)
    ),
    retrieve=extend_schema(summary="One thread", responses={200: CoalitionThreadSerializer, 404: NOT_FOUND}),
)
class ThreadViewSet(viewsets.ReadOnlyModelViewSet[Thread]):
    schema = OpenGovAutoSchema()
    serializer_class = CoalitionThreadSerializer
    pagination_class = PageNumberPagination
    filterset_fields = ["coalition__slug"]
    queryset = (
        Thread.objects.select_related("coalition")
        .prefetch_related(
            Prefetch(
                "posts",
                queryset=Post.objects.filter(visibility=Visibility.VISIBLE).select_related("author"),
                to_attr="visible_posts",
            )
        )
        .order_by("-last_post_at", "-pk")
    )


def register(router: DefaultRouter) -> None:
    router.register("coalitions", CoalitionViewSet, basename="coalition")
    router.register("coalition-threads", ThreadViewSet, basename="coalition-thread")
