"""What OpenStories shows on the home page (core/blocks.py): the featured stories, each in the reader's language
when a published translation exists."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from opengov.core import blocks, freshness

from .models import Story
from .queries import attach_reader_language, featured


def home_featured(request: HttpRequest) -> dict[str, Any]:
    """No query on a cached home page; rebuilt after any write to the stories' tables (core.freshness)."""
    language = get_language() or "en"

    def compute() -> list[Story]:
        lead = featured()
        attach_reader_language(lead, language)
        return lead

    return {"featured_stories": freshness.remember(f"stories:home:{language}", compute, 3600)}


def register() -> None:
    blocks.register_section(blocks.HOME, "stories/includes/home.html", home_featured, order=40)
