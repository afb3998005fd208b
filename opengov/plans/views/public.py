"""Public pages of action plans, commitments and policy areas."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from ..models import ActionPlan, Commitment, PolicyArea


def action_plan(request: HttpRequest, ogp_id: str) -> HttpResponse:
    return render(request, "plans/action_plan.html", {"plan": get_object_or_404(ActionPlan, ogp_id=ogp_id)})


def commitment(request: HttpRequest, ogp_id: str) -> HttpResponse:
    return render(request, "plans/commitment.html", {"commitment": get_object_or_404(Commitment, ogp_id=ogp_id)})


def policy_areas(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/policy_areas.html", {"areas": PolicyArea.objects.top_level()})


def policy_area(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "plans/policy_area.html", {"area": get_object_or_404(PolicyArea, slug=slug)})


urlpatterns = [
    path("action-plans/<str:ogp_id>/", action_plan, name="action-plan"),
    path("commitments/<str:ogp_id>/", commitment, name="commitment"),
    path("policy-areas/", policy_areas, name="policy-areas"),
    path("policy-areas/<slug:slug>/", policy_area, name="policy-area"),
]
