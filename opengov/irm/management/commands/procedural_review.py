"""Run the procedural review now: ``python manage.py procedural_review [--date YYYY-MM-DD]``."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opengov.irm.actions import run_procedural_review


class Command(BaseCommand):
    help = "Record new procedural-review findings for every member (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Review as of this date (default today).")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        findings = run_procedural_review(None, today=options["date"])
        for finding in findings:
            self.stdout.write(f"{finding.member_id}\t{finding.kind}\tcycle {finding.cycle}\t{finding.action_plan_id}")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"{len(findings)} new finding(s) recorded in {elapsed:.2f} s."))
