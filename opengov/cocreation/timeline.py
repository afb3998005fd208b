"""Apps above co-creation add dated entries to a commitment's story (its timeline) without co-creation importing
them: ``stories`` adds the published stories that cite the commitment. Register in ``AppConfig.ready()``.

A source takes the commitment and returns entries ``{"date": date | None, "label": str, "title": str, "url": str}``,
in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Source = Callable[[Any], list[dict[str, Any]]]
_sources: list[Source] = []


def register(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def linked_entries(commitment: Any) -> list[dict[str, Any]]:
    return [{**entry, "kind": "linked"} for source in _sources for entry in source(commitment)]
