"""Likely duplicates: same country, overlapping time, similar title (DOMAIN.md 5.1: the public listing showed the
same event twice). For a page of submissions the candidates are read in one query and compared in Python."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

from django.db.models import Q

from .choices import State
from .models import Event

SIMILARITY = 0.6
_WORD = re.compile(r"[^\w]+")


def normalise(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return " ".join(_WORD.sub(" ", text).split())


def similarity(a: str, b: str) -> float:
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    words_a, words_b = set(a.split()), set(b.split())
    jaccard = len(words_a & words_b) / len(words_a | words_b)
    return max(jaccard, difflib.SequenceMatcher(None, a, b).ratio())


def likely_duplicates(events: list[Event]) -> dict[int, list[Event]]:
    """event id -> other events (not rejected, not merged) that look like the same event."""
    if not events:
        return {}
    q = Q()
    for event in events:
        q |= Q(country=event.country, starts_at__lt=event.ends_at, ends_at__gt=event.starts_at)
    candidates = list(
        Event.objects.filter(q)
        .exclude(state__in=[State.REJECTED, State.MERGED])
        .only("pk", "slug", "title", "country", "starts_at", "ends_at", "state", "organiser_name", "city")
        .order_by("starts_at")[:2000]
    )
    by_country: dict[str, list[Event]] = defaultdict(list)
    for candidate in candidates:
        by_country[str(candidate.country)].append(candidate)
    found: dict[int, list[Event]] = {}
    for event in events:
        found[event.pk] = [
            other
            for other in by_country[str(event.country)]
            if other.pk != event.pk
            and other.starts_at < event.ends_at
            and other.ends_at > event.starts_at
            and similarity(other.title, event.title) >= SIMILARITY
        ]
    return found
