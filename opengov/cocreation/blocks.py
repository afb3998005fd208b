"""What co-creation shows (core/blocks.py): on the home page, the consultations open today; on "My work", the
moderation queue for moderators, and for government teams the consultations whose contributions wait for a reasoned
response."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from opengov.accounts.predicates import roles_of
from opengov.core import blocks, freshness

from .models import Consultation, Contribution

HOME_CONSULTATIONS = 4


def open_consultations(request: HttpRequest) -> dict[str, Any]:
    """Consultations open today, closing soonest first, with their plan and contribution count. Cached per day
    (opening and closing move with the date) and rebuilt after any write to what it read."""
    today = timezone.localdate()

    def compute() -> dict[str, Any]:
        open_now = Consultation.objects.filter(opens_on__lte=today, closes_on__gte=today)
        return {
            "rows": list(open_now.for_list().order_by("closes_on", "pk")[:HOME_CONSULTATIONS]),
            "total": open_now.count(),
        }

    return {"home_consultations": freshness.remember(f"cocreation:home:{today}", compute, 3600)}


def my_cocreation_work(request: HttpRequest) -> dict[str, Any]:
    """At most two queries: flagged contributions (moderators) and consultations waiting for answers (government)."""
    user = request.user
    work: dict[str, Any] = {}
    if user.has_perm("cocreation.moderate_contribution"):
        work["flagged"] = Contribution.objects.visible().filter(flag_count__gt=0).count()
    members = roles_of(user).government_members
    if members:
        unanswered = Q(contributions__visibility="visible", contributions__response__isnull=True)
        work["to_answer"] = list(
            Consultation.objects.filter(action_plan__member_id__in=members)
            .annotate(waiting=Count("contributions", filter=unanswered))
            .filter(waiting__gt=0)
            .select_related("action_plan__member")
            .order_by("closes_on")
        )
    return {"cocreation_work": work}


def register() -> None:
    blocks.register_section(blocks.HOME, "cocreation/includes/home.html", open_consultations, order=30)
    blocks.register_section(blocks.MY_WORK, "cocreation/includes/my_work.html", my_cocreation_work, order=30)
