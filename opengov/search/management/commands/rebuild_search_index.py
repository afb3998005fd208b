"""Rebuild the search index from every registered app's public content, with a progress bar."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opengov.core import searchables as registry
from opengov.search import indexer

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Drop and rebuild the search index (all kinds, or the kinds named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kinds", nargs="*", help="Only these kinds, e.g. commitment member.")

    def handle(self, *args: Any, **options: Any) -> None:
        known = {s.kind for s in registry.searchables()}
        unknown = set(options["kinds"]) - known
        if unknown:
            self.stderr.write(f"Unknown kinds: {', '.join(sorted(unknown))}. Known: {', '.join(sorted(known))}.")
            raise SystemExit(2)
        started = time.monotonic()

        def progress(kind: str, done: int, total: int) -> None:
            filled = BAR_WIDTH * done // total if total else BAR_WIDTH
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            end = "\n" if done >= total else ""
            self.stdout.write(f"\r{kind:<14} [{bar}] {done}/{total}", ending=end)
            self.stdout.flush()

        written = indexer.rebuild(options["kinds"] or None, progress)
        seconds = time.monotonic() - started
        rate = written / seconds if seconds else 0
        self.stdout.write(f"{written} documents indexed in {seconds:.1f} s ({rate:.0f} documents/s).")
