"""Support requests in the API. Nothing here is public: a signed-in user lists the requests they asked, Support
Unit staff list all. Replies are included; internal notes never are (they stay on the Support Unit's pages).
Asking and replying go through the same actions and rules as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from opengov.accounts.predicates import is_support_unit
from opengov.accounts.signed_in import signed_in_user
from opengov.core.api import (
    NOT_FOUND,
    NamedChoiceField,
    OpenGovAutoSchema,
    PageNumberPagination,
    RulesPermission,
    RulesViewSetMixin,
    list_responses,
    write_responses,
)
from opengov.members.models import Member

from . import actions
from .models import MessageKind, Status, SupportMessage, SupportRequest, Topic


class SupportReplySerializer(serializers.ModelSerializer[SupportMessage]):
    author = serializers.CharField(source="author.public_name", read_only=True)

    class Meta:
        model = SupportMessage
        fields = ["author", "body", "created_at"]
        read_only_fields = ["author", "created_at"]


class SupportRequestSerializer(serializers.ModelSerializer[SupportRequest]):
    member = serializers.SlugRelatedField(slug_field="slug", queryset=Member.objects.all())
    replies = SupportReplySerializer(many=True, read_only=True, source="public_replies")
    status = NamedChoiceField(Status.choices, enum_name="SupportRequestStatusEnum", read_only=True)
    topic = NamedChoiceField(Topic.choices, enum_name="SupportTopicEnum")

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "member",
            "topic",
            "subject",
            "message",
            "status",
            "created_at",
            "first_response_at",
            "resolved_at",
            "replies",
        ]
        read_only_fields = ["id", "status", "created_at", "first_response_at", "resolved_at", "replies"]


@extend_schema_view(
    list=extend_schema(
        summary="Your support requests (all of them for Support Unit staff)",
        responses=list_responses(SupportRequestSerializer),
    ),
    retrieve=extend_schema(summary="One support request", responses={200: SupportRequestSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Ask the Support Unit for help", responses=write_responses(SupportRequestSerializer, 201)
    ),
)
class SupportRequestViewSet(RulesViewSetMixin, viewsets.ReadOnlyModelViewSet[SupportRequest]):
    schema = OpenGovAutoSchema()
    serializer_class = SupportRequestSerializer
    pagination_class = PageNumberPagination
    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    permission_rules = {"create": "support.add_supportrequest", "reply": "support.reply_supportrequest"}
    permission_parent_field = "member"

    def get_queryset(self) -> QuerySet[SupportRequest]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user to filter by
            return SupportRequest.objects.none()
        rows = (
            SupportRequest.objects.select_related("member")
            .prefetch_related(
                Prefetch(
                    "messages",
                    queryset=SupportMessage.objects.filter(kind=MessageKind.REPLY).select_related("author"),
                    to_attr="public_replies",
                )
            )
            .order_by("-created_at", "-pk")
        )
        # IsAuthenticated runs first: the user is signed in here.
        return rows if is_support_unit(self.request.user) else rows.filter(requester=signed_in_user(self.request))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = dict(self.validate_body().validated_data)
        member = data.pop("member")
        created = actions.ask(request.user, member, data)
        return self.respond(created, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Reply to a support request",
        request=SupportReplySerializer,
        responses=write_responses(SupportRequestSerializer, 201),
    )
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk: str | None = None) -> Response:
        support_request = self.get_object()
        body = SupportReplySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        actions.reply(request.user, support_request, body.validated_data["body"])
        return self.respond(support_request, status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    router.register("support/requests", SupportRequestViewSet, basename="support-request")
