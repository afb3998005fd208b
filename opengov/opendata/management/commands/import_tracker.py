"""`manage.py import_tracker MEMBER_CODE FILE [--dry-run] [--skip-bad-rows]`: a government's progress
tracker (US NAP5 shape), run as the system operator."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opengov.members.models import Member
from opengov.opendata.importers.base import FileRejected
from opengov.opendata.importers.ogp_csv import SYSTEM
from opengov.opendata.importers.tracker import import_tracker


class Command(BaseCommand):
    help = "Import a government's progress tracker: sub-commitments as milestones, statuses and dated progress."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("member", help="The member's OGP code, e.g. US")
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--skip-bad-rows", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        member = Member.objects.filter(ogp_code=options["member"]).first()
        if member is None:
            raise CommandError(f"No member with code {options['member']}.")
        path = Path(options["file"])
        try:
            # The system operator: permission comes from shell access to the server.
            report = import_tracker(
                SYSTEM, member, path, dry_run=options["dry_run"], skip_bad_rows=options["skip_bad_rows"]
            )
        except FileRejected as exc:
            raise CommandError(f"{path}: {exc} Nothing was imported.") from exc
        for issue in report.issues:
            self.stdout.write(f"  {issue.severity}: line {issue.line}, {issue.column}: {issue.reason}")
        self.stdout.write(report.summary())
        if not report.applied and not report.dry_run:
            sys.exit(1)
