"""Open Gov Week API: editions and approved events (read, public, with the list's filters); submit, edit and moderate
events with a token (write: the same rules and actions as the pages).

Descriptions are returned as Markdown source, never rendered HTML. The private contact e-mail is write-only.
Events not yet approved are listed only for the people who may see them (their submitter, the country's moderators,
the Support Unit), and only when asked with ``?mine=1`` or ``?state=``.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.db.models import Q, QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from opengov.accounts.predicates import is_support_unit, roles_of
from opengov.core.api import (
    NOT_FOUND,
    NamedChoiceField,
    OpenGovAutoSchema,
    PageNumberPagination,
    PartialUpdateMixin,
    RulesViewSetMixin,
    VersionedUpdateSerializer,
    absolute_url,
    list_responses,
    write_responses,
)
from opengov.members.models import Member, Region
from opengov.plans.models import ActionPlan, Commitment

from . import actions, filters
from .choices import LANGUAGES, EventType, Format, OrganiserType, State, Topic, join_codes
from .models import Edition, Event


class EditionSerializer(serializers.ModelSerializer[Edition]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = [
            "year", "starts_on", "ends_on", "theme_en", "theme_es", "theme_fr", "call_en", "call_es", "call_fr",
            "submissions_open_on", "submissions_close_on", "url",
        ]  # fmt: skip

    def get_url(self, edition: Edition) -> str:
        return absolute_url(self.context.get("request"), edition.get_absolute_url())


class EventSerializer(serializers.ModelSerializer[Event]):
    edition = serializers.IntegerField(source="edition.year", read_only=True)
    organiser_type = NamedChoiceField(OrganiserType.choices, enum_name="EventOrganiserTypeEnum")
    country = serializers.CharField(read_only=True)
    region = NamedChoiceField(Region.choices, enum_name="EventRegionEnum", read_only=True)
    member: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    format = NamedChoiceField(Format.choices, enum_name="EventFormatEnum")
    event_type = NamedChoiceField(EventType.choices, enum_name="EventTypeEnum")
    state = NamedChoiceField(State.choices, enum_name="EventStateEnum", read_only=True)
    languages = serializers.ListField(source="language_list", child=serializers.CharField(), read_only=True)
    topics = serializers.ListField(source="topic_list", child=serializers.CharField(), read_only=True)
    action_plans: serializers.SlugRelatedField[ActionPlan] = serializers.SlugRelatedField(
        slug_field="ogp_id", many=True, read_only=True
    )
    commitments: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", many=True, read_only=True
    )
    url = serializers.SerializerMethodField()
    ical_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "uid", "edition", "title", "description", "organiser_name", "organiser_type", "country", "region",
            "member", "city", "latitude", "longitude", "format", "online_url", "starts_at", "ends_at", "timezone",
            "languages", "topics", "event_type", "registration_url", "action_plans", "commitments", "state",
            "approved_at", "version", "url", "ical_url",
        ]  # fmt: skip

    def get_url(self, event: Event) -> str:
        return absolute_url(self.context.get("request"), event.get_absolute_url())

    def get_ical_url(self, event: Event) -> str:
        return absolute_url(self.context.get("request"), reverse("events:event-ics", args=[event.pk]))


class EventWriteSerializer(serializers.ModelSerializer[Event]):
    """What a client sends to submit an event (all fields) or change one (PATCH: some fields, with the version)."""

    edition = serializers.SlugRelatedField(slug_field="year", queryset=Edition.objects.all())
    organiser_type = NamedChoiceField(OrganiserType.choices, enum_name="EventOrganiserTypeEnum")
    country = serializers.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code.")
    member = serializers.SlugRelatedField(
        slug_field="slug", queryset=Member.objects.all(), required=False, allow_null=True
    )
    format = NamedChoiceField(Format.choices, enum_name="EventFormatEnum")
    event_type = NamedChoiceField(EventType.choices, enum_name="EventTypeEnum")
    languages = serializers.ListField(child=serializers.ChoiceField([c for c, _l in LANGUAGES]), required=False)
    topics = serializers.ListField(child=serializers.ChoiceField(Topic.values), min_length=1)
    action_plans: serializers.SlugRelatedField[ActionPlan] = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=ActionPlan.objects.all(), many=True, required=False
    )
    commitments: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.all(), many=True, required=False
    )
    contact_email = serializers.EmailField(write_only=True)

    class Meta:
        model = Event
        fields = [
            "edition", "title", "description", "organiser_name", "organiser_type", "country", "member", "city",
            "latitude", "longitude", "format", "online_url", "starts_at", "ends_at", "timezone", "languages",
            "topics", "event_type", "registration_url", "action_plans", "commitments", "contact_email",
        ]  # fmt: skip

    def validate_country(self, value: str) -> str:
        from django_countries import countries

        code = value.upper()
        if code not in dict(countries):
            raise serializers.ValidationError("Not an ISO 3166-1 alpha-2 country code.")
        return code

    def event_fields(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(event fields, links) from the validated data."""
        data = dict(self.validated_data)
        links = {key: data.pop(key) for key in ("action_plans", "commitments") if key in data}
        data.pop("edition", None)
        for key in ("languages", "topics"):
            if key in data:
                data[key] = join_codes(data[key])
        for key in ("starts_at", "ends_at"):
            if key in data:
                data[key] = data[key].astimezone(datetime.UTC)
        return data, links


