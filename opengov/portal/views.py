"""The pages that gather many apps: the home page and "My work". They know no app: each app contributes its part
through core/blocks.py, so a new app adds its block without touching this file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opengov.core import blocks

# The key numbers change a few times a day; five minutes of staleness is fine for a landing page.
KEY_NUMBERS_CACHE_KEY = "core:home:key-numbers:v1"
KEY_NUMBERS_TIMEOUT = 5 * 60


def key_numbers() -> dict[str, int]:
    """Every app's figures: a few aggregate queries each, whatever the size of the data."""
    numbers: dict[str, int] = {}
    for figures in blocks.figures():
        numbers.update(figures.numbers())
    return numbers


def sections_context(request: HttpRequest, page: str) -> dict[str, Any]:
    """The page's sections and the context they render with (every section's contribution, merged)."""
    context: dict[str, Any] = {}
    sections = blocks.sections(page)
    for section in sections:
        context.update(section.context(request))
    context["sections"] = sections
    return context


def home(request: HttpRequest) -> HttpResponse:
    numbers = cache.get_or_set(KEY_NUMBERS_CACHE_KEY, key_numbers, KEY_NUMBERS_TIMEOUT)
    figures = blocks.figures()
    context = {
        "numbers": numbers,
        "figures": [(numbers.get(key, 0), label) for group in figures for key, label in group.labels],
        "figure_notes": [group.note for group in figures if group.note],
        "links": blocks.links(),
        **sections_context(request, blocks.HOME),
    }
    return render(request, "portal/home.html", context)


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """The user's roles and what each app gives them to do (each section a fixed number of queries)."""
    return render(request, "portal/my_work.html", {"nav": "account", **sections_context(request, blocks.MY_WORK)})
