"""Co-creation API: forums, meetings, repository documents, consultations and contributions with the government's
responses (read, public); contribute, support and respond (write, the same rules and actions as the pages).

User text is returned as raw text (Markdown source), never rendered HTML: a client must escape it. Hidden
contributions are listed with their moderation reason and without their text.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse
from rest_framework.routers import DefaultRouter

from opengov.core.api import (
    NOT_FOUND,
    ErrorSerializer,
    NamedChoiceField,
    OpenGovAutoSchema,
    PageNumberPagination,
    RulesViewSetMixin,
    VersionField,
    id_param,
    list_responses,
    write_responses,
)
from opengov.core.queries import MAX_ID
from opengov.members.models import CivilSocietyOrganisation, Member
from opengov.plans.models import ActionPlan, Commitment

from . import actions
from .models import (
    MAX_CONTRIBUTION_LENGTH,
    MAX_TITLE_LENGTH,
    Consultation,
    Contribution,
    ContributionKind,
    Document,
    DocumentKind,
    Forum,
    Meeting,
    MeetingKind,
    Outcome,
    Response,
    Sector,
    Visibility,
)

_M = TypeVar("_M", bound=Model)

# ------------------------------------------------------------------------------------------------------ serializers


class SeatSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    affiliation = serializers.CharField()
    sector = NamedChoiceField(Sector.choices, enum_name="ForumSectorEnum")
    since = serializers.DateField(allow_null=True)
    until = serializers.DateField(allow_null=True)


class ForumSerializer(serializers.ModelSerializer[Forum]):
    member: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    seats = SeatSerializer(many=True, read_only=True)

    class Meta:
        model = Forum
        fields = ["id", "member", "name", "description", "rules_of_participation", "rules_url", "seats", "version"]


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    member: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(
        source="forum.member", slug_field="slug", read_only=True
    )
    kind = NamedChoiceField(MeetingKind.choices, enum_name="MeetingKindEnum", read_only=True)
    action_plan: serializers.SlugRelatedField[ActionPlan] = serializers.SlugRelatedField(
        slug_field="ogp_id", read_only=True, allow_null=True
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "member",
            "kind",
            "action_plan",
            "held_on",
            "title",
            "agenda",
            "minutes",
            "attendees_government",
            "attendees_civil_society",
            "attendees_other",
            "version",
        ]


class DocumentSerializer(serializers.ModelSerializer[Document]):
    member: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kind = NamedChoiceField(DocumentKind.choices, enum_name="DocumentKindEnum", read_only=True)
    action_plan: serializers.SlugRelatedField[ActionPlan] = serializers.SlugRelatedField(
        slug_field="ogp_id", read_only=True, allow_null=True
    )
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "member", "kind", "title", "published_on", "action_plan", "content_type", "size"]
        fields += ["download_url"]

    def get_download_url(self, document: Document) -> str:
        request = self.context.get("request")
        url = document.get_download_url()
        return request.build_absolute_uri(url) if request and not document.url else url


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    action_plan: serializers.SlugRelatedField[ActionPlan] = serializers.SlugRelatedField(
        slug_field="ogp_id", read_only=True
    )
    member: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(
        source="action_plan.member", slug_field="slug", read_only=True
    )
    contribution_count = serializers.IntegerField(read_only=True)
    notice_given = serializers.BooleanField(read_only=True, help_text="Timeline public two weeks before opening.")

    class Meta:
        model = Consultation
        fields = [
            "id",
            "action_plan",
            "member",
            "title",
            "description",
            "timeline_published_on",
            "opens_on",
            "closes_on",
            "notice_given",
            "contribution_count",
        ]


class ResponseSerializer(serializers.ModelSerializer[Response]):
    outcome = NamedChoiceField(Outcome.choices, enum_name="ResponseOutcomeEnum", read_only=True)
    justification = serializers.CharField(read_only=True, help_text="Raw text (Markdown source).")
    commitment: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", read_only=True, allow_null=True
    )

    class Meta:
        model = Response
        fields = ["outcome", "justification", "commitment", "responded_at", "version"]


class ContributionSerializer(serializers.ModelSerializer[Contribution]):
    kind = NamedChoiceField(ContributionKind.choices, enum_name="ContributionKindEnum", read_only=True)
    visibility = NamedChoiceField(Visibility.choices, enum_name="ContributionVisibilityEnum", read_only=True)
    commitment: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", read_only=True, allow_null=True
    )
    author = serializers.CharField(source="author.public_name", read_only=True)
    organisation: serializers.SlugRelatedField[CivilSocietyOrganisation] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    title = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField(help_text="Raw text (Markdown source); empty when hidden.")
    response = ResponseSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "consultation",
            "kind",
            "commitment",
            "author",
            "organisation",
            "title",
            "body",
            "created_at",
            "support_count",
            "visibility",
            "hidden_reason",
            "response",
        ]

    def get_title(self, contribution: Contribution) -> str:
        return "" if contribution.is_hidden else contribution.title

    def get_body(self, contribution: Contribution) -> str:
        return "" if contribution.is_hidden else contribution.body

    def to_representation(self, instance: Contribution) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not hasattr(instance, "response"):
            data["response"] = None
        return data


class ContributeSerializer(serializers.Serializer[Any]):
    consultation = serializers.PrimaryKeyRelatedField(queryset=Consultation.objects.select_related("action_plan"))
    kind = NamedChoiceField(ContributionKind.choices, enum_name="ContributionKindEnum")
    title = serializers.CharField(max_length=MAX_TITLE_LENGTH, required=False, allow_blank=True, default="")
    body = serializers.CharField(max_length=MAX_CONTRIBUTION_LENGTH)
    commitment: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.all(), required=False, allow_null=True, default=None
    )
    organisation: serializers.SlugRelatedField[CivilSocietyOrganisation] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=CivilSocietyOrganisation.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )


class RespondSerializer(serializers.Serializer[Any]):
    outcome = NamedChoiceField(Outcome.choices, enum_name="ResponseOutcomeEnum")
    justification = serializers.CharField(max_length=MAX_CONTRIBUTION_LENGTH)
    commitment: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.all(), required=False, allow_null=True, default=None
    )
    create_commitment = serializers.BooleanField(required=False, default=False)
    version = VersionField(required=False, help_text="The response's version you read, when revising an answer.")


class SupportResultSerializer(serializers.Serializer[Any]):
    counted = serializers.BooleanField(help_text="False if you had already supported it.")
    support_count = serializers.IntegerField()


class EmptySerializer(serializers.Serializer[Any]):
    pass


# --------------------------------------------------------------------------------------------------------- viewsets


class ApiViewSet(RulesViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[_M]):
    schema = OpenGovAutoSchema()
    pagination_class = PageNumberPagination
    lookup_url_kwarg = "id"  # the path parameter is {id}, as the schema names it


_MEMBER = OpenApiParameter("member", OpenApiTypes.STR, description="Only this member (slug).")
_CONSULTATION = OpenApiParameter(
    "consultation", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, description="Only this consultation."
)


def _by_member(queryset: QuerySet[_M], request: Request, field: str) -> QuerySet[_M]:
    slug = request.query_params.get("member")
    return queryset.filter(**{field: slug}) if slug else queryset


@extend_schema_view(
    list=extend_schema(
        summary="List multi-stakeholder forums", parameters=[_MEMBER], responses=list_responses(ForumSerializer)
    ),
    retrieve=extend_schema(summary="One forum", responses={200: ForumSerializer, 404: NOT_FOUND}),
)
class ForumViewSet(ApiViewSet[Forum]):
    """Multi-stakeholder forums (Standard 1) with their current and past members."""

    serializer_class = ForumSerializer

    def get_queryset(self) -> QuerySet[Forum]:
        queryset = Forum.objects.select_related("member").prefetch_related("seats").order_by("member__name")
        return _by_member(queryset, self.request, "member__slug")


@extend_schema_view(
    list=extend_schema(
        summary="List forum meetings", parameters=[_MEMBER], responses=list_responses(MeetingSerializer)
    ),
    retrieve=extend_schema(summary="One meeting", responses={200: MeetingSerializer, 404: NOT_FOUND}),
)
class MeetingViewSet(ApiViewSet[Meeting]):
    """Forum meetings and implementation dialogues, with agenda, minutes and attendance."""

    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        queryset = Meeting.objects.select_related("forum__member", "action_plan").order_by("-held_on", "-pk")
        return _by_member(queryset, self.request, "forum__member__slug")


@extend_schema_view(
    list=extend_schema(
        summary="List repository documents", parameters=[_MEMBER], responses=list_responses(DocumentSerializer)
    ),
    retrieve=extend_schema(summary="One document", responses={200: DocumentSerializer, 404: NOT_FOUND}),
)
class DocumentViewSet(ApiViewSet[Document]):
    """The members' OGP document repositories (Standard 2)."""

    serializer_class = DocumentSerializer

    def get_queryset(self) -> QuerySet[Document]:
        return _by_member(Document.objects.for_list().order_by("-published_on", "-pk"), self.request, "member__slug")


