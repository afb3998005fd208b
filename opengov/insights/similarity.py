"""Peer learning: similar commitments of other members, and the strongest results of a policy area.

Similarity is TF-IDF with cosine, computed in Python (the same on PostgreSQL and SQLite, no extension to
install). It is computed over a candidate pool, not the whole database: commitments of *other* members that
share a policy area with the commitment (its areas and their groups), newest first, at most POOL. The IDF is
taken over that pool, so words common in the area ("transparency", "portal") weigh little and the specific
ones ("beneficial ownership register") decide. Shared policy areas add a small bonus. Results are cached by
commitment and data version (indicators.data_version), so a page view costs the cache lookup.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import models
from django.db.models.functions import Left

from opengov.irm import scales
from opengov.irm.models import Assessment
from opengov.plans.models import Commitment, PolicyArea

from . import indicators

POOL = 400
TEXT_CHARS = 1500
AREA_BONUS = 0.05  # per shared policy area, at most three
MIN_SCORE = 0.08
CACHE_SECONDS = 24 * 3600

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "will",
        "are",
        "was",
        "were",
        "been",
        "into",
        "its",
        "their",
        "other",
        "which",
        "through",
        "more",
        "than",
        "also",
        "all",
        "any",
        "can",
        "has",
        "have",
        "not",
        "our",
        "out",
        "such",
        "these",
        "those",
        "under",
        "who",
        "how",
        "what",
        "when",
        "where",
        "while",
        "within",
        "per",
        "via",
        "les",
        "des",
        "une",
        "pour",
        "par",
        "dans",
        "sur",
        "aux",
        "est",
        "sont",
        "qui",
        "que",
        "avec",
        "plus",
        "ses",
        "leur",
        "los",
        "las",
        "del",
        "para",
        "por",
        "con",
        "una",
        "sus",
        "que",
        "como",
        "entre",
        "más",
        "sobre",
    ]
)


def tokens(text: str) -> list[str]:
    return [w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if w not in STOPWORDS]


def _vector(words: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(words)
    vec = {w: (1 + math.log(n)) * idf.get(w, 0.0) for w, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


@dataclass
class Match:
    commitment: Any
    score: float
    shared_areas: int


def _text(title: str, short_title: str, description: str) -> str:
    # The title counts twice: it is the commitment's own summary of what it does.
    return f"{title} {title} {short_title} {description}"


def similar_to(commitment: Any, limit: int = 5) -> list[Match]:
    key = f"insights:similar:{indicators.data_version()}:{commitment.pk}:{limit}"
    cached = cache.get(key)
    if cached is None:
        cached = _similar(commitment, limit)
        cache.set(key, cached, CACHE_SECONDS)
    by_pk = Commitment.objects.for_public_rows().in_bulk([pk for pk, _s, _a in cached])
    return [Match(by_pk[pk], score, shared) for pk, score, shared in cached if pk in by_pk]


def _similar(commitment: Any, limit: int) -> list[tuple[int, float, int]]:
    """(commitment id, score, shared policy areas), best first."""
    area_ids = list(commitment.policy_areas.values_list("pk", "parent_id"))
    related = {pk for pk, _parent in area_ids} | {parent for _pk, parent in area_ids if parent}
    areas = PolicyArea.objects.filter(models.Q(pk__in=related) | models.Q(parent_id__in=related))
    others = Commitment.objects.exclude(action_plan__member_id=commitment.action_plan.member_id)
    if related:
        tags = Commitment.policy_areas.through.objects.filter(
            commitment_id=models.OuterRef("pk"), policyarea_id__in=list(areas.values_list("pk", flat=True))
        )
        pool = others.filter(models.Exists(tags)).annotate(
            shared=models.Count("policy_areas", filter=models.Q(policy_areas__in=[pk for pk, _p in area_ids]))
        )
    else:
        # No policy area: candidates share one of the title's longest words.
        words = sorted(set(tokens(commitment.title)), key=len, reverse=True)[:3]
        if not words:
            return []
        query = models.Q()
        for word in words:
            query |= models.Q(title__icontains=word)
        pool = others.filter(query).annotate(shared=models.Value(0))
    rows = list(
        pool.annotate(text=Left("description", TEXT_CHARS))
        .order_by("-action_plan__start_year", "ogp_id")
        .values_list("pk", "title", "short_title", "text", "shared")[:POOL]
    )
    if not rows:
        return []
    docs = {pk: tokens(_text(title, short, text or "")) for pk, title, short, text, _s in rows}
    target = tokens(_text(commitment.title, commitment.short_title, commitment.description[:TEXT_CHARS]))
    df: Counter[str] = Counter()
    for words in [*docs.values(), target]:
        df.update(set(words))
    n = len(docs) + 1
    idf = {w: math.log((n + 1) / (d + 1)) + 1 for w, d in df.items()}
    target_vec = _vector(target, idf)
    scored = []
    for pk, *_texts, shared in rows:
        score = cosine(target_vec, _vector(docs[pk], idf)) + AREA_BONUS * min(shared or 0, 3)
        if score >= MIN_SCORE:
            scored.append((pk, round(score, 3), shared or 0))
    scored.sort(key=lambda m: (-m[1], m[0]))
    return scored[:limit]


# --- Strongest results ---------------------------------------------------------------------------------------------

_RANK = models.Case(
    models.When(diog_overall=scales.DiogOverall.OUTSTANDING, then=4),
    models.When(early_results=scales.EarlyResults.OUTSTANDING, then=4),
    models.When(diog_overall=scales.DiogOverall.MAJOR, then=3),
    models.When(early_results=scales.EarlyResults.SIGNIFICANT, then=3),
    default=0,
    output_field=models.IntegerField(),
)


@dataclass
class Example:
    commitment: Any
    rank: int

    @property
    def label(self) -> str:
        from django.utils.translation import gettext as _

        return _("Outstanding results") if self.rank == 4 else _("Major or significant results")


def strongest_in_area(area: Any, limit: int = 5) -> list[Example]:
    """Commitments of the area (and its sub-areas) with strong results (indicators' "strong-results" levels),
    strongest first: two queries."""
    tags = Commitment.policy_areas.through.objects.filter(
        models.Q(policyarea_id=area.pk) | models.Q(policyarea__parent_id=area.pk),
        commitment_id=models.OuterRef("commitment_id"),
    )
    ranked = (
        Assessment.objects.published()
        .filter(models.Exists(tags))
        .filter(indicators.RESULTS_NUM)
        .values("commitment_id")
        .annotate(rank=models.Max(_RANK))
        .order_by("-rank", "commitment_id")[:limit]
    )
    ranks = {row["commitment_id"]: row["rank"] for row in ranked}
    commitments = Commitment.objects.for_public_rows().in_bulk(list(ranks))
    return [Example(commitments[pk], rank) for pk, rank in ranks.items() if pk in commitments]
