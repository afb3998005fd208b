"""The follow button on the pages of followable objects (core.panels, so their apps need not know us), and
the "What I follow" section of My work (core.blocks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from opengov.accounts.models import User
from opengov.core import blocks, panels
from opengov.core import followables as registry

from . import actions
from .models import Follow

# Pages with an Atom feed of their changes (search/feeds.py): the panel links it beside the button.
FEEDS = {"members.member": "search:member-feed", "plans.policyarea": "search:policy-area-feed"}


def follow_button(request: HttpRequest, obj: Any) -> str:
    label = obj._meta.label_lower
    feed = reverse(FEEDS[label], kwargs={"slug": obj.slug}) if label in FEEDS else ""
    context = {"obj": obj, "label": label, "following": actions.is_following(request.user, obj), "feed": feed}
    return render_to_string("following/includes/button.html", context, request=request)


def my_follows(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    assert isinstance(user, User)  # My work is login_required (portal.views.my_work)
    return {"follow_count": Follow.objects.filter(user=user).count()}


def register() -> None:
    for model in registry.followable_models():
        panels.register(model._meta.label, order=1)(follow_button)
    blocks.register_section(blocks.MY_WORK, "following/includes/my_work.html", my_follows, order=80)
