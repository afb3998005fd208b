"""Panels: how an app higher up shows its part on a page owned by an app below it, without the lower app importing it.

A member page shows the member's events, a commitment page the stories that cite it, and so on. The page's template
says where panels go with ``{% object_panels obj %}`` (from ``core/templatetags/opengov.py``); each app registers, in
its ``AppConfig.ready()``, a function that renders its part for one object::

    from opengov.core import panels

    @panels.register("plans.Commitment", order=40)
    def commitment_events(request: HttpRequest, commitment: Commitment) -> str:
        return render_to_string("events/includes/for_object.html", {...}, request=request)

A panel returns HTML (rendered from a template, so escaped) or "" to show nothing. Panels render in ``order``, then in
registration order. Each panel should run a fixed number of queries whatever the object holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

Panel = Callable[[HttpRequest, Any], str]

_panels: dict[str, list[tuple[int, int, Panel]]] = defaultdict(list)


def register(model_label: str, *, order: int = 100) -> Callable[[Panel], Panel]:
    """Register ``panel`` for objects of ``model_label`` ("app_label.ModelName"); registering twice is harmless."""

    def decorator(panel: Panel) -> Panel:
        entries = _panels[model_label.lower()]
        if all(existing is not panel for _, _, existing in entries):
            entries.append((order, len(entries), panel))
            entries.sort(key=lambda entry: (entry[0], entry[1]))
        return panel

    return decorator


def for_model(model_label: str) -> list[Panel]:
    return [panel for _, _, panel in _panels.get(model_label.lower(), [])]


def render(request: HttpRequest, obj: Model) -> SafeString:
    """Every registered panel of ``obj``'s model, in order, joined."""
    parts = [panel(request, obj) for panel in for_model(obj._meta.label)]
    return format_html_join("\n", "{}", ((part,) for part in parts if part))
