"""The follow button on the pages of followable objects (core.panels, so their apps need not know us)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from opengov.core import panels

from . import actions, registry

# Pages with an Atom feed of their changes (search/feeds.py): the panel links it beside the button.
FEEDS = {"members.member": "search:member-feed", "plans.policyarea": "search:policy-area-feed"}


def follow_button(request: HttpRequest, obj: Any) -> str:
    label = obj._meta.label_lower
    feed = reverse(FEEDS[label], kwargs={"slug": obj.slug}) if label in FEEDS else ""
    context = {"obj": obj, "label": label, "following": actions.is_following(request.user, obj), "feed": feed}
    return render_to_string("following/includes/button.html", context, request=request)


def register() -> None:
    for model in registry.followable_models():
        panels.register(model._meta.label, order=1)(follow_button)
