"""Governance in the API: bodies with their computed checks, mandates (never the contact e-mail), meetings with
documents and decisions; public reads. Support Unit staff add mandates here under the same rule and checks as
the screen: a change that breaks parity or the term limit is refused with the warnings unless ``confirm`` is true.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, serializers, status, viewsets
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

from . import actions, checks
from .models import Body, BodyKind, Mandate, Meeting, term_end


class MandateSerializer(serializers.ModelSerializer[Mandate]):
    """A seat holder and their term. The contact e-mail is private and never in the API."""

    body = serializers.SlugRelatedField(slug_field="slug", queryset=Body.objects.all())
    member: serializers.SlugRelatedField[Member] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = Mandate
        fields = [
            "id",
            "body",
            "sector",
            "position",
            "member",
            "holder",
            "organisation",
            "ministerial_lead",
            "starts_on",
            "ends_on",
            "left_on",
            "version",
        ]
        read_only_fields = fields


class MandateCreateSerializer(serializers.ModelSerializer[Mandate]):
    body = serializers.SlugRelatedField(slug_field="slug", queryset=Body.objects.all())
    member = serializers.SlugRelatedField(slug_field="slug", queryset=Member.objects.all(), required=False)
    ends_on = serializers.DateField(required=False, help_text="Default: three years from the start, less a day.")
    confirm = serializers.BooleanField(
        default=False, help_text="Save even though the change breaks parity, over-fills a sector or the term limit."
    )

    class Meta:
        model = Mandate
        fields = [
            "body",
            "sector",
            "position",
            "member",
            "holder",
            "organisation",
            "ministerial_lead",
            "contact_email",
            "starts_on",
            "ends_on",
            "confirm",
        ]


class GovernanceChecksSerializer(serializers.Serializer[Any]):
    on = serializers.DateField()
    government = serializers.IntegerField()
    civil_society = serializers.IntegerField()
    parity_required = serializers.BooleanField()
    parity_kept = serializers.BooleanField()
    vacancies = serializers.IntegerField()
    ending_within_six_months = serializers.ListField(child=serializers.IntegerField(), help_text="Mandate ids.")
    past_term_limit = serializers.ListField(child=serializers.CharField(), help_text="Holders.")


class BodySerializer(serializers.ModelSerializer[Body]):
    kind = NamedChoiceField(BodyKind.choices, enum_name="GovernanceBodyKindEnum", read_only=True)
    # A declared field: DRF's metaclass takes it off the class, so it does not replace Field.parent (a stub gap).
    parent: serializers.SlugRelatedField[Body] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="slug", read_only=True, allow_null=True
    )
    checks = serializers.SerializerMethodField(help_text="Computed today from the mandates.")

    class Meta:
        model = Body
        fields = [
            "slug",
            "name",
            "kind",
            "parent",
            "government_seats",
            "civil_society_seats",
            "independent_seats",
            "requires_parity",
            "checks",
        ]
        read_only_fields = fields

    @extend_schema_field(GovernanceChecksSerializer)
    def get_checks(self, body: Body) -> dict[str, Any]:
        report = checks.report(body, list(body.mandates.all()), timezone.localdate())
        return {
            "on": report.on,
            "government": report.parity.government,
            "civil_society": report.parity.civil_society,
            "parity_required": report.parity.required,
            "parity_kept": report.parity.balanced,
            "vacancies": report.vacancies,
            "ending_within_six_months": [m.pk for m in report.ending_soon],
            "past_term_limit": [b.holder for b in report.breaches],
        }


@extend_schema_view(
    list=extend_schema(summary="List governance bodies", responses=list_responses(BodySerializer)),
    retrieve=extend_schema(summary="One body, by slug", responses={200: BodySerializer, 404: NOT_FOUND}),
)
class BodyViewSet(viewsets.ReadOnlyModelViewSet[Body]):
    """The Steering Committee, subcommittees, Board and International Experts Panel, with computed checks."""

    schema = OpenGovAutoSchema()
    serializer_class = BodySerializer
    queryset = Body.objects.select_related("parent").prefetch_related("mandates").order_by("order", "name")
    lookup_field = "slug"
    pagination_class = PageNumberPagination


class GovernanceMeetingSerializer(serializers.ModelSerializer[Meeting]):
    body: serializers.SlugRelatedField[Body] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    documents = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "body", "title", "held_on", "level", "location", "summary", "documents", "decisions"]
        read_only_fields = fields

    def get_documents(self, meeting: Meeting) -> list[dict[str, str]]:
        return [{"title": d.title, "url": d.url} for d in meeting.documents.all()]

    def get_decisions(self, meeting: Meeting) -> list[str]:
        return [d.text for d in meeting.decisions.all()]


@extend_schema_view(
    list=extend_schema(summary="List meetings", responses=list_responses(GovernanceMeetingSerializer)),
    retrieve=extend_schema(summary="One meeting", responses={200: GovernanceMeetingSerializer, 404: NOT_FOUND}),
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet[Meeting]):
    schema = OpenGovAutoSchema()
    serializer_class = GovernanceMeetingSerializer
    queryset = Meeting.objects.select_related("body").prefetch_related("documents", "decisions").order_by("-held_on")
    pagination_class = PageNumberPagination


@extend_schema_view(
    list=extend_schema(summary="List mandates (seat holders and terms)", responses=list_responses(MandateSerializer)),
    retrieve=extend_schema(summary="One mandate", responses={200: MandateSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Add a mandate (Support Unit)",
        request=MandateCreateSerializer,
        responses=write_responses(MandateSerializer, 201),
    ),
)
class MandateViewSet(RulesViewSetMixin, viewsets.ReadOnlyModelViewSet[Mandate]):
    schema = OpenGovAutoSchema()
    serializer_class = MandateSerializer
    write_serializer_classes = {"create": MandateCreateSerializer}
    permission_rules = {"create": "governance.add_mandate"}
    permission_parent_field = "body"
    queryset = Mandate.objects.select_related("body", "member").order_by("body__order", "sector", "holder", "starts_on")
    pagination_class = PageNumberPagination
    filterset_fields = ["body__slug", "sector"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = dict(self.validate_body().validated_data)
        body, confirm = data.pop("body"), data.pop("confirm")
        data.setdefault("ends_on", term_end(data["starts_on"]))
        try:
            mandate = actions.add_mandate(request.user, body, data, confirm=confirm)
        except actions.GovernanceWarnings as exc:
            raise exceptions.ValidationError({"confirm": [w.message for w in exc.warnings]}) from exc
        return self.respond(mandate, status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    router.register("governance/bodies", BodyViewSet, basename="governance-body")
    router.register("governance/mandates", MandateViewSet, basename="governance-mandate")
    router.register("governance/meetings", MeetingViewSet, basename="governance-meeting")
