from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Campaign


def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(request, "campaigns/list.html", {"nav": "campaigns", "campaigns": Campaign.objects.all()})


def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    return render(request, "campaigns/detail.html", {"nav": "campaigns", "campaign": campaign})