@extend_schema_view(
    list=extend_schema(
        summary="List consultations", parameters=[_MEMBER], responses=list_responses(ConsultationSerializer)
    ),
    retrieve=extend_schema(summary="One consultation", responses={200: ConsultationSerializer, 404: NOT_FOUND}),
)
class ConsultationViewSet(ApiViewSet[Consultation]):
    """Public consultations on draft action plans (Standard 3)."""

    serializer_class = ConsultationSerializer

    def get_queryset(self) -> QuerySet[Consultation]:
        return _by_member(Consultation.objects.for_list(), self.request, "action_plan__member__slug")


@extend_schema_view(
    list=extend_schema(
        summary="List contributions with the government's responses",
        parameters=[_CONSULTATION],
        responses=list_responses(ContributionSerializer),
    ),
    retrieve=extend_schema(summary="One contribution", responses={200: ContributionSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Contribute to an open consultation (rule cocreation.contribute; rate limited)",
        request=ContributeSerializer,
        responses={
            **write_responses(ContributionSerializer, 201),
            429: OpenApiResponse(ErrorSerializer, description="Too many contributions; try later."),
        },
    ),
)
class ContributionViewSet(mixins.CreateModelMixin, ApiViewSet[Contribution]):
    """Proposals and comments, each with its support count and the government's reasoned response (Standard 4)."""

    serializer_class = ContributionSerializer
    permission_rules = {
        "create": "cocreation.contribute",
        "support": "cocreation.support_contribution",
        "answer": "cocreation.respond_contribution",
    }
    permission_parent_field = "consultation"
    write_serializer_classes = {"create": ContributeSerializer, "support": EmptySerializer, "answer": RespondSerializer}

    def get_queryset(self) -> QuerySet[Contribution]:
        queryset = Contribution.objects.for_list().select_related("consultation__action_plan")
        consultation = id_param(self.request, "consultation")
        if consultation is not None:
            queryset = queryset.filter(consultation_id=consultation)
        return queryset

    def create(self, request: Request, *args: Any, **kwargs: Any) -> ApiResponse:
        data = dict(self.validate_body().validated_data)
        contribution = actions.contribute(request.user, data.pop("consultation"), **data)
        return self.respond(contribution, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Support a contribution, once per user (rule cocreation.support_contribution; rate limited)",
        request=None,
        responses={
            **write_responses(SupportResultSerializer),
            429: OpenApiResponse(ErrorSerializer, description="Too many supports; try later."),
        },
    )
    @action(detail=True, methods=["post"])
    def support(self, request: Request, id: str | None = None) -> ApiResponse:
        contribution = self.get_object()
        counted = actions.support(request.user, contribution)
        contribution.refresh_from_db(fields=["support_count"])
        return ApiResponse({"counted": counted, "support_count": contribution.support_count})

    @extend_schema(
        summary="Give or revise the reasoned response (rule cocreation.respond_contribution)",
        responses=write_responses(ContributionSerializer, conflict=True),
    )
    @action(detail=True, methods=["post"], url_path="respond", url_name="respond")
    def answer(self, request: Request, id: str | None = None) -> ApiResponse:
        contribution = self.get_object()
        data = self.validate_body().validated_data
        actions.respond(
            request.user,
            contribution,
            outcome=data["outcome"],
            justification=data["justification"],
            commitment=data.get("commitment"),
            create_commitment=data.get("create_commitment", False),
            expected_version=data.get("version"),
        )
        return self.respond(contribution)


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's one router (opengov/api_router.py)."""
    router.register("forums", ForumViewSet, basename="forum")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("documents", DocumentViewSet, basename="document")
    router.register("consultations", ConsultationViewSet, basename="consultation")
    router.register("contributions", ContributionViewSet, basename="contribution")
