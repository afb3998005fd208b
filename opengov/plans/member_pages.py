"""What plans adds to the members app's pages (members sits below plans and does not import it): each member's
plan count in the directory and the API list, and its plans with their commitment counts on the member page."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Coalesce

from opengov.core.queries import count_related
from opengov.members.models import register_directory_annotation, register_public_page_prefetch

from .models import ActionPlan


def action_plan_count() -> Coalesce:
    return count_related(ActionPlan.objects.all(), "member")


def action_plans_with_counts() -> models.Prefetch:
    return models.Prefetch("action_plans", queryset=ActionPlan.objects.with_counts().order_by("-number"))


def register() -> None:
    register_directory_annotation("action_plan_count", action_plan_count)
    register_public_page_prefetch(action_plans_with_counts)
