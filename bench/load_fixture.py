"""The load test's fixture: who writes, where, and afterwards whether every acknowledged write is stored.

``build()`` runs once before the load (idempotent): 50 government editors with API tokens, each of its own member's
commitment in a plan under implementation (progress updates), an open consultation with 200 contributions to
support. ``missing(acknowledged)`` answers how many of the writes the servers acknowledged are not in the database.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from rest_framework.authtoken.models import Token

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role, User
from opengov.cocreation.models import Consultation, Contribution, Support
from opengov.factories import ConsultationFactory, ContributionFactory
from opengov.members.models import Member
from opengov.plans.models import Commitment, ProgressUpdate
from opengov.plans.phases import Phase

WRITERS = 50
CONTRIBUTIONS = 200


def build() -> dict[str, Any]:
    commitments = list(
        Commitment.objects.filter(action_plan__phase=Phase.IMPLEMENTATION, status="active")
        .order_by("action_plan__member_id", "id")
        .distinct("action_plan__member_id")
        .values_list("ogp_id", "action_plan__member_id")[:WRITERS]
    )
    writers = []
    for index, (ogp_id, member_id) in enumerate(commitments):
        user, created = User.objects.get_or_create(email=f"load-writer-{index}@bench.example.org")
        if created:
            grant_role(None, user, Role.GOVERNMENT_EDITOR, Member.objects.get(pk=member_id))
        token, _ = Token.objects.get_or_create(user=user)
        writers.append({"user": user.pk, "token": token.key, "commitment": ogp_id})
    consultation = Consultation.objects.filter(title="Load test consultation").first()
    if consultation is None:
        consultation = ConsultationFactory(title="Load test consultation")
        ContributionFactory.create_batch(CONTRIBUTIONS, consultation=consultation)
    try:
        search_url = reverse("search:results")
    except NoReverseMatch:
        search_url = reverse("members:directory")
    return {
        "writers": writers,
        "consultation": consultation.pk,
        "contributions": list(consultation.contributions.values_list("pk", flat=True)[:CONTRIBUTIONS]),
        "commitments": list(Commitment.objects.order_by("?").values_list("ogp_id", flat=True)[:500]),
        "members": list(Member.objects.values_list("slug", flat=True)),
        "search_url": search_url,
    }


def missing(acknowledged: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, list[Any]] = {"progress_update": [], "contribution": [], "support": []}
    for entry in acknowledged:
        ids[entry["kind"]].append(entry["id"])
    lost = len(set(ids["progress_update"])) - ProgressUpdate.objects.filter(pk__in=ids["progress_update"]).count()
    lost += len(set(ids["contribution"])) - Contribution.objects.filter(pk__in=ids["contribution"]).count()
    for contribution, user in {tuple(pair) for pair in ids["support"]}:
        lost += not Support.objects.filter(contribution_id=contribution, user_id=user).exists()
    return {"acknowledged": len(acknowledged), "missing": lost}
