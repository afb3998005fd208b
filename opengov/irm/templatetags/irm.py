"""IRM work on other apps' pages: published assessments on a commitment page, stars on a member page.

Both tags read published reports only (Assessment.objects.published()); drafts never reach them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from ..models import Assessment
from ..scales import INDICATOR_SCALES, MISSING_CODES
from ..stars import STAR_2014_DEFINITION, STAR_CURRENT_DEFINITION, StarInputs, starred_2014, starred_current

register = template.Library()


@register.inclusion_tag("irm/_assessments.html")
def irm_assessments(commitment: Any) -> dict[str, Any]:
    """``{% load irm %}{% irm_assessments commitment %}``: one query whatever the number of reports."""
    assessments = (
        Assessment.objects.published()
        .filter(commitment=commitment)
        .select_related("report__action_plan__member", "commitment")
        .order_by("-report__published_on", "pk")
    )
    return {"assessments": list(assessments), "star_definitions": (STAR_2014_DEFINITION, STAR_CURRENT_DEFINITION)}


@dataclass(frozen=True)
class StarSummary:
    assessed: int
    current: int
    formula_2014: int


def member_star_summary(member: Any) -> StarSummary:
    """Commitments of ``member`` assessed in published reports, and how many are starred by each formula.

    Each commitment counts once, with its most recent published assessment that rates completion (the
    End-of-Term Report is the final tally over the Progress Report). One query.
    """
    fields = list(StarInputs.__dataclass_fields__)
    rows = (
        Assessment.objects.published()
        .filter(commitment__action_plan__member=member)
        .order_by("commitment_id", "report__published_on", "pk")
        .values_list("commitment_id", *fields)
    )
    latest: dict[int, StarInputs] = {}
    assessed: set[int] = set()
    for commitment_id, *values in rows:
        assessed.add(commitment_id)
        inputs = StarInputs(*values)
        if inputs.completion and inputs.completion not in MISSING_CODES:
            latest[commitment_id] = inputs
    return StarSummary(
        assessed=len(assessed),
        current=sum(starred_current(i) for i in latest.values()),
        formula_2014=sum(starred_2014(i) for i in latest.values()),
    )


@register.inclusion_tag("irm/_member_stars.html")
def irm_member_stars(member: Any) -> dict[str, Any]:
    """``{% load irm %}{% irm_member_stars member %}``: stars with their definitions."""
    return {
        "summary": member_star_summary(member),
        "definitions": (STAR_2014_DEFINITION, STAR_CURRENT_DEFINITION),
    }


@register.filter
def indicator(assessment: Any, name: str) -> str:
    """An indicator as a reader says it: the scale's label, the code's meaning, a dash when empty."""
    value = getattr(assessment, name)
    if not value:
        return "—"
    return str(dict(assessment._meta.get_field(name).flatchoices).get(value, value))


@register.filter
def indicator_rows(assessment: Any) -> list[tuple[Any, str]]:
    """(label, value) for every indicator that holds a value (empty ones are left out)."""
    return [
        (assessment._meta.get_field(name).verbose_name, indicator(assessment, name))
        for name in INDICATOR_SCALES
        if getattr(assessment, name)
    ]
