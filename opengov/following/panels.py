"""The follow button on the pages of followable objects (core.panels, so their apps need not know us)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from opengov.core import panels

from . import actions, registry


def follow_button(request: HttpRequest, obj: Any) -> str:
    return render_to_string(
        "following/includes/button.html",
        {"obj": obj, "label": obj._meta.label_lower, "following": actions.is_following(request.user, obj)},
        request=request,
    )


def register() -> None:
    for model in registry.followable_models():
        panels.register(model._meta.label, order=1)(follow_button)
