"""Campaigns API: campaigns with their targets measured live (value, numerator, denominator, met by the deadline,
monthly trend), crowdsourced examples and Open Gov Challenge submissions; sending examples and submissions with a
token, under the same rules and actions as the pages."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
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
from opengov.members.models import Member
from opengov.plans.models import Commitment

from . import actions, progress, targets
from .models import Campaign, ChallengeSubmission, Example, ReviewStatus, SubmissionKind, SubmissionStatus, Theme

_M = TypeVar("_M", bound=Model)


class TrendPointSerializer(serializers.Serializer[Any]):
    month = serializers.CharField(source="key")
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()


class TargetSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="target.pk")
    title = serializers.CharField(source="target.title")
    indicator = serializers.CharField(source="target.indicator")
    definition = serializers.CharField(source="indicator.definition")
    threshold = serializers.DecimalField(source="target.threshold", max_digits=8, decimal_places=2)
    window_starts_on = serializers.DateField(source="target.window_starts_on")
    deadline = serializers.DateField(source="target.deadline")
    as_of = serializers.DateField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    met = serializers.BooleanField(allow_null=True, help_text="Met by the deadline; null before it, until reached.")
    trend = TrendPointSerializer(many=True)
    members_counted = serializers.SerializerMethodField()

    def get_members_counted(self, m: progress.Measured) -> list[str]:
        return [line.slug for line in m.counted]


class CampaignSerializer(serializers.ModelSerializer[Campaign]):
    hero = serializers.CharField()
    targets = serializers.SerializerMethodField()
    themes: serializers.SlugRelatedField[Theme] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = Campaign
        fields = ["slug", "title", "description", "hero", "hero_en", "hero_es", "hero_fr", "starts_on", "ends_on",
                  "themes", "targets"]  # fmt: skip

    @extend_schema(responses=TargetSerializer(many=True))
    def get_targets(self, campaign: Campaign) -> list[dict[str, Any]]:
        # The context is the dict the view passed; the stubs type it as a read-only Mapping.
        data = self.context.setdefault("data_version", targets.version())  # type: ignore[attr-defined]
        return TargetSerializer(
            [progress.measure(t, with_members=False, data=data) for t in campaign.targets.all()], many=True
        ).data  # type: ignore[return-value]  # many=True: a ReturnList of the targets' dicts


class ExampleSerializer(serializers.ModelSerializer[Example]):
    campaign = serializers.SlugRelatedField(slug_field="slug", queryset=Campaign.objects.all())
    theme = serializers.SlugRelatedField(slug_field="slug", queryset=Theme.objects.all())
    country = serializers.CharField()
    status = NamedChoiceField(ReviewStatus.choices, enum_name="ExampleReviewEnum", read_only=True)

    class Meta:
        model = Example
        fields = ["id", "campaign", "theme", "country", "description", "source_url", "status", "created_at"]
        read_only_fields = ["id", "status", "created_at"]


class SubmissionSerializer(serializers.ModelSerializer[ChallengeSubmission]):
    campaign = serializers.SlugRelatedField(slug_field="slug", queryset=Campaign.objects.all())
    member = serializers.SlugRelatedField(
        slug_field="slug", queryset=Member.objects.all(), required=False, allow_null=True
    )
    country = serializers.CharField()
    kind = NamedChoiceField(SubmissionKind.choices, enum_name="ChallengeKindEnum")
    commitments = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.all(), many=True, required=False
    )
    area: serializers.SlugRelatedField[Theme] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    status = NamedChoiceField(SubmissionStatus.choices, enum_name="ChallengeStatusEnum", read_only=True)

    class Meta:
        model = ChallengeSubmission
        fields = ["id", "campaign", "member", "institution", "country", "level_of_government", "title", "description",
                  "kind", "commitments", "area", "status", "created_at"]  # fmt: skip
        read_only_fields = ["id", "area", "status", "created_at"]


class _Base(RulesViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[_M]):
    schema = OpenGovAutoSchema()
    pagination_class = PageNumberPagination
    lookup_url_kwarg = "id"


@extend_schema_view(
    list=extend_schema(
        summary="List campaigns with their targets measured live", responses=list_responses(CampaignSerializer)
    ),
    retrieve=extend_schema(summary="One campaign", responses={200: CampaignSerializer, 404: NOT_FOUND}),
)
class CampaignViewSet(_Base[Campaign]):
    serializer_class = CampaignSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Campaign]:
        return Campaign.objects.prefetch_related("targets", "themes").order_by("-starts_on")


@extend_schema_view(
    list=extend_schema(
        summary="List crowdsourced examples (declined ones are hidden)", responses=list_responses(ExampleSerializer)
    ),
    retrieve=extend_schema(summary="One example", responses={200: ExampleSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Share an example (rule campaigns.add_example)", responses=write_responses(ExampleSerializer, 201)
    ),
)
class ExampleViewSet(mixins.CreateModelMixin, _Base[Example]):
    serializer_class = ExampleSerializer
    permission_rules = {"create": "campaigns.add_example"}
    permission_parent_field = "campaign"

    def get_queryset(self) -> QuerySet[Example]:
        return Example.objects.exclude(status=ReviewStatus.DECLINED).select_related("campaign", "theme")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = dict(self.validate_body().validated_data)
        example = actions.submit_example(request.user, data.pop("campaign"), data)
        return self.respond(example, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="List accepted Open Gov Challenge submissions", responses=list_responses(SubmissionSerializer)
    ),
    retrieve=extend_schema(summary="One accepted submission", responses={200: SubmissionSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Submit to the Open Gov Challenge (rule campaigns.add_submission)",
        responses=write_responses(SubmissionSerializer, 201),
    ),
)
class SubmissionViewSet(mixins.CreateModelMixin, _Base[ChallengeSubmission]):
    serializer_class = SubmissionSerializer
    permission_rules = {"create": "campaigns.add_submission"}
    permission_parent_field = "campaign"

    def get_queryset(self) -> QuerySet[ChallengeSubmission]:
        qs = ChallengeSubmission.objects.select_related("campaign", "member", "area").prefetch_related("commitments")
        if self.action == "create" or self.request.user.has_perm("campaigns.review_submission"):
            return qs
        return qs.filter(status=SubmissionStatus.ACCEPTED)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = dict(self.validate_body().validated_data)
        campaign = data.pop("campaign")
        commitments = data.pop("commitments", [])
        data.setdefault("member", None)
        submission = actions.submit_challenge(request.user, campaign, data, commitments)
        return self.respond(submission, status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    router.register("campaigns", CampaignViewSet, basename="campaign")
    router.register("campaign-examples", ExampleViewSet, basename="campaign-example")
    router.register("challenge-submissions", SubmissionViewSet, basename="challenge-submission")
