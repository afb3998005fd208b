"""Reads of the stories pages: the filtered list, the featured lead, the yearly figures, the filter choices.

Each is a fixed number of queries whatever the number of stories; the figures and filter choices are cached
under a fingerprint of the stories table (a new or changed story gives a new key).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django_countries import countries

from opengov.members.models import Region

from .lifecycle import PUBLIC, Status
from .models import Format, Language, Story, StoryQuerySet

CACHE_SECONDS = 3600
FEATURED_LEAD = 3


@dataclass(frozen=True)
class StoryFilters:
    region: str = ""
    country: str = ""
    topic: str = ""  # policy-area slug (a group includes its areas)
    format: str = ""
    language: str = ""
    year: int | None = None
    q: str = ""

    def apply(self, qs: StoryQuerySet) -> StoryQuerySet:
        if self.region:
            qs = qs.filter(region=self.region)
        if self.country:
            qs = qs.filter(country=self.country)
        if self.topic:
            qs = qs.filter(
                pk__in=Story.topics.through.objects.filter(
                    Q(policyarea__slug=self.topic) | Q(policyarea__parent__slug=self.topic)
                ).values("story_id")
            )
        if self.format:
            qs = qs.filter(format=self.format)
        if self.language:
            qs = qs.filter(language=self.language)
        if self.year is not None:
            start = datetime.datetime(self.year, 1, 1, tzinfo=datetime.UTC)
            qs = qs.filter(published_at__gte=start, published_at__lt=start.replace(year=self.year + 1))
        if self.q:
            qs = qs.search(self.q)
        return qs

    @property
    def any(self) -> bool:
        return any((self.region, self.country, self.topic, self.format, self.language, self.year, self.q))


def filters_from(params: Mapping[str, Any]) -> StoryFilters:
    """Filters from a query string; unknown values are ignored rather than failing the page."""

    def pick(name: str, allowed: set[str]) -> str:
        value = str(params.get(name, "") or "")
        return value if value in allowed else ""

    year_text = str(params.get("year", "") or "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    return StoryFilters(
        region=pick("region", set(Region.values)),
        country=pick("country", {code for code, _ in countries}),
        topic=str(params.get("topic", "") or "")[:100],
        format=pick("format", set(Format.values)),
        language=pick("language", set(Language.values)),
        year=year,
        q=str(params.get("q", "") or "").strip()[:200],
    )


def listing(filters: StoryFilters) -> QuerySet[Story]:
    """Public stories, newest first. Translations are reached from their original, so the list holds originals."""
    qs = Story.objects.public().filter(translation_of__isnull=True).for_list()
    return filters.apply(qs).order_by("-published_at", "-pk")


class CountedPaginator(Paginator[Story]):
    """A paginator whose total comes from the cache while the stories have not changed (the fingerprint is in
    the key), so a page of a large list is an index scan and nothing else."""

    def __init__(self, object_list: QuerySet[Story], per_page: int, key: str):
        super().__init__(object_list, per_page)
        self._key = key
        self._stories = object_list  # object_list itself, typed: the stubs know it only as something to paginate

    @cached_property
    def count(self) -> int:
        total = cache.get(self._key)
        if total is None:
            total = self._stories.count()
            cache.set(self._key, total, CACHE_SECONDS)
        return int(total)


def paginate(filters: StoryFilters, per_page: int, page: Any, version: str) -> Any:
    key = "stories:count:" + hashlib.sha256(f"{version}|{filters}".encode()).hexdigest()
    return CountedPaginator(listing(filters), per_page, key).get_page(page)


def featured(limit: int = FEATURED_LEAD) -> list[Story]:
    return list(
        Story.objects.filter(status=Status.FEATURED, translation_of__isnull=True)
        .for_list()
        .order_by("-featured_at", "-pk")[:limit]
    )


def attach_reader_language(stories: list[Story], language: str) -> None:
    """Give each story ``shown``: its translation in the reader's language when there is a public one (one query)."""
    ids = [s.pk for s in stories if s.language != language]
    found = {}
    if ids:
        for t in (
            Story.objects.public()
            .filter(translation_of_id__in=ids, language=language)
            .only("pk", "title", "summary", "language", "translation_of_id")
        ):
            found[t.translation_of_id] = t
    for story in stories:
        story.shown = found.get(story.pk, story)  # type: ignore[attr-defined]  # for the template


def fingerprint() -> str:
    """Moves whenever a story is created or changed (history rows are written by every action)."""
    row = Story.history.aggregate(last=Max("history_date"), n=Max("history_id"))
    return hashlib.sha256(f"{row['last']}|{row['n']}".encode()).hexdigest()[:16]


@dataclass
class YearFigures:
    year: int
    submitted: int
    published: int
    featured: int

    @property
    def published_share(self) -> int | None:
        return round(100 * self.published / self.submitted) if self.submitted else None


def _by_year(qs: QuerySet[Story], field: str) -> dict[int, int]:
    rows = qs.annotate(y=ExtractYear(field)).values("y").annotate(n=Count("pk")).order_by()
    return {row["y"]: row["n"] for row in rows if row["y"] is not None}


def compute_figures() -> list[YearFigures]:
    """Per year: stories submitted (first sent), published (still online, by year of publication) and featured
    (still featured, by year first featured). Translations count as stories of their own. Three queries."""
    submitted = _by_year(Story.objects.all(), "created_at")
    published = _by_year(Story.objects.filter(status__in=sorted(PUBLIC)), "published_at")
    featured_ = _by_year(Story.objects.filter(status=Status.FEATURED), "featured_at")
    years = sorted(set(submitted) | set(published) | set(featured_), reverse=True)
    return [YearFigures(y, submitted.get(y, 0), published.get(y, 0), featured_.get(y, 0)) for y in years]


def figures(version: str | None = None) -> list[YearFigures]:
    key = f"stories:figures:{version or fingerprint()}"
    result: list[YearFigures] | None = cache.get(key)  # the cache is untyped: it holds what is set below
    if result is None:
        result = compute_figures()
        cache.set(key, result, CACHE_SECONDS)
    return result


def filter_choices(version: str | None = None) -> dict[str, Any]:
    """Countries and years that have public stories (cached with the figures)."""
    key = f"stories:choices:{version or fingerprint()}"
    result = cache.get(key)
    if result is None:
        public = Story.objects.public()
        codes = set(public.exclude(country="").values_list("country", flat=True).distinct().order_by())
        years = sorted(
            {d.year for d in public.dates("published_at", "year")} if public.exists() else set(), reverse=True
        )
        result = {"countries": sorted(codes), "years": years}
        cache.set(key, result, CACHE_SECONDS)
    return {
        "countries": [(code, countries.name(code)) for code in result["countries"]],
        "years": result["years"],
    }
