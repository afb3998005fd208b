"""What Open Gov Week shows on the home page (core/blocks.py): this year's week, or the next one, with its map."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from opengov.core import blocks, freshness

from .models import Edition, Event

HOME_EVENTS = 3
HOME_TIMEOUT = 3600


def open_gov_week(request: HttpRequest) -> dict[str, Any]:
    """The edition under way or coming next, its approved events and countries, and its next few events. Cached
    per hour (what is "next" moves with the clock) and rebuilt after any write to what it read."""
    now = timezone.now()
    today = timezone.localdate()

    def compute() -> dict[str, Any] | None:
        edition = Edition.objects.filter(ends_on__gte=today).order_by("starts_on").first()
        if edition is None:
            return None
        public = Event.objects.public().filter(edition=edition)
        return {
            "edition": edition,
            "under_way": edition.starts_on <= today,
            "events": public.count(),
            "countries": public.values("country").distinct().count(),
            "next_events": list(public.for_list().filter(ends_at__gte=now).order_by("starts_at", "pk")[:HOME_EVENTS]),
        }

    key = f"events:home:{now:%Y-%m-%dT%H}"
    return {"home_week": freshness.remember(key, compute, HOME_TIMEOUT)}


def register() -> None:
    blocks.register_section(blocks.HOME, "events/includes/home.html", open_gov_week, order=25)
