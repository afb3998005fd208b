"""The search index after the demo: complete, so the site search finds every public item the demo holds.

The index follows writes after commit (indexer.mark), which covers everything the demo writes through the apps'
actions. Rows that arrive without a save signal (the open data import's bulk writes of the real sample, the policy
areas of a data migration) are not seen that way, so once the demo is committed every kind whose index count
differs from its public objects is rebuilt. Idempotent: a second run finds every count equal and writes nothing.
"""

from __future__ import annotations

from django.db import transaction

from opengov.core import searchables as registry
from opengov.core.seeding import SeedLog

from . import indexer
from .models import SearchDocument


def incomplete_kinds() -> list[str]:
    """The kinds whose index does not hold exactly their public objects."""
    return [
        searchable.kind
        for searchable in registry.searchables()
        if searchable.public().count() != SearchDocument.objects.filter(kind=searchable.kind).count()
    ]


def seed(log: SeedLog) -> None:
    def complete_the_index() -> None:
        # Runs after the writes' own after-commit indexing (registered earlier), so only the gaps remain.
        kinds = incomplete_kinds()
        if kinds:
            written = indexer.rebuild(kinds)
            log.created("search documents", written)
            log(f"Search: rebuilt the index of {', '.join(kinds)} ({written} documents).")

    transaction.on_commit(complete_the_index)
