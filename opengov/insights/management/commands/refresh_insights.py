"""Warm the insights cache for the current data (after an import, or from cron), with progress output.

Pages compute on a miss anyway; this only moves the cold cost (a few seconds at 100,000 commitments, most of
it the co-creation checklists and the chart renders) out of the first visitor's request.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from opengov.insights import indicators


class Command(BaseCommand):
    help = "Compute every indicator, its breakdowns and trends into the cache for the current data version."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        version = indicators.warm_cache(lambda key, seconds: self.stdout.write(f"{key}: {1000 * seconds:.0f} ms"))
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s (data version {version}).")
