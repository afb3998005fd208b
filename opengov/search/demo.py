"""The demo data in the index: seeded last (core/seeding.py), after every app's demo.

Most demo rows are saved one by one and their writes mark them for indexing (indexer: after commit). Some are
not: the policy areas come from a data migration, the open data sample and Open Gov Week's past editions are
written in bulk, and bulk writes send no model signals. So the demo ends by indexing what is marked now, then
rebuilding each kind whose number of documents differs from its number of public objects (a second run of the
command finds them equal and rebuilds nothing).
"""

from __future__ import annotations

from opengov.core import searchables as registry
from opengov.core.seeding import SeedLog

from . import indexer
from .models import SearchDocument

SEED_LAST = True


def stale_kinds() -> list[str]:
    return [
        searchable.kind
        for searchable in registry.searchables()
        if searchable.public().count() != SearchDocument.objects.filter(kind=searchable.kind).count()
    ]


def seed(log: SeedLog) -> None:
    indexer.flush()
    stale = stale_kinds()
    if stale:
        written = indexer.rebuild(stale)
        log(f"Search index rebuilt for {', '.join(stale)}.")
        log.created("search documents", written)
