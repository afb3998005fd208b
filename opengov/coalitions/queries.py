"""What a coalition page computes: the commitments of its government participants in its policy areas, with the
IRM's published results, one page at a time in a fixed number of queries whatever the coalition's size."""

from __future__ import annotations

from typing import Any, TypedDict

from django.db.models import Exists, OuterRef, Q, QuerySet

from opengov.irm.models import Assessment
from opengov.plans.models import Commitment, PolicyArea

from .models import Coalition, Participant, ParticipantKind


class _MemberId(TypedDict):
    member_id: int


def area_ids(coalition: Coalition) -> list[int]:
    """The coalition's policy areas and their sub-areas."""
    direct = [area.pk for area in coalition.policy_areas.all()]
    return list(PolicyArea.objects.filter(Q(pk__in=direct) | Q(parent_id__in=direct)).values_list("pk", flat=True))


def government_ids(coalition: Coalition) -> QuerySet[Participant, _MemberId]:
    return (
        Participant.objects.current().filter(coalition=coalition, kind=ParticipantKind.GOVERNMENT).values("member_id")
    )


def _tagged(areas: list[int]) -> Any:
    through = Commitment.policy_areas.through
    return through.objects.filter(policyarea_id__in=areas, commitment_id=OuterRef("pk"))


def commitments(coalition: Coalition, areas: list[int]) -> QuerySet[Commitment]:
    """The commitments, ordered by id (EXISTS on the tag table: each commitment once, no DISTINCT sort)."""
    return (
        Commitment.objects.filter(action_plan__member_id__in=government_ids(coalition))
        .filter(Exists(_tagged(areas)))
        .for_public_rows()
        .order_by("ogp_id")
    )


def count_commitments(coalition: Coalition, areas: list[int]) -> int:
    """The same number as commitments().count(), without the ordering and joins a page needs (a semi-join of
    the coalition's commitments with the tag table: no DISTINCT, no sort)."""
    return (
        Commitment.objects.filter(action_plan__member_id__in=government_ids(coalition))
        .filter(Exists(_tagged(areas)))
        .order_by()
        .count()
    )


def with_irm_results(rows: list[Commitment]) -> list[Commitment]:
    """Attach ``irm`` (the latest published assessment, or None) to each commitment of a page: one query."""
    latest: dict[int, Assessment] = {}
    assessments = (
        Assessment.objects.published()
        .filter(commitment_id__in=[row.pk for row in rows])
        .select_related("report")
        .order_by("commitment_id", "report__published_on", "report_id")
    )
    for assessment in assessments:
        latest[assessment.commitment_id] = assessment  # later reports overwrite earlier ones
    for row in rows:
        row.irm = latest.get(row.pk)  # type: ignore[attr-defined]  # read by the page (views.coalition)
    return rows


def participants(coalition: Coalition) -> QuerySet[Participant]:
    return (
        Participant.objects.current()
        .filter(coalition=coalition)
        .select_related("member", "organisation", "user")
        .only(
            "kind",
            "member_id",
            "organisation_id",
            "user_id",
            "joined_on",
            "left_on",
            "coalition_id",
            "member__name",
            "member__slug",
            "organisation__name",
            "user__display_name",
            "user__first_name",
            "user__last_name",
        )
        .order_by("kind", "member__name", "organisation__name", "joined_on")
    )
