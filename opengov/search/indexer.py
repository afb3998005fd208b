"""Writing the index: re-index objects after the writes that change them, and rebuild everything.

Freshness: a save, delete or many-to-many change of a watched model (registry.Watch) marks the objects it
affects; they are re-indexed once, right after the transaction commits (several writes in one action
re-index each object once; a rolled-back transaction re-indexes nothing). Re-indexing reads the object
through its ``public()`` queryset again: an object no longer public (a hidden contribution, a report moved
back to draft) loses its document.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from opengov.core import searchables as registry

from . import backends, text
from .models import DocumentArea, SearchDocument, Term

CHUNK = 1000


def _build(searchable: registry.Searchable, objects: Iterable[Any]) -> tuple[list[SearchDocument], list[Sequence[int]]]:
    now = timezone.now()
    docs, areas = [], []
    for obj in objects:
        doc = searchable.document(obj)
        body = "\n".join(part for part in doc.body if part)
        language = doc.language or text.detect_language(f"{doc.title}\n{body}")
        member = doc.member
        docs.append(
            SearchDocument(
                kind=searchable.kind,
                object_id=obj.pk,
                title=doc.title[:600],
                body=body,
                language=language,
                url=doc.url or obj.get_absolute_url(),
                member_id=member.pk if member is not None else None,
                member_name=member.name if member is not None else "",
                region=doc.region or (member.region if member is not None else ""),
                year=doc.year,
                boost=searchable.boost,
                updated_at=now,
            )
        )
        areas.append(doc.policy_area_ids)
    return docs, areas


def _write(searchable: registry.Searchable, objects: Iterable[Any]) -> int:
    """Insert documents for ``objects`` (their old documents must be gone already)."""
    docs, areas = _build(searchable, objects)
    if not docs:
        return 0
    created = SearchDocument.objects.bulk_create(docs)
    DocumentArea.objects.bulk_create(
        [
            DocumentArea(document_id=doc.pk, area_id=area)
            for doc, ids in zip(created, areas, strict=True)
            for area in ids
        ]
    )
    vocabulary = {
        word
        for doc in created
        for word in text.words(f"{doc.title} {doc.body}")
        if text.MIN_FUZZY_LENGTH <= len(word) <= 100 and not word.isdigit()
    }
    Term.objects.bulk_create([Term(word=word) for word in vocabulary], ignore_conflicts=True, batch_size=2000)
    backends.fts_insert((doc.pk, doc.title, doc.body, doc.language) for doc in created)
    return len(created)


def refresh(kind: str, object_ids: Iterable[int]) -> None:
    """Re-index these objects of ``kind`` now: public ones get a fresh document, the others lose theirs."""
    searchable = registry.get(kind)
    ids = sorted(set(object_ids))
    if searchable is None or not ids:
        return
    with transaction.atomic():
        _delete(kind, ids)
        _write(searchable, searchable.public().filter(pk__in=ids))


def _delete(kind: str, object_ids: Sequence[int] | None = None) -> None:
    """Drop documents (and their areas; SQLite's FTS rows follow by trigger) in two statements, without the
    ORM's collect-then-delete round trips."""
    only = ""
    params: list[str | int] = [kind]
    if object_ids is not None:
        only = " AND object_id IN (" + ", ".join(["%s"] * len(object_ids)) + ")"
        params += list(object_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM search_documentarea WHERE document_id IN "  # noqa: S608 - placeholders only
            f"(SELECT id FROM search_searchdocument WHERE kind = %s{only})",
            params,
        )
        cursor.execute(f"DELETE FROM search_searchdocument WHERE kind = %s{only}", params)  # noqa: S608


def rebuild(kinds: Sequence[str] | None = None, progress: Callable[[str, int, int], None] | None = None) -> int:
    """Drop and rebuild the documents of ``kinds`` (all by default), reporting (kind, done, total)."""
    total_written = 0
    for searchable in registry.searchables():
        if kinds and searchable.kind not in kinds:
            continue
        queryset = searchable.public()
        total = queryset.count()
        with transaction.atomic():
            _delete(searchable.kind)
            done = 0
            if progress:
                progress(searchable.kind, 0, total)
            chunk: list[Any] = []
            for obj in queryset.iterator(chunk_size=CHUNK):
                chunk.append(obj)
                if len(chunk) == CHUNK:
                    done += _write(searchable, chunk)
                    chunk = []
                    if progress:
                        progress(searchable.kind, done, total)
            done += _write(searchable, chunk)
            if progress:
                progress(searchable.kind, done, total)
        total_written += done
    return total_written


# --- after-commit batching -----------------------------------------------------------------------------------


_local = threading.local()


def _pending() -> list[tuple[str, Callable[[], Iterable[int]]]]:
    if not hasattr(_local, "pending"):
        _local.pending = []
    pending: list[tuple[str, Callable[[], Iterable[int]]]] = _local.pending
    return pending


def flush() -> None:
    """Re-index everything marked so far (the first callback after a commit does the work, later ones find
    nothing). Objects marked in a rolled-back transaction are re-read as they are: harmless."""
    pending = _pending()
    by_kind: dict[str, set[int]] = defaultdict(set)
    while pending:
        kind, targets = pending.pop()
        by_kind[kind] |= {pk for pk in targets() if pk is not None}
    for kind, ids in by_kind.items():
        refresh(kind, ids)


def mark(kind: str, targets: Callable[[], Iterable[int]]) -> None:
    """Re-index the objects ``targets()`` names after the current transaction commits (at once outside one).

    ``targets`` is called then, not now: a write pays no query for search while its transaction is open."""
    _pending().append((kind, targets))
    transaction.on_commit(flush)


def _handler(kind: str, watch: registry.Watch) -> Callable[..., None]:
    def on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
        action = kwargs.get("action")
        if action is not None and action not in ("post_add", "post_remove", "post_clear"):
            return
        if kwargs.get("raw"):  # fixtures loading
            return
        if kwargs.get("signal") is post_delete:
            # The row is gone after commit: name its targets now (deletes are rare).
            ids = list(watch.targets(instance))
            mark(kind, lambda: ids)
        else:
            mark(kind, lambda: watch.targets(instance))

    return on_change


_handlers: list[Callable[..., None]] = []  # signals hold receivers weakly


def _on_bulk_written(sender: type[models.Model], pks: Iterable[int] = (), **kwargs: Any) -> None:
    """Rows written without model signals: re-index what their watches name, reading the rows after commit."""
    ids = list(pks)
    for searchable in registry.searchables():
        for watch in searchable.watch:
            if watch.model is sender and ids:

                def targets(watch: registry.Watch = watch) -> list[int]:
                    rows = sender._default_manager.filter(pk__in=ids)
                    return [pk for row in rows for pk in watch.targets(row)]

                mark(searchable.kind, targets)


def connect_signals() -> None:
    registry.bulk_written.connect(_on_bulk_written, dispatch_uid="search-bulk-written")
    for searchable in registry.searchables():
        for number, watch in enumerate(searchable.watch):
            handler = _handler(searchable.kind, watch)
            _handlers.append(handler)
            uid = f"search-{searchable.kind}-{number}"
            post_save.connect(handler, sender=watch.model, dispatch_uid=uid + "-save")
            post_delete.connect(handler, sender=watch.model, dispatch_uid=uid + "-delete")
            if watch.m2m is not None:
                m2m_changed.connect(handler, sender=watch.m2m, dispatch_uid=uid + "-m2m")


def is_indexed(obj: models.Model) -> bool:
    searchable = registry.by_model(type(obj))
    return searchable is not None and SearchDocument.objects.filter(kind=searchable.kind, object_id=obj.pk).exists()
