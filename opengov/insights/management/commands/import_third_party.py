"""Import a CSV of third-party country-year indicators (all or nothing; every error located)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opengov.insights import thirdparty


class Command(BaseCommand):
    help = "Import third-party indicators: columns country, year, then one column per indicator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--source", required=True, help="Who publishes these numbers.")
        parser.add_argument("--licence", required=True, help="For example CC BY 4.0.")
        parser.add_argument("--source-url", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            # An operator command: the Support Unit's rule is checked by the web form; the shell is trusted.
            dataset = thirdparty.import_csv(
                text,
                source=options["source"],
                licence=options["licence"],
                source_url=options["source_url"],
                file_name=path.name,
            )
        except thirdparty.ThirdPartyImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(exc.errors)} error(s).") from exc
        self.stdout.write(f"Imported {dataset.values.count()} values from {dataset.source}.")
