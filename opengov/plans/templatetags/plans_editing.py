"""Template tags for the editing pages, and the "Edit" links other templates can include.

Public pages add ``{% load plans_editing %}{% edit_links commitment %}`` (or a plan, or a milestone): the links
appear only for users whose rules allow the change, so the public templates need no permission logic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import ActionPlan, Commitment, CommitmentStatus, Milestone

if TYPE_CHECKING:
    from ..views.editing import Conflict, Difference

register = template.Library()


def _links_for(user: Any, obj: Any) -> list[dict[str, str]]:
    """(label, url) for every editing page the user may open for ``obj``; rules are cached per request."""
    candidates: list[tuple[str, str, str]] = []
    if isinstance(obj, ActionPlan):
        candidates = [
            ("plans.change_actionplan", _("Edit action plan"), reverse("plans:plan-edit", args=[obj.ogp_id])),
            ("plans.change_phase", _("Change phase"), reverse("plans:plan-phase", args=[obj.ogp_id])),
            ("plans.add_commitment", _("Add a commitment"), reverse("plans:commitment-create", args=[obj.ogp_id])),
        ]
    elif isinstance(obj, Commitment):
        candidates = [
            ("plans.change_commitment", _("Edit commitment"), reverse("plans:commitment-edit", args=[obj.ogp_id])),
            ("plans.add_milestone", _("Add a milestone"), reverse("plans:milestone-create", args=[obj.ogp_id])),
            (
                "plans.add_progressupdate",
                _("Report progress"),
                reverse("plans:progress-create", args=[obj.ogp_id]),
            ),
        ]
        if obj.status != CommitmentStatus.WITHDRAWN:
            candidates.append(
                (
                    "plans.withdraw_commitment",
                    _("Withdraw commitment"),
                    reverse("plans:commitment-withdraw", args=[obj.ogp_id]),
                )
            )
    elif isinstance(obj, Milestone):
        candidates = [("plans.change_milestone", _("Edit milestone"), reverse("plans:milestone-edit", args=[obj.pk]))]
    return [{"label": label, "url": url} for perm, label, url in candidates if user.has_perm(perm, obj)]


@register.inclusion_tag("plans/edit/_edit_links.html", takes_context=True)
def edit_links(context: template.Context, obj: Any) -> dict[str, Any]:
    """The editing links for an action plan, commitment or milestone; nothing for users who may not edit."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    links = _links_for(user, obj) if user is not None and user.is_authenticated else []
    return {"links": links, "obj": obj}


@register.filter
def conflict_for(conflict: Conflict | None, field_name: str) -> Difference | None:
    """The other person's saved value for one field, when a save was refused (plans/views/editing.py)."""
    if not conflict:
        return None
    return conflict.get("differences", {}).get(field_name)


@register.filter
def lookup(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
