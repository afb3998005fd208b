"""What campaigns show on the home page (core/blocks.py): the current campaign and how far each target has come."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from opengov.core import blocks, freshness

from . import progress, targets
from .models import Campaign

HOME_TIMEOUT = 3600


def current_campaign(request: HttpRequest) -> dict[str, Any]:
    """The campaign running today (else the latest that started), with its targets measured. One query when cached
    (the targets' data fingerprint is in the key: new data, new numbers); rebuilt after a write to what it read."""
    today = timezone.localdate()
    data = targets.version()

    def compute() -> dict[str, Any] | None:
        started = Campaign.objects.filter(starts_on__lte=today)
        running = started.filter(ends_on__gte=today).order_by("-starts_on").first()
        campaign = running or started.order_by("-ends_on").first()
        if campaign is None:
            return None
        measured = [progress.measure(t, today=today, with_members=False, data=data) for t in campaign.targets.all()]
        return {"campaign": campaign, "measured": measured, "running": campaign.ends_on >= today}

    return {"home_campaign": freshness.remember(f"campaigns:home:{today}:{data}", compute, HOME_TIMEOUT)}


def register() -> None:
    blocks.register_section(blocks.HOME, "campaigns/includes/home.html", current_campaign, order=20)
