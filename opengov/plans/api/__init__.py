"""REST API for action plans, commitments, milestones, progress updates and the policy-area taxonomy.

Reads are public. Every write calls one function of plans/actions.py (which checks the rule, validates,
locks the version and records history); the viewsets only parse input and shape output. The rule
guarding each action is listed in the viewset's ``permission_rules`` (see core/api.py).

serializers.py shapes what is read, inputs.py the request bodies, filters.py the list filters and viewsets.py the
endpoints; register() puts them on the API router.
"""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from .serializers import (
    ActionPlanSerializer,
    ActionPlanSummarySerializer,
    CommitmentSerializer,
    CommitmentSummarySerializer,
    MilestoneSerializer,
    PolicyAreaSerializer,
    PolicyAreaSummarySerializer,
    ProgressUpdateSerializer,
)
from .viewsets import (
    ActionPlanViewSet,
    CommitmentViewSet,
    MilestoneViewSet,
    PolicyAreaViewSet,
    ProgressUpdateViewSet,
)

__all__ = [
    "ActionPlanSerializer",
    "ActionPlanSummarySerializer",
    "ActionPlanViewSet",
    "CommitmentSerializer",
    "CommitmentSummarySerializer",
    "CommitmentViewSet",
    "MilestoneSerializer",
    "MilestoneViewSet",
    "PolicyAreaSerializer",
    "PolicyAreaSummarySerializer",
    "PolicyAreaViewSet",
    "ProgressUpdateSerializer",
    "ProgressUpdateViewSet",
    "register",
]


def register(router: DefaultRouter) -> None:
    router.register("policy-areas", PolicyAreaViewSet, basename="policy-area")
    router.register("action-plans", ActionPlanViewSet, basename="action-plan")
    router.register("commitments", CommitmentViewSet, basename="commitment")
    router.register("milestones", MilestoneViewSet, basename="milestone")
    router.register("progress-updates", ProgressUpdateViewSet, basename="progress-update")
