"""Write serializers of the plans API: the request bodies.

They validate shape and resolve natural keys; the actions validate the rest (model clean, phase rules) and raise
ValidationError, which core/api.py turns into a 400.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from opengov.core.api import (
    NamedChoiceField,
    VersionedUpdateSerializer,
    VersionField,
)
from opengov.members.models import Member
from opengov.plans.dates import DatePrecision
from opengov.plans.models import (
    ActionPlan,
    Commitment,
    CompletionLevel,
    Milestone,
    MilestoneStatus,
    PolicyArea,
    ProgressUpdate,
)
from opengov.plans.phases import Phase

from .serializers import COMMITMENT_TEMPLATE_FIELDS, PRECISION_HELP, EvidenceLinkSerializer


class ActionPlanCreateSerializer(serializers.ModelSerializer[ActionPlan]):
    """A new action plan for a member; it starts in the co-creation phase."""

    member = serializers.SlugRelatedField(slug_field="slug", queryset=Member.objects.all(), help_text="Member slug.")

    class Meta:
        model = ActionPlan
        fields = [
            "member",
            "number",
            "ogp_id",
            "start_year",
            "end_year",
            "duration_years",
            "start_date",
            "end_date",
            "document_url",
        ]
        extra_kwargs = {
            "number": {"required": False, "help_text": "Defaults to the member's next number."},
            "ogp_id": {"required": False, "help_text": "Defaults to AP_ + the member's ISO3 code + number."},
        }
        validators: list[Any] = []  # (member, number) uniqueness is checked by the action's full_clean


class ActionPlanUpdateSerializer(VersionedUpdateSerializer):
    class Meta:
        model = ActionPlan
        fields = ["start_year", "end_year", "duration_years", "start_date", "end_date", "document_url", "version"]


class PhaseChangeSerializer(serializers.Serializer[Any]):
    phase = serializers.ChoiceField(Phase.choices)
    version = VersionField()


_COMMITMENT_TEMPLATE_FIELDS = [
    "number",
    *COMMITMENT_TEMPLATE_FIELDS,
    "policy_areas",
    "cluster",
    "carried_forward_from",
    "ogp_url",
]


class CommitmentWriteFields(serializers.ModelSerializer[Commitment]):
    """A commitment's template fields, OGP values and policy areas (slugs)."""

    # Shared by create and update.

    supporting_institutions = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, help_text="One institution per item."
    )
    policy_areas = serializers.SlugRelatedField(
        slug_field="slug", queryset=PolicyArea.objects.all(), many=True, required=False
    )
    carried_forward_from = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.all(), allow_null=True, required=False
    )
    ogp_url = serializers.URLField(source="url", max_length=300, required=False, allow_blank=True)
    start_date_precision = NamedChoiceField(
        DatePrecision.choices, enum_name="DatePrecisionEnum", required=False, help_text=PRECISION_HELP
    )
    end_date_precision = NamedChoiceField(
        DatePrecision.choices, enum_name="DatePrecisionEnum", required=False, help_text=PRECISION_HELP
    )

    def to_model_fields(self) -> tuple[dict[str, Any], list[PolicyArea] | None]:
        """validated_data as the action takes it: model fields, and the policy areas (None: unchanged)."""
        data = dict(self.validated_data)
        data.pop("version", None)
        areas = data.pop("policy_areas", None)
        if "supporting_institutions" in data:
            data["supporting_institutions"] = "\n".join(data["supporting_institutions"])
        return data, areas


class CommitmentCreateSerializer(CommitmentWriteFields):
    action_plan = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=ActionPlan.objects.select_related("member"), help_text="Action plan OGP id."
    )

    class Meta:
        model = Commitment
        fields = ["action_plan", "ogp_id", *_COMMITMENT_TEMPLATE_FIELDS]
        extra_kwargs = {
            "number": {"required": False, "help_text": "Defaults to the next number in the plan."},
            "ogp_id": {"required": False, "help_text": "Defaults to the member's code and next free number."},
        }


class CommitmentUpdateSerializer(VersionedUpdateSerializer, CommitmentWriteFields):
    class Meta:
        model = Commitment
        fields = [*_COMMITMENT_TEMPLATE_FIELDS, "version"]


class WithdrawSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(help_text="Why the commitment is withdrawn; shown publicly.")
    version = VersionField()


_MILESTONE_FIELDS = ["position", "title", "start_date", "end_date", "expected_output", "responsible", "status"]


class MilestoneCreateSerializer(serializers.ModelSerializer[Milestone]):
    """A new milestone of a commitment."""

    commitment = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.select_related("action_plan"), help_text="Commitment OGP id."
    )
    status = NamedChoiceField(MilestoneStatus.choices, enum_name="MilestoneStatusEnum", required=False)

    class Meta:
        model = Milestone
        fields = ["commitment", *_MILESTONE_FIELDS]
        extra_kwargs = {"position": {"required": False, "help_text": "Defaults to after the last milestone."}}


class MilestoneUpdateSerializer(VersionedUpdateSerializer):
    status = NamedChoiceField(MilestoneStatus.choices, enum_name="MilestoneStatusEnum", required=False)

    class Meta:
        model = Milestone
        fields = [*_MILESTONE_FIELDS, "version"]


class ProgressUpdateCreateSerializer(serializers.ModelSerializer[ProgressUpdate]):
    """A progress report on a commitment (optionally one of its milestones), with evidence links."""

    commitment = serializers.SlugRelatedField(
        slug_field="ogp_id", queryset=Commitment.objects.select_related("action_plan"), help_text="Commitment OGP id."
    )
    milestone = serializers.PrimaryKeyRelatedField(
        queryset=Milestone.objects.all(), allow_null=True, required=False, help_text="One of the commitment's."
    )
    completion = serializers.ChoiceField(CompletionLevel.choices)
    evidence = EvidenceLinkSerializer(many=True, required=False, help_text="Public links that back the update.")

    class Meta:
        model = ProgressUpdate
        fields = ["commitment", "milestone", "reported_on", "completion", "text", "evidence"]
        extra_kwargs = {"reported_on": {"required": False, "help_text": "Defaults to today."}}
