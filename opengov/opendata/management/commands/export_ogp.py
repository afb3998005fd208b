"""`manage.py export_ogp FILE`: write OGP's commitments database (171 columns, CRLF, UTF-8), streamed.
``-`` writes to standard output."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opengov.opendata.exporters.ogp_csv import export_ogp_csv


class Command(BaseCommand):
    help = "Export every commitment in OGP's commitments-database CSV format (the import's round trip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        if file == "-":
            export_ogp_csv(sys.stdout)
            return
        with open(file, "w", newline="", encoding="utf-8") as out:
            count = export_ogp_csv(out)
        self.stderr.write(f"Wrote {count:,} commitments to {file}.")
