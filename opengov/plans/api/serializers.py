"""Read serializers of the plans API: nested summaries come from select_related / prefetch_related rows, never
from a query per row.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.utils import (
    extend_schema_field,
)
from rest_framework import serializers

from opengov.core.api import (
    NamedChoiceField,
    absolute_url,
)
from opengov.members.api import MemberSummarySerializer
from opengov.plans.dates import DatePrecision
from opengov.plans.models import (
    VALUE_FIELD_NAMES,
    ActionPlan,
    Commitment,
    CommitmentStatus,
    Milestone,
    MilestoneStatus,
    PolicyArea,
    ProgressUpdate,
)
from opengov.plans.phases import Phase

PRECISION_HELP = "How much of the date is known; the date is the first day of that month, quarter, season or year."
# The commitment template's fields (OGP's template, then the values claimed), in the order the API shows them in
# reads and takes them in writes (inputs.py).
COMMITMENT_TEMPLATE_FIELDS = [
    "title",
    "short_title",
    "theme",
    "problem",
    "status_quo",
    "objective",
    "description",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "lead_institution",
    "supporting_institutions",
    *VALUE_FIELD_NAMES,
]


def _link(serializer: serializers.BaseSerializer[Any], name: str, **kwargs: Any) -> str:
    return absolute_url(serializer.context.get("request"), reverse(name, kwargs=kwargs))


def _page(serializer: serializers.BaseSerializer[Any], path: str) -> str:
    return absolute_url(serializer.context.get("request"), path)


def _list_link(serializer: serializers.BaseSerializer[Any], name: str, **query: Any) -> str:
    return absolute_url(serializer.context.get("request"), f"{reverse(name)}?{urlencode(query)}")


# ``label`` and ``parent`` below are declared fields: DRF's metaclass takes them off the class, so they do not
# replace Field.label and Field.parent, which the stubs cannot tell (assignment ignored for them, no more).
class PolicyAreaSummarySerializer(serializers.Serializer[Any]):
    slug = serializers.SlugField()
    label = serializers.CharField(help_text="The exact column name in OGP's commitments database.")  # type: ignore[assignment]
    parent = serializers.SlugField(source="parent.slug", allow_null=True, default=None, help_text="Its group.")  # type: ignore[assignment]


class PolicyAreaLinksSerializer(serializers.Serializer[Any]):
    self = serializers.URLField()
    page = serializers.URLField()
    commitments = serializers.URLField(help_text="Commitments in this area (and in its children, for a group).")


class PolicyAreaChildSerializer(serializers.Serializer[Any]):
    slug = serializers.SlugField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field, as above


class PolicyAreaSerializer(serializers.ModelSerializer[PolicyArea]):
    parent = PolicyAreaChildSerializer(read_only=True, allow_null=True)
    children = PolicyAreaChildSerializer(many=True, read_only=True)
    commitment_count = serializers.IntegerField(read_only=True, help_text="Commitments tagged with this very area.")
    links = serializers.SerializerMethodField()

    class Meta:
        model = PolicyArea
        fields = ["slug", "label", "parent", "children", "position", "description", "commitment_count", "links"]
        read_only_fields = fields

    @extend_schema_field(PolicyAreaLinksSerializer)
    def get_links(self, area: PolicyArea) -> dict[str, str]:
        return {
            "self": _link(self, "policy-area-detail", slug=area.slug),
            "page": _page(self, area.get_absolute_url()),
            "commitments": _list_link(self, "commitment-list", policy_area=area.slug),
        }


class ActionPlanSummarySerializer(serializers.Serializer[Any]):
    ogp_id = serializers.CharField()
    name = serializers.CharField()
    phase = serializers.ChoiceField(Phase.choices)
    url = serializers.SerializerMethodField()

    def get_url(self, plan: ActionPlan) -> str:
        return _link(self, "action-plan-detail", ogp_id=plan.ogp_id)


class ActionPlanLinksSerializer(serializers.Serializer[Any]):
    self = serializers.URLField()
    page = serializers.URLField(help_text="The plan's public page.")
    commitments = serializers.URLField()
    phase = serializers.URLField(help_text="POST here to move the plan to another phase.")


class ActionPlanSerializer(serializers.ModelSerializer[ActionPlan]):
    name = serializers.CharField(read_only=True)
    period = serializers.CharField(read_only=True)
    member = MemberSummarySerializer(read_only=True)
    commitment_count = serializers.IntegerField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = ActionPlan
        fields = [
            "ogp_id",
            "name",
            "member",
            "number",
            "start_year",
            "end_year",
            "period",
            "duration_years",
            "start_date",
            "end_date",
            "submitted_on",
            "phase",
            "document_url",
            "commitment_count",
            "version",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(ActionPlanLinksSerializer)
    def get_links(self, plan: ActionPlan) -> dict[str, str]:
        return {
            "self": _link(self, "action-plan-detail", ogp_id=plan.ogp_id),
            "page": _page(self, plan.get_absolute_url()),
            "commitments": _list_link(self, "commitment-list", action_plan=plan.ogp_id),
            "phase": _link(self, "action-plan-phase", ogp_id=plan.ogp_id),
        }


class CommitmentSummarySerializer(serializers.Serializer[Any]):
    ogp_id = serializers.CharField()
    title = serializers.CharField(source="display_title")
    url = serializers.SerializerMethodField()

    def get_url(self, commitment: Commitment) -> str:
        return _link(self, "commitment-detail", ogp_id=commitment.ogp_id)


class CommitmentLinksSerializer(serializers.Serializer[Any]):
    self = serializers.URLField()
    page = serializers.URLField(help_text="The commitment's public page.")
    milestones = serializers.URLField()
    progress_updates = serializers.URLField()


class CommitmentSerializer(serializers.ModelSerializer[Commitment]):
    action_plan = ActionPlanSummarySerializer(read_only=True)
    member = MemberSummarySerializer(source="action_plan.member", read_only=True)
    supporting_institutions = serializers.ListField(
        source="supporting_institution_list", child=serializers.CharField(), read_only=True
    )
    ogp_values = serializers.ListField(
        source="values", child=serializers.CharField(), read_only=True, help_text="Labels of the values claimed."
    )
    policy_areas = PolicyAreaSummarySerializer(many=True, read_only=True)
    carried_forward_from: serializers.SlugRelatedField[Commitment] = serializers.SlugRelatedField(
        slug_field="ogp_id", read_only=True, allow_null=True
    )
    ogp_url = serializers.URLField(source="url", read_only=True, help_text="Page on opengovpartnership.org.")
    status = NamedChoiceField(CommitmentStatus.choices, enum_name="CommitmentStatusEnum", read_only=True)
    start_date_precision = NamedChoiceField(
        DatePrecision.choices, enum_name="DatePrecisionEnum", read_only=True, help_text=PRECISION_HELP
    )
    end_date_precision = NamedChoiceField(
        DatePrecision.choices, enum_name="DatePrecisionEnum", read_only=True, help_text=PRECISION_HELP
    )
    milestone_count = serializers.IntegerField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = [
            "ogp_id",
            "number",
            "action_plan",
            "member",
            *COMMITMENT_TEMPLATE_FIELDS,
            "ogp_values",
            "policy_areas",
            "cluster",
            "carried_forward_from",
            "ogp_url",
            "status",
            "milestone_count",
            "version",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(CommitmentLinksSerializer)
    def get_links(self, commitment: Commitment) -> dict[str, str]:
        return {
            "self": _link(self, "commitment-detail", ogp_id=commitment.ogp_id),
            "page": _page(self, commitment.get_absolute_url()),
            "milestones": _list_link(self, "milestone-list", commitment=commitment.ogp_id),
            "progress_updates": _list_link(self, "progress-update-list", commitment=commitment.ogp_id),
        }


class MilestoneLinksSerializer(serializers.Serializer[Any]):
    self = serializers.URLField()
    page = serializers.URLField(help_text="The public page of its commitment.")


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    commitment = CommitmentSummarySerializer(read_only=True)
    member = MemberSummarySerializer(source="commitment.action_plan.member", read_only=True)
    status = NamedChoiceField(MilestoneStatus.choices, enum_name="MilestoneStatusEnum", read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "commitment",
            "member",
            "position",
            "title",
            "start_date",
            "end_date",
            "expected_output",
            "responsible",
            "status",
            "version",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(MilestoneLinksSerializer)
    def get_links(self, milestone: Milestone) -> dict[str, str]:
        return {
            "self": _link(self, "milestone-detail", id=milestone.pk),
            "page": _page(self, milestone.commitment.get_absolute_url()),
        }


class EvidenceLinkSerializer(serializers.Serializer[Any]):
    url = serializers.URLField(max_length=500)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ProgressUpdateLinksSerializer(serializers.Serializer[Any]):
    self = serializers.URLField()
    page = serializers.URLField(help_text="The public page of its commitment.")


class ProgressUpdateSerializer(serializers.ModelSerializer[ProgressUpdate]):
    commitment = CommitmentSummarySerializer(read_only=True)
    member = MemberSummarySerializer(source="commitment.action_plan.member", read_only=True)
    milestone: serializers.PrimaryKeyRelatedField[Milestone] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    evidence = EvidenceLinkSerializer(many=True, read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "commitment",
            "member",
            "milestone",
            "reported_on",
            "completion",
            "text",
            "evidence",
            "created_at",
            "version",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(ProgressUpdateLinksSerializer)
    def get_links(self, update: ProgressUpdate) -> dict[str, str]:
        return {
            "self": _link(self, "progress-update-detail", id=update.pk),
            "page": _page(self, update.commitment.get_absolute_url()),
        }
