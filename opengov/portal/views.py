"""The pages that gather many apps: the home page and "My work". They know no app: each app contributes its part
through core/blocks.py, so a new app adds its block without touching this file."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengov.core import blocks, freshness

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
    # Rebuilt after a write to any table the numbers read (core.freshness); the timeout only bounds memory.
    numbers: dict[str, int] = freshness.remember(KEY_NUMBERS_CACHE_KEY, key_numbers, KEY_NUMBERS_TIMEOUT)
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


# The pages every footer links to. Their text is in the templates (translated there); the contact address is a
# setting, so a deployment names its own.
STATIC_PAGES = {
    "about": _("About"),
    "accessibility": _("Accessibility statement"),
    "privacy": _("Privacy"),
    "terms": _("Terms of use"),
    "contact": _("Contact"),
}


def static_page(request: HttpRequest, name: str) -> HttpResponse:
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "title": STATIC_PAGES[name],
        "tabs": [(reverse(f"core:{key}"), label, key == name) for key, label in STATIC_PAGES.items()],
    }
    return render(request, f"portal/pages/{name}.html", context)
