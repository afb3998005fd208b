"""`manage.py import_ogp FILE [--dry-run] [--skip-bad-rows] [--file-wins | --file-wins-for ID ...]
[--report ISSUES.csv]`: import OGP's
commitments database (see docs/opendata.md). Runs as the system operator (history user: the system
account, reason "import FILE"). Exit status 1 when the file is rejected or nothing was written because
of bad rows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opengov.opendata.importers.base import FileRejected
from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv

from ._progress import ProgressOutput


class Command(BaseCommand):
    help = "Import OGP's commitments database CSV (171 columns): members, action plans, commitments, IRM data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, write nothing.")
        parser.add_argument(
            "--skip-bad-rows", action="store_true", help="Import the good rows even if some rows are rejected."
        )
        parser.add_argument(
            "--file-wins",
            action="store_true",
            help="Apply the file even to rows changed on the platform since they were last imported.",
        )
        parser.add_argument(
            "--file-wins-for",
            nargs="+",
            default=[],
            metavar="ID",
            help="Apply the file to these commitments (ids) even though they were changed on the platform.",
        )
        parser.add_argument("--report", help="Write every issue (line, column, value, reason) to this CSV file.")
        parser.add_argument("--max-bytes", type=int, help="Refuse files larger than this (default: settings).")
        parser.add_argument("--quiet-issues", action="store_true", help="Do not print the issues, only the summary.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        # OutputWrapper._out is the stream it wraps; the stubs type the attributes they do not list as callables.
        stream: TextIO = self.stdout._out  # type: ignore[assignment]
        progress = ProgressOutput(stream, "Importing", enabled=options["verbosity"] > 0)
        try:
            report = import_ogp_csv(
                SYSTEM,
                path,
                filename=path.name,
                dry_run=options["dry_run"],
                skip_bad_rows=options["skip_bad_rows"],
                progress=progress,
                limit=options["max_bytes"],
                file_wins=options["file_wins"],
                file_wins_for=options["file_wins_for"],
            )
        except FileRejected as exc:
            raise CommandError(f"{path}: {exc} Nothing was imported.") from exc
        if options["report"]:
            with open(options["report"], "w", newline="", encoding="utf-8") as out:
                report.write_issues_csv(out)
        if not options["quiet_issues"] and options["verbosity"] > 0:
            for issue in report.issues[:200]:
                where = f"line {issue.line}" if issue.line else "file"
                self.stdout.write(f"  {issue.severity}: {where}, {issue.column}: {issue.value[:60]!r}: {issue.reason}")
            if len(report.issues) > 200:
                self.stdout.write(f"  ... {len(report.issues) - 200} more (use --report FILE for all)")
        style = self.style.SUCCESS if report.applied or report.dry_run else self.style.ERROR
        self.stdout.write(style(report.summary()))
        if not report.applied and not report.dry_run:
            sys.exit(1)
