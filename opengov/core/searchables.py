"""The one registration point: how an app puts its public content into site-wide search.

Each app declares its searchable models in ``opengov/<app>/search.py``, which the search app imports at
start-up (like ``admin.py``)::

    from opengov.core.searchables import Document, Searchable, Watch, register

    register(Searchable(
        kind="event",                        # facet value and URL parameter, stable
        label=_("Events"),                   # facet label
        model=Event,
        public=lambda: Event.objects.filter(published=True).select_related("member"),  # what anyone may see
        document=lambda e: Document(title=e.title, body=[e.description], member=e.member, year=e.starts.year),
        watch=[Watch(Event, lambda e: [e.pk])],   # writes that change what is indexed
    ))

``public()`` is the only gate: an object outside it is never indexed, so drafts, hidden and private content
cannot appear in results for anyone. ``document()`` must not query per object: ``public()`` selects and
prefetches what it reads (the rebuild streams it in chunks). ``watch`` lists the models whose saves, deletes
or many-to-many changes alter a document, with a function from the changed instance to the primary keys of
objects of ``model`` to re-index (re-indexing checks ``public()`` again, so a withdrawn object drops out).
A writer that bypasses model signals (``bulk_create``) sends ``bulk_written`` so its rows are watched too.

This module imports no other app: registrations are plug-ins loaded by the search app, as admin.py is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.dispatch import Signal


@dataclass
class Document:
    """What one object contributes to the index. ``body`` parts are joined; empty parts are skipped.

    ``language`` is "en", "es" or "fr"; left empty, it is detected from the text (text.detect_language).
    """

    title: str
    body: Sequence[str] = ()
    language: str = ""
    url: str = ""
    member: Any = None  # a members.Member (facets: member and region), or None
    # The region facet when it is not the member's: an event or a story in a country that is not an OGP member.
    region: str = ""
    year: int | None = None
    policy_area_ids: Sequence[int] = ()


@dataclass(frozen=True)
class Watch:
    """Writes to ``model`` re-index the objects ``targets(instance)`` names (primary keys)."""

    model: type[models.Model]
    targets: Callable[[Any], Iterable[int]]
    m2m: Any = None  # a ManyToManyField descriptor's through model: re-index on m2m_changed too


@dataclass(frozen=True)
class Searchable:
    kind: str
    label: Any
    model: type[models.Model]
    public: Callable[[], models.QuerySet[models.Model]]
    document: Callable[[Any], Document]
    watch: Sequence[Watch] = field(default_factory=tuple)
    # Ranking: a multiplier for this kind (members and plans are few and often what people look for).
    boost: float = 1.0


_registry: dict[str, Searchable] = {}

# Sent by a writer that bypasses model signals (bulk_create, queryset.update) with ``sender`` the model written and
# ``pks`` the primary keys of its rows: the index treats it like a save of each row (the watches of ``sender``).
bulk_written = Signal()


def register(searchable: Searchable) -> Searchable:
    """Add a searchable kind; registering the same kind again replaces it (autodiscovery may run twice)."""
    _registry[searchable.kind] = searchable
    return searchable


def searchables() -> list[Searchable]:
    return list(_registry.values())


def get(kind: str) -> Searchable | None:
    return _registry.get(kind)


def by_model(model: type[models.Model]) -> Searchable | None:
    for searchable in _registry.values():
        if searchable.model is model:
            return searchable
    return None
