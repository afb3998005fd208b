"""Stories API: published stories for everyone (and, for their authors and the curators, the stories they may see);
share a story and take a curator's decision with a token, under the same rules and actions as the pages.

Text is returned as raw Markdown source, never rendered HTML: a client must escape it. Photos are added through
the story form (the API carries their addresses and alternative texts).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
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
    VersionField,
    absolute_url,
    list_responses,
    write_responses,
)
from opengov.core.queries import model_field
from opengov.members.models import Member
from opengov.plans.models import ActionPlan, Commitment, PolicyArea

from . import actions, queries
from .actions import STORY_FIELDS
from .lifecycle import DECISIONS, PUBLIC, Status
from .models import MAX_SUMMARY_LENGTH, Format, Language, Story


class ImageSerializer(serializers.Serializer[Any]):
    url = serializers.SerializerMethodField()
    alt_text = serializers.CharField()
    caption = serializers.CharField()

    def get_url(self, image: Any) -> str:
        return absolute_url(self.context.get("request"), image.get_absolute_url())


class StorySerializer(serializers.ModelSerializer[Story]):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    status = NamedChoiceField(Status.choices, enum_name="StoryStatusEnum")
    format = NamedChoiceField(Format.choices, enum_name="StoryFormatEnum")
    language = NamedChoiceField(Language.choices, enum_name="StoryLanguageEnum")
    country = serializers.CharField()
    member: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    region = serializers.CharField(help_text="Region key, empty when the story's country has no national member.")
    author = serializers.SerializerMethodField()
    topics: serializers.SlugRelatedField[PolicyArea] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    commitments: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", many=True, read_only=True
    )
    action_plans: serializers.SlugRelatedField[ActionPlan] = serializers.SlugRelatedField(
        slug_field="ogp_id", many=True, read_only=True
    )
    members: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    images = ImageSerializer(many=True, read_only=True)
    translation_of: serializers.PrimaryKeyRelatedField[Story] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = Story
        fields = [
            "id", "url", "title", "summary", "body", "language", "country", "member", "region", "format", "video_url",
            "topics", "commitments", "action_plans", "members", "images", "status", "decision_reason", "author",
            "translation_of", "published_at", "featured_at", "version",
        ]  # fmt: skip

    def get_url(self, story: Story) -> str:
        return absolute_url(self.context.get("request"), story.get_absolute_url())

    def get_author(self, story: Story) -> str:
        return str(story.author.public_name)


class ShareSerializer(serializers.ModelSerializer[Story]):
    """The body of a new story; links are named by slug or OGP id."""

    summary = serializers.CharField(max_length=MAX_SUMMARY_LENGTH)
    member = serializers.SlugRelatedField(
        slug_field="slug", queryset=Member.objects.all(), required=False, allow_null=True
    )
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=PolicyArea.objects.all(), many=True, required=False
    )
    commitments = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.all(), many=True, required=False
    )
    action_plans = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=ActionPlan.objects.all(), many=True, required=False
    )
    members = serializers.SlugRelatedField(slug_field="slug", queryset=Member.objects.all(), many=True, required=False)
    translation_of = serializers.PrimaryKeyRelatedField(queryset=Story.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Story
        fields = [*STORY_FIELDS, "topics", "commitments", "action_plans", "members", "translation_of"]


class DecisionSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=list(DECISIONS))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    version = VersionField()


def _params() -> list[OpenApiParameter]:
    return [
        OpenApiParameter(name, OpenApiTypes.STR, description=text)
        for name, text in (
            ("q", "Words the title, summary or text contain."),
            ("region", "Region key."),
            ("country", "ISO 3166 alpha-2 code."),
            ("topic", "Policy-area slug (a group includes its areas)."),
            ("format", "Format key."),
            ("language", "Language code."),
            ("year", "Year published."),
        )
    ]


@extend_schema_view(
    list=extend_schema(
        summary="List stories (published; with a token also your own, or all for curators)",
        parameters=_params(),
        responses=list_responses(StorySerializer),
    ),
    retrieve=extend_schema(summary="One story", responses={200: StorySerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Share a story (rule stories.add_story)",
        request=ShareSerializer,
        responses=write_responses(StorySerializer, 201),
    ),
)
class StoryViewSet(
    RulesViewSetMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Story],
):
    """OpenStories: stories of progress, curated by OGP's communications team."""

    schema = OpenGovAutoSchema()
    pagination_class = PageNumberPagination
    lookup_url_kwarg = "id"
    serializer_class = StorySerializer
    permission_rules = {"create": "stories.add_story", "decide": "stories.curate_story"}
    write_serializer_classes = {"create": ShareSerializer, "decide": DecisionSerializer}

    def get_queryset(self) -> QuerySet[Story]:
        user = self.request.user
        qs = Story.objects.all()
        if not user.has_perm("stories.curate_story"):
            mine = Q(author_id=user.pk) if user.is_authenticated else Q(pk__in=[])
            qs = qs.filter(Q(status__in=sorted(PUBLIC)) | mine)
        qs = queries.filters_from(self.request.query_params).apply(qs)
        return (
            qs.select_related("member", "author")
            .prefetch_related("topics", "commitments", "action_plans", "members", "images")
            .order_by("-published_at", "-pk")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = dict(self.validate_body().validated_data)
        links = {name: data.pop(name, []) for name in ("topics", "commitments", "action_plans", "members")}
        original = data.pop("translation_of", None)
        fields = {name: data.get(name, model_field(Story, name).get_default()) for name in STORY_FIELDS}
        story = actions.submit_story(request.user, fields, links, translation_of=original)
        return self.respond(story, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ask for changes, publish, feature or decline (rule stories.curate_story)",
        responses=write_responses(StorySerializer, conflict=True),
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, id: str | None = None) -> Response:
        story = self.get_object()
        data = self.validate_body().validated_data
        actions.decide(request.user, story, data["decision"], data.get("reason", ""), data.get("version"))
        return self.respond(story)


def register(router: DefaultRouter) -> None:
    router.register("stories", StoryViewSet, basename="story")
