"""Running a search: parse the words and "exact phrases", correct misspellings, match, rank, count facets, page.

A fixed number of queries whatever the index size: the vocabulary check (one), a correction per unknown
word, the facet counts (one query over the matches), the page of ranked ids (one) and its documents (one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

from django.apps import apps
from django.db import connection
from django.utils.safestring import mark_safe

from opengov.core import searchables as registry

from . import backends, text
from .backends import Clause
from .models import SearchDocument, Term

PAGE_SIZE = 20
MAX_PAGE = 50  # deeper pages are not useful and get slow: refine the query instead
MAX_QUERY_LENGTH = 200
FACETS = ("kind", "member", "region", "area", "year")
_PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    member: int | None = None
    region: str = ""
    area: int | None = None
    year: int | None = None

    def sql(self) -> tuple[str, list[Any]]:
        conditions, params = [], []
        for column, value in (("kind", self.kind), ("member_id", self.member), ("region", self.region)):
            if value:
                conditions.append(f"d.{column} = %s")
                params.append(value)
        if self.year:
            conditions.append("d.year = %s")
            params.append(self.year)
        if self.area:
            conditions.append(
                "EXISTS (SELECT 1 FROM search_documentarea a WHERE a.document_id = d.id AND a.area_id = %s)"
            )
            params.append(self.area)
        return "".join(f" AND {c}" for c in conditions), params


@dataclass
class Parsed:
    clauses: list[Clause]
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def stems(self) -> set[str]:
        return {text.stem(word, lang) for clause in self.clauses for word in clause.words for lang in text.LANGUAGES}


def parse(query: str) -> Parsed:
    """Clauses from the query text: each quoted part is a phrase, every other word a clause of its own.

    Stop words (of any of the three languages) are dropped; in a phrase they still count as a position.
    """
    query = query[:MAX_QUERY_LENGTH]
    clauses: list[Clause] = []
    for phrase in _PHRASE.findall(query):
        kept: list[str] = []
        gaps: list[int] = []
        gap = 0
        for word in text.words(phrase):
            gap += 1
            if text.is_query_stopword(word):
                continue
            if kept:
                gaps.append(gap)
            kept.append(word)
            gap = 0
        if kept:
            clauses.append(Clause(tuple(kept), tuple(gaps)))
    for word in text.words(_PHRASE.sub(" ", query).replace('"', " ")):
        if not text.is_query_stopword(word) and Clause((word,)) not in clauses:
            clauses.append(Clause((word,)))
    return Parsed(clauses)


def correct(parsed: Parsed) -> Parsed:
    """Replace single words the index has never seen by the closest word it has (misspellings)."""
    candidates = {c.words[0] for c in parsed.clauses if not c.is_phrase and len(c.words[0]) >= text.MIN_FUZZY_LENGTH}
    candidates = {w for w in candidates if not w.isdigit()}
    if not candidates:
        return parsed
    known = set(Term.objects.filter(word__in=candidates).values_list("word", flat=True))
    corrections = {}
    for word in sorted(candidates - known):
        better = backends.correct(word)
        if better:
            corrections[word] = better
    if not corrections:
        return parsed
    clauses = [Clause((corrections.get(c.words[0], c.words[0]),)) if not c.is_phrase else c for c in parsed.clauses]
    return Parsed(clauses, corrections)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class Hit:
    document: SearchDocument
    title: str  # HTML, escaped, matches in <mark>
    excerpt: str  # HTML, escaped, matches in <mark>
    kind_label: str


@dataclass
class Results:
    query: str
    parsed: Parsed
    filters: Filters
    page: int
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, (self.total + PAGE_SIZE - 1) // PAGE_SIZE)

    @property
    def first(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def search(query: str, filters: Filters | None = None, page: int = 1, *, facets: bool = True) -> Results:
    filters = filters or Filters()
    page = max(1, min(page, MAX_PAGE))
    parsed = parse(query)
    results = Results(query=query, parsed=parsed, filters=filters, page=page)
    if not parsed.clauses:
        return results
    parsed = results.parsed = correct(parsed)
    found = backends.match(parsed.clauses)
    extra, extra_params = filters.sql()
    base = f"FROM search_searchdocument d {found.join} WHERE {found.where}{extra}"
    params = [*found.params, *extra_params]
    with connection.cursor() as cursor:
        if facets:
            results.facets, results.total, ids = _facets_and_page(cursor, base, found.rank, params, page)
        else:
            cursor.execute(
                f"SELECT d.id, {found.rank} AS score {base} ORDER BY score DESC, d.id LIMIT %s OFFSET %s",  # noqa: S608
                [*params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
            )
            ids = [row[0] for row in cursor.fetchall()]
            results.total = len(ids)
    documents = SearchDocument.objects.in_bulk(ids)
    stems = parsed.stems
    for pk in ids:
        doc = documents[pk]
        searchable = registry.get(doc.kind)
        results.hits.append(
            Hit(
                document=doc,
                # highlight() escapes the text itself; only its <mark> tags are HTML.
                title=mark_safe(text.highlight(doc.title, stems)),  # noqa: S308
                excerpt=mark_safe(text.highlight(doc.body, stems, limit=300)),  # noqa: S308
                kind_label=str(searchable.label) if searchable else doc.kind,
            )
        )
    return results


def _facets_and_page(
    cursor: Any, base: str, rank: str, params: list[Any], page: int
) -> tuple[dict[str, list[FacetValue]], int, list[int]]:
    """Every facet's counts over the matching documents and the page of ranked ids, in one query: the
    matches are found (and ranked) once."""
    # ``base`` and ``rank`` are fixed SQL fragments; every value travels in ``params``.
    cursor.execute(
        f"""WITH m AS MATERIALIZED (SELECT d.id, d.kind, d.member_id, d.member_name, d.region, d.year, {rank} AS score
            {base})
        SELECT 'kind', kind, '', COUNT(*) FROM m GROUP BY kind
        UNION ALL SELECT 'member', CAST(member_id AS TEXT), MAX(member_name), COUNT(*) FROM m
            WHERE member_id IS NOT NULL GROUP BY member_id
        UNION ALL SELECT 'region', region, '', COUNT(*) FROM m WHERE region <> '' GROUP BY region
        UNION ALL SELECT 'year', CAST(year AS TEXT), '', COUNT(*) FROM m WHERE year IS NOT NULL GROUP BY year
        UNION ALL SELECT 'area', CAST(a.area_id AS TEXT), '', COUNT(*) FROM m
            JOIN search_documentarea a ON a.document_id = m.id GROUP BY a.area_id
        UNION ALL SELECT * FROM (SELECT 'hit', CAST(id AS TEXT), '', score FROM m
            ORDER BY score DESC, id LIMIT %s OFFSET %s) AS page""",  # noqa: S608
        [*params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
    )
    rows = cursor.fetchall()
    # UNION ALL does not promise to keep the page's order: sort by score again (the last column holds it).
    hits = sorted(((-float(score), int(value)) for name, value, _, score in rows if name == "hit"))
    ids = [pk for _, pk in hits]
    rows = [(name, value, label, int(count)) for name, value, label, count in rows if name != "hit"]

    facets: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    # A TextChoices field: flat (value, label) pairs, never grouped or None.
    region_choices = apps.get_model("members", "Member")._meta.get_field("region").choices
    region_labels = dict(cast("list[tuple[str, Any]]", region_choices))
    area_ids = [int(value) for name, value, _, _ in rows if name == "area"]
    area_labels = {a.pk: a.name for a in apps.get_model("plans", "PolicyArea").objects.filter(pk__in=area_ids)}
    for name, value, label, count in rows:
        if name == "kind":
            searchable = registry.get(value)
            label = str(searchable.label) if searchable else value
        elif name == "region":
            label = str(region_labels.get(value, value))
        elif name == "area":
            label = area_labels.get(int(value), value)
        elif name == "year":
            label = value
        facets[name].append(FacetValue(str(value), str(label), count))
    total = sum(v.count for v in facets["kind"])
    for name, values in facets.items():
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
    facets["member"] = facets["member"][:25]
    return facets, total, ids
