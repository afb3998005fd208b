"""{% load insights %}: numbers formatted by their indicator's unit, and the peer-learning blocks."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def figure(value: float | None, indicator: Any) -> str:
    """A value as its indicator shows it: "42.5 %" or "1,204"; "no data" (never 0) when nothing was assessed."""
    if value is None:
        return format_html('<span class="muted">{}</span>', _("no data"))
    if getattr(indicator, "is_percent", False):
        return format_html("{}\u00a0%", number_format(value, decimal_pos=1, use_l10n=True))
    return number_format(round(value), use_l10n=True, force_grouping=True)


@register.inclusion_tag("insights/includes/similar_commitments.html")
def similar_commitments(commitment: Any, limit: int = 5) -> dict[str, Any]:
    """Similar commitments of other members (text similarity plus shared policy areas): peer learning."""
    from opengov.insights.similarity import similar_to

    return {"commitment": commitment, "matches": similar_to(commitment, limit)}


@register.inclusion_tag("insights/includes/strongest_results.html")
def strongest_results(area: Any, limit: int = 5) -> dict[str, Any]:
    """The commitments of a policy area with the strongest IRM-assessed results, as examples."""
    from opengov.insights.similarity import strongest_in_area

    return {"area": area, "examples": strongest_in_area(area, limit)}
