"""Warm the insights cache for the current data (after an import, or from cron), with progress output.

Pages compute on a miss anyway; this only moves the cold cost (a few seconds at 100,000 commitments, most of
it the co-creation checklists and the chart renders) out of the first visitor's request.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from opengov.insights import indicators
from opengov.insights.indicators import TREND_DIMENSIONS, Filters


class Command(BaseCommand):
    help = "Compute every indicator, its breakdowns and trends into the cache for the current data version."

    def handle(self, *args: Any, **options: Any) -> None:
        version = indicators.data_version()
        started = time.monotonic()
        for indicator in indicators.all_indicators():
            t = time.monotonic()
            breakdowns = [d for d in indicator.dimensions if d not in TREND_DIMENSIONS and d != "member"]
            indicators.compute_cached(indicator, Filters(), (), version)
            indicators.compute_cached(indicator, Filters(), (*breakdowns, "member"), version)
            for dim in breakdowns:
                indicators.compute_cached(indicator, Filters(), (dim,), version)
            for by in TREND_DIMENSIONS:
                indicators.trend(indicator, Filters(), by, version)
            self.stdout.write(f"{indicator.key}: {1000 * (time.monotonic() - t):.0f} ms")
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s (data version {version}).")