class EventUpdateSerializer(VersionedUpdateSerializer, EventWriteSerializer):
    class Meta(EventWriteSerializer.Meta):
        fields = [f for f in EventWriteSerializer.Meta.fields if f != "edition"] + ["version"]


class ModerateSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(["approved", "rejected", "changes_requested"])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


_FILTERS = [
    OpenApiParameter(key, OpenApiTypes.STR, description=description)
    for key, description in [
        ("edition", "Edition year."),
        ("country", "ISO 3166-1 alpha-2 code."),
        ("region", "OGP region."),
        ("topic", "Topic code."),
        ("type", "Event type code."),
        ("format", "in_person, online or hybrid."),
        ("language", "Language code."),
        ("from", "Events ending on or after this date (YYYY-MM-DD)."),
        ("to", "Events starting on or before this date (YYYY-MM-DD)."),
        ("now", "1: events happening now."),
        ("q", "Words in the title or organiser."),
        ("mine", "1: the events you may see that are not approved yet (yours, your countries')."),
    ]
]


@extend_schema_view(
    list=extend_schema(summary="List Open Gov Week editions", responses=list_responses(EditionSerializer)),
    retrieve=extend_schema(summary="One edition, by year", responses={200: EditionSerializer, 404: NOT_FOUND}),
)
class EditionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Edition]):
    serializer_class = EditionSerializer
    queryset = Edition.objects.all()
    lookup_field = "year"
    schema = OpenGovAutoSchema()
    pagination_class = PageNumberPagination


@extend_schema_view(
    list=extend_schema(
        summary="List approved events (the list page's filters)",
        parameters=_FILTERS,
        responses=list_responses(EventSerializer),
    ),
    retrieve=extend_schema(summary="One event", responses={200: EventSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Submit an event (rule events.submit_event)",
        request=EventWriteSerializer,
        responses=write_responses(EventSerializer, 201),
    ),
    partial_update=extend_schema(
        summary="Change an event (rule events.change_event)",
        request=EventUpdateSerializer,
        responses=write_responses(EventSerializer, conflict=True),
    ),
)
class EventViewSet(
    PartialUpdateMixin,
    RulesViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Event],
):
    """Open Gov Week events."""

    serializer_class = EventSerializer
    schema = OpenGovAutoSchema()
    pagination_class = PageNumberPagination
    lookup_url_kwarg = "id"
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "create": "events.submit_event",
        "partial_update": "events.change_event",
        "moderate": "events.moderate_event",
    }
    permission_parent_field = "edition"
    write_serializer_classes = {
        "create": EventWriteSerializer,
        "partial_update": EventUpdateSerializer,
        "moderate": ModerateSerializer,
    }

    def _visible(self) -> QuerySet[Event]:
        base = Event.objects.select_related("edition", "member").prefetch_related("action_plans", "commitments")
        user = self.request.user
        if is_support_unit(user):
            return base
        q = Q(state=State.APPROVED)
        if user.is_authenticated:
            q |= Q(submitted_by=user) | Q(country__in=sorted(roles_of(user).moderated_countries))
        return base.filter(q)

    def get_queryset(self) -> QuerySet[Event]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request to filter on
            return Event.objects.none()
        if self.action != "list":
            return self._visible()
        values = filters.EventFilterForm(self.request.query_params).values()
        listed = (
            self._visible().exclude(state=State.APPROVED)
            if self.request.query_params.get("mine") == "1"
            else (self._visible().filter(state=State.APPROVED))
        )
        return filters.apply(listed, values).order_by("starts_at", "pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = cast(EventWriteSerializer, self.validate_body())
        fields, links = serializer.event_fields()
        event = actions.submit_event(request.user, serializer.validated_data["edition"], fields, **links)
        return self.respond(event, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        event = self.get_object()
        serializer = cast(EventWriteSerializer, self.validate_body(event, partial=True))
        fields, links = serializer.event_fields()
        version = fields.pop("version")
        actions.update_event(request.user, event, fields, version, **links)
        return self.respond(event)

    @extend_schema(
        summary="Approve, reject or ask for changes (rule events.moderate_event)",
        request=ModerateSerializer,
        responses=write_responses(EventSerializer),
    )
    @action(detail=True, methods=["post"])
    def moderate(self, request: Request, id: str | None = None) -> Response:
        event = self.get_object()
        data = self.validate_body().validated_data
        actions.moderate(request.user, event, data["decision"], data.get("reason", ""))
        return self.respond(event)


def register(router: DefaultRouter) -> None:
    router.register("event-editions", EditionViewSet, basename="event-edition")
    router.register("events", EventViewSet, basename="event")
