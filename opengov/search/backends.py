"""What differs between PostgreSQL and SQLite: how the text is matched and ranked, how words are corrected,
and (SQLite only) keeping the FTS5 table in step with the documents.

PostgreSQL: ``vector @@ query`` on the stored, GIN-indexed tsvector; rank ``ts_rank`` (title words weigh more);
misspellings through ``pg_trgm`` (``%`` and ``similarity`` on the indexed vocabulary).
SQLite: ``search_fts MATCH query`` on FTS5 (stems computed in Python, text.index_text); rank ``bm25`` with the
title weighing more; misspellings: candidate words from an FTS5 trigram table, scored in Python with
pg_trgm's own formula (text.similarity), so both pick the same correction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from django.db import connection

from . import text

# pg_trgm's default threshold is 0.3; a little higher keeps corrections to near misses.
SIMILARITY_THRESHOLD = 0.4


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Clause:
    """One condition of a query: a word, or a phrase of words in order (``gaps``: positions apart)."""

    words: tuple[str, ...]
    gaps: tuple[int, ...] = ()

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


def _branches(clause: Clause) -> list[list[str]]:
    """The clause stemmed in each language (duplicates removed): a document matches any one of them."""
    seen, out = set(), []
    for language in text.LANGUAGES:
        stems = [text.stem(word, language) for word in clause.words]
        if tuple(stems) not in seen:
            seen.add(tuple(stems))
            out.append(stems)
    return out


def tsquery(clauses: Sequence[Clause]) -> str:
    """A PostgreSQL tsquery literal: clauses ANDed, each an OR of its language branches."""
    parts = []
    for clause in clauses:
        branches = []
        for stems in _branches(clause):
            pieces = [f"'{stems[0]}'"]
            for gap, stem in zip(clause.gaps, stems[1:], strict=False):
                pieces.append(f"<{gap}> '{stem}'")
            branches.append(" ".join(pieces))
        parts.append("(" + " | ".join(f"({b})" for b in branches) + ")")
    return " & ".join(parts)


def fts5_query(clauses: Sequence[Clause]) -> str:
    """An FTS5 MATCH expression with the same meaning as ``tsquery``."""
    parts = []
    for clause in clauses:
        branches = ['"' + " ".join(stems) + '"' for stems in _branches(clause)]
        parts.append("(" + " OR ".join(branches) + ")")
    return " AND ".join(parts)


@dataclass(frozen=True)
class Match:
    """SQL fragments for ``FROM search_searchdocument d {join} WHERE {where}``, ranked by ``rank``."""

    join: str
    where: str
    rank: str
    params: list[object]


def match(clauses: Sequence[Clause]) -> Match:
    if is_postgres():
        return Match(
            join="CROSS JOIN CAST(%s AS tsquery) q",
            where="d.vector @@ q",
            rank="ts_rank(d.vector, q) * d.boost",
            params=[tsquery(clauses)],
        )
    return Match(
        join="JOIN search_fts f ON f.rowid = d.id",
        where="search_fts MATCH %s",
        rank="-bm25(search_fts, 4.0, 1.0) * d.boost",
        params=[fts5_query(clauses)],
    )


def correct(word: str) -> str | None:
    """The indexed word most like ``word`` (trigram similarity), or None when none is close enough."""
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(
                "SELECT word FROM search_term WHERE word %% %s AND similarity(word, %s) >= %s "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
                [word, word, SIMILARITY_THRESHOLD, word],
            )
            row = cursor.fetchone()
            return cast(str, row[0]) if row else None
        grams = sorted(g for g in text.trigrams(word) if g.strip() and len(g.strip()) == 3)
        if not grams:
            return None
        cursor.execute(
            "SELECT t.word FROM search_term_trgm g JOIN search_term t ON t.id = g.rowid "
            "WHERE search_term_trgm MATCH %s ORDER BY g.rank LIMIT 500",
            [" OR ".join(f'"{g}"' for g in grams)],
        )
        candidates: list[str] = [row[0] for row in cursor.fetchall()]
    scored = [(text.similarity(word, c), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s >= SIMILARITY_THRESHOLD]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    return min(c for s, c in scored if s == best)


# --- SQLite: the FTS5 rows (deletes follow by trigger, migration 0002) ---------------------------------


def fts_insert(rows: Iterable[tuple[int, str, str, str]]) -> None:
    """(document id, title, body, language) -> stemmed rows in ``search_fts`` (SQLite only)."""
    if is_postgres():
        return
    values = [(pk, text.index_text(title, lang), text.index_text(body, lang)) for pk, title, body, lang in rows]
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO search_fts(rowid, title, body) VALUES (%s, %s, %s)", values)
