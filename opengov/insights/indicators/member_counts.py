"""Indicators about members: how many, by status, and the share eligible by their latest score sheet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from opengov.members.eligibility import EligibilityResult
from opengov.members.models import Member

from .filters import Filters
from .registry import MEMBER_DIMENSIONS, Indicator
from .results import Result, Row, member_groupers, share


def _member_result(
    filters: Filters, breakdowns: tuple[str, ...], numerator: Callable[[Member], bool | None], per_status: bool
) -> Result:
    """Member indicators: members read once (with their latest eligibility score), counted in Python.

    A few hundred rows at most, in two queries whatever their number.
    """
    from opengov.members.models import EligibilityScore

    members = list(
        filters.for_members(Member.objects.all()).prefetch_related(
            models.Prefetch("eligibility_scores", queryset=EligibilityScore.objects.order_by("-year"))
        )
    )
    applied = {k: v for k, v in filters.applied().items() if k not in Filters.COMMITMENT_FIELDS}

    def tally(group: list[Any]) -> tuple[float | None, int, int | None]:
        if per_status:
            return float(len(group)), len(group), None
        verdicts = [numerator(m) for m in group]
        judged = [v for v in verdicts if v is not None]
        return share(sum(judged), len(judged)), sum(judged), len(judged)

    value, num, den = tally(members)
    result = Result(value, num, den, filters_applied=applied)
    groupers = member_groupers()
    for key in breakdowns:
        buckets: dict[str, tuple[str, list[Any]]] = {}
        for m in members:
            k, label = groupers[key](m)
            buckets.setdefault(k, (label, []))[1].append(m)
        rows = []
        for k, (label, group) in buckets.items():
            v, n, d = tally(group)
            if d == 0:
                continue
            rows.append(Row(k, label, v, n, d))
        rows.sort(key=lambda r: r.label.casefold())
        result.breakdown[key] = rows
    return result


def latest_eligibility(member: Member) -> EligibilityResult | None:
    scores = list(member.eligibility_scores.all())
    return scores[0].result if scores else None


def _is_eligible(member: Member) -> bool | None:
    """Eligible by the latest score sheet; None (left out) without a score or with "Not enough data"."""
    from opengov.members.eligibility import EligibilityOutcome

    result = latest_eligibility(member)
    if result is None or result.outcome == EligibilityOutcome.NOT_ENOUGH_DATA:
        return None
    return result.outcome == EligibilityOutcome.ELIGIBLE


INDICATORS = (
    Indicator(
        key="members",
        title=_("Members by status"),
        definition=_("How many members OGP has, by status (Active, Under Procedural Review, ...), region and type."),
        formula=_("Number of members"),
        denominator_text=_("No denominator: a count."),
        unit="count",
        compute_fn=lambda f, b: _member_result(f, b, lambda m: True, per_status=True),
        dimensions=MEMBER_DIMENSIONS,
        group=_("Members"),
        source=_("Member records"),
    ),
    Indicator(
        key="eligible-members",
        title=_("Eligible members"),
        definition=_(
            "Share of members meeting OGP's core eligibility criteria (75 % of applicable points and the Values "
            "Check) in their latest score sheet."
        ),
        formula=_("Eligible ÷ members with a latest score sheet that has enough data"),
        denominator_text=_(
            'Members with an eligibility score sheet; "Not enough data" and members without one are left out.'
        ),
        unit="percent",
        compute_fn=lambda f, b: _member_result(f, b, _is_eligible, per_status=False),
        dimensions=MEMBER_DIMENSIONS,
        group=_("Members"),
        source=_("Eligibility score sheets"),
    ),
)
