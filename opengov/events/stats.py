"""Open Gov Week in numbers, per edition or across editions: events, countries, organisers; breakdowns by region,
country, topic, type, format and edition; the country leaderboard.

Counts are approved events only. A handful of aggregate queries (one per breakdown; topics in one query of
filtered counts), cached under the events' data version (caching.py), so a statistics page after the
first costs one cache read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries

from opengov.insights.charts import Chart, bar_chart
from opengov.insights.indicators import Indicator, Row
from opengov.members.models import Region

from .caching import versioned
from .choices import EventType, Format, OrganiserType, Topic, contains_code
from .models import Event

CACHE_SECONDS = 3600
TOP_COUNTRIES = 25


def _computed_by_events_stats(*args: Any) -> Any:
    raise NotImplementedError("events statistics are computed by opengov.events.stats.compute")


EVENTS = Indicator(
    key="events",
    title=gettext_lazy("Approved events"),
    definition=gettext_lazy("Open Gov Week events approved by the moderators (merged duplicates counted once)."),
    formula=gettext_lazy("Number of approved events"),
    denominator_text="",
    unit="count",
    compute_fn=_computed_by_events_stats,
    dimensions=(),
    source=gettext_lazy("Open Gov Week submissions"),
)


@dataclass
class Breakdown:
    key: str
    category_title: str
    rows: list[tuple[str, str, int]]  # (key, label, count)


def compute(year: int | None) -> dict[str, Any]:
    return versioned(f"stats:{year or 'all'}:{get_language()}", lambda: _compute(year), CACHE_SECONDS)


def _grouped(events: Any, field: str, labels: dict[str, Any]) -> list[tuple[str, str, int]]:
    rows = events.values(field).annotate(n=Count("pk")).order_by("-n", field)
    return [(str(r[field]), str(labels.get(r[field], r[field])), r["n"]) for r in rows]


def _compute(year: int | None) -> dict[str, Any]:
    events = Event.objects.public()
    if year:
        events = events.filter(edition__year=year)
    totals = events.aggregate(
        events=Count("pk"),
        countries=Count("country", distinct=True),
        organisers=Count("organiser_name", distinct=True),
    )
    names = dict(countries)
    topic_counts = events.aggregate(
        **{code: Count("pk", filter=contains_code("topics", code)) for code in Topic.values}
    )
    leaderboard = [
        {
            "code": r["country"],
            "name": str(names.get(r["country"], r["country"])),
            "events": r["n"],
            "organisers": r["organisers"],
            "editions": r["editions"],
        }
        for r in events.values("country")
        .annotate(
            n=Count("pk"), organisers=Count("organiser_name", distinct=True), editions=Count("edition", distinct=True)
        )
        .order_by("-n", "country")
    ]
    breakdowns = [
        Breakdown("region", _("Region"), _grouped(events, "region", dict(Region.choices))),
        Breakdown(
            "country",
            _("Country"),
            [(row["code"], row["name"], row["events"]) for row in leaderboard[:TOP_COUNTRIES]],
        ),
        Breakdown(
            "topic",
            _("Topic"),
            sorted(
                [(code, str(label), topic_counts[code]) for code, label in Topic.choices if topic_counts[code]],
                key=lambda r: -r[2],
            ),
        ),
        Breakdown("type", _("Type of event"), _grouped(events, "event_type", dict(EventType.choices))),
        Breakdown("format", _("Format"), _grouped(events, "format", dict(Format.choices))),
        Breakdown(
            "organiser_type", _("Type of organiser"), _grouped(events, "organiser_type", dict(OrganiserType.choices))
        ),
    ]
    if not year:
        by_edition = events.values("edition__year").annotate(n=Count("pk")).order_by("edition__year")
        breakdowns.insert(
            0,
            Breakdown(
                "edition",
                _("Edition"),
                [(str(r["edition__year"]), str(r["edition__year"]), r["n"]) for r in by_edition],
            ),
        )
    return {"totals": totals, "breakdowns": breakdowns, "leaderboard": leaderboard}


def chart_for(breakdown: Breakdown, year: int | None) -> Chart:
    rows = [Row(key, label, n, n, None) for key, label, n in breakdown.rows]
    title = _("Approved events by %(dimension)s") % {"dimension": breakdown.category_title.lower()}
    chart = bar_chart(EVENTS, rows, f"events-{breakdown.key}", breakdown.category_title, title)
    return chart
