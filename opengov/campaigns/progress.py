"""A target as the campaign page shows it: live value, progress towards the threshold, met by the deadline or not,
the monthly trend, and the members counted with what qualifies them. All of it is derived from one cached tally
(targets.compute_cached), so the value, the trend and the list always agree.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from opengov.insights.indicators.results import Row

from . import targets
from .models import Target

COMMITMENTS_SHOWN = 5


@dataclass
class Measured:
    target: Target
    indicator: targets.TargetIndicator
    as_of: datetime.date
    value: float | None
    numerator: int
    denominator: int
    trend: list[Row]
    counted: list[targets.MemberLine]
    commitments: dict[int, list[Any]] = field(default_factory=dict)  # member id -> first qualifying commitments

    @property
    def counted_rows(self) -> list[tuple[targets.MemberLine, list[Any]]]:
        return [(line, self.commitments.get(line.member_id, [])) for line in self.counted]

    @property
    def due(self) -> bool:
        return self.as_of >= self.target.deadline

    @property
    def met(self) -> bool | None:
        """Met by the deadline (True/False once it has passed); None before."""
        reached = self.value is not None and Decimal(str(self.value)) >= self.target.threshold
        if self.due:
            return reached
        return True if reached else None

    @property
    def progress(self) -> int:
        """How far towards the threshold, in whole percent (capped at 100), for the progress bar."""
        if self.value is None or not self.target.threshold:
            return 0
        return min(100, round(100 * Decimal(str(self.value)) / self.target.threshold))


def window_of(target: Target) -> targets.Window:
    return targets.Window(target.window_starts_on, target.deadline)


def measure(
    target: Target, today: datetime.date | None = None, with_members: bool = True, data: str | None = None
) -> Measured:
    """``data``: the data fingerprint (targets.version()) when the caller measures several targets."""
    today = today or timezone.localdate()
    indicator = targets.get(target.indicator)
    window = window_of(target)
    tally = targets.compute_cached(indicator, window, data)
    as_of = min(today, target.deadline)
    value, numerator, denominator = tally.at(as_of)
    trend = []
    if as_of >= target.window_starts_on:
        for day in targets.month_ends(target.window_starts_on, as_of):
            v, n, d = tally.at(day)
            trend.append(Row(day.strftime("%Y-%m"), day.strftime("%Y-%m"), v, n, d))
    measured = Measured(target, indicator, as_of, value, numerator, denominator, trend, tally.counted(as_of))
    if with_members and indicator.commitments is not None and measured.counted:
        key = f"campaigns:commitments:{data or targets.version()}:{target.pk}:{target.version}:{as_of}"
        shown = cache.get(key)
        if shown is None:
            shown = qualifying_commitments(indicator, window, measured.counted, as_of)
            cache.set(key, shown, targets.CACHE_SECONDS)
        measured.commitments = shown
    return measured


def qualifying_commitments(
    indicator: targets.TargetIndicator, window: targets.Window, lines: list[targets.MemberLine], as_of: datetime.date
) -> dict[int, list[Any]]:
    """The first qualifying commitments of each counted member: one query, at most COMMITMENTS_SHOWN rows per
    member (a window function numbers each member's commitments), cached with the data's fingerprint."""
    assert indicator.commitments is not None
    plans = sorted({e.key for line in lines for e in line.evidence if e.counts_from <= as_of})
    numbered = (
        indicator.commitments(window, [line.member_id for line in lines])
        .filter(action_plan__ogp_id__in=plans)
        .annotate(
            counted_member=F("action_plan__member_id"),
            rank=Window(RowNumber(), partition_by=[F("action_plan__member_id")], order_by=F("ogp_id").asc()),
        )
        .filter(rank__lte=COMMITMENTS_SHOWN)
        .only("ogp_id", "title", "short_title")
        .order_by("counted_member", "ogp_id")
    )
    shown: dict[int, list[Any]] = defaultdict(list)
    for commitment in numbered:
        shown[commitment.counted_member].append(commitment)
    return dict(shown)
