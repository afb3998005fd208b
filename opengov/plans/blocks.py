"""What plans shows on the home page and on "My work" (core/blocks.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from opengov.accounts.models import GOVERNMENT_ROLES, RoleAssignment
from opengov.accounts.predicates import is_support_unit
from opengov.accounts.signed_in import signed_in_user
from opengov.core import blocks, freshness

from .models import ActionPlan, Commitment, PolicyArea

RECENT_PLANS = 6


def key_numbers() -> dict[str, int]:
    """Plans, commitments and policy areas: three aggregate queries, whatever the size of the data."""
    return {
        "action_plans": ActionPlan.objects.count(),
        **Commitment.objects.key_numbers(),
        "policy_areas": PolicyArea.objects.count(),
    }


def recent_plans(request: HttpRequest) -> dict[str, Any]:
    """The newest plans, rebuilt after any write to what they read (core.freshness)."""

    def compute() -> list[ActionPlan]:
        return list(ActionPlan.objects.most_recent()[:RECENT_PLANS])

    return {"recent_plans": freshness.remember("plans:home:recent", compute, 3600)}


def my_plans(request: HttpRequest) -> dict[str, Any]:
    """The plans of every member the user works for in government, newest first (two queries whatever the count)."""
    assignments = (
        RoleAssignment.objects.current()
        .filter(user=signed_in_user(request), role__in=GOVERNMENT_ROLES, member__isnull=False)  # My work: signed in
        .select_related("member")
        .order_by("role", "granted_at")
    )
    members = list({a.member_id: a.member for a in assignments if a.member is not None}.values())
    plans_by_member: dict[int, list[ActionPlan]] = defaultdict(list)
    if members:
        plans = ActionPlan.objects.filter(member__in=members).with_counts().order_by("-number")
        for plan in plans:
            plans_by_member[plan.member_id].append(plan)
    for member in members:
        member.my_plans = plans_by_member.get(member.pk, [])  # type: ignore[attr-defined]  # for the template
    return {"government_members": members, "manages_every_plan": is_support_unit(request.user)}


def register() -> None:
    blocks.register_figures(
        key_numbers,
        [
            ("action_plans", _("action plans")),
            ("commitments", _("commitments")),
            ("in_implementation", _("commitments being implemented")),
            ("policy_areas", _("policy areas")),
        ],
        note=_("Commitments being implemented: active commitments of action plans in their implementation phase."),
        order=20,
    )
    blocks.register_link(
        "plans:policy-areas",
        _("Policy areas"),
        _("Commitments grouped by theme, from anti-corruption to public service delivery."),
        order=20,
    )
    blocks.register_section(blocks.HOME, "plans/includes/home_recent_plans.html", recent_plans, order=50)
    blocks.register_section(blocks.MY_WORK, "plans/includes/my_work.html", my_plans, order=20)
