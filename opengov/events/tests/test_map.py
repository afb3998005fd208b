"""The map endpoint: clusters and counts for a box and zoom, checked against a brute-force count over the same
events; small answers whatever the number of events; the box across the antimeridian; bad input refused."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from django.urls import reverse

from opengov.events import caching, mapdata
from opengov.events.choices import State
from opengov.factories import EventFactory


@pytest.fixture
def scattered(edition):
    rng = random.Random(7)
    events = [
        EventFactory(
            edition=edition, latitude=round(rng.uniform(-50, 70), 4), longitude=round(rng.uniform(-179, 179), 4)
        )
        for _ in range(120)
    ]
    EventFactory(edition=edition, latitude=10.0, longitude=10.0, state=State.SUBMITTED)  # never on the map
    EventFactory(edition=edition, latitude=None, longitude=None)  # no position
    return events


def brute_force(events, box, zoom):
    cell = mapdata.cell_size(zoom)
    box = box.snapped(cell)

    def inside(e):
        in_lat = box.south <= e.latitude <= box.north
        in_lng = (
            box.west <= e.longitude <= box.east
            if box.west <= box.east
            else (e.longitude >= box.west or e.longitude <= box.east)
        )
        return in_lat and in_lng

    return Counter((math.floor(e.longitude / cell), math.floor(e.latitude / cell)) for e in events if inside(e))


@pytest.mark.parametrize(
    ("bbox", "zoom"),
    [("-180,-85,180,85", 1), ("-180,-85,180,85", 3), ("-20,30,40,60", 4), ("160,-50,-160,10", 3), ("-10,-5,60,70", 6)],
)
def test_clusters_match_a_brute_force_count(client, scattered, bbox, zoom):
    answer = client.get(reverse("events:clusters"), {"bbox": bbox, "zoom": zoom}).json()
    expected = brute_force(scattered, mapdata.Box.parse(bbox), zoom)
    assert answer["total"] == sum(expected.values())
    assert sorted(c[2] for c in answer["clusters"]) == sorted(n for n in expected.values() if n > 1)
    assert len(answer["events"]) == sum(1 for n in expected.values() if n == 1)
    for single in answer["events"]:
        assert single["url"].startswith("/events/")


def test_filters_apply_to_the_map(client, edition):
    EventFactory(edition=edition, country="IT", latitude=41.9, longitude=12.5)
    EventFactory(edition=edition, country="ES", latitude=40.4, longitude=-3.7)
    answer = client.get(reverse("events:clusters"), {"bbox": "-180,-85,180,85", "zoom": 2, "country": "ES"}).json()
    assert answer["total"] == 1 and answer["events"][0]["lat"] == 40.4


def test_changes_show_at_once_despite_the_cache(client, edition):
    params = {"bbox": "-180,-85,180,85", "zoom": 2}
    assert client.get(reverse("events:clusters"), params).json()["total"] == 0
    EventFactory(edition=edition)
    assert client.get(reverse("events:clusters"), params).json()["total"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"bbox": "1,2,3", "zoom": 2},
        {"bbox": "a,b,c,d", "zoom": 2},
        {"bbox": "0,10,10,0", "zoom": 2},
        {"bbox": "0,0,10,10", "zoom": 40},
    ],
)
def test_bad_requests(client, db, params):
    response = client.get(reverse("events:clusters"), params)
    assert response.status_code == 400 and "error" in response.json()


def test_answer_stays_small_with_many_events(client, edition):
    from opengov.events.models import Event

    rng = random.Random(3)
    template = EventFactory(edition=edition)
    Event.objects.bulk_create(
        [
            Event(
                **{
                    **{
                        f.attname: getattr(template, f.attname)
                        for f in Event._meta.concrete_fields
                        if f.attname not in ("id", "uid")
                    },
                    "latitude": rng.uniform(-50, 70),
                    "longitude": rng.uniform(-180, 180),
                }
            )
            for _ in range(3000)
        ]
    )
    caching.bump_version()
    response = client.get(reverse("events:map"))
    assert response.status_code == 200
    first = response.context["first"]
    assert first["total"] == 3001
    assert len(response.content) < 60_000  # the page carries clusters, never 3,000 events
    assert len(first["clusters"]) + len(first["events"]) <= 16 * 4 * 8


def test_world_outlines(client, db):
    response = client.get(reverse("events:world"))
    data = response.json()
    assert data["type"] == "FeatureCollection"
    codes = {f["id"] for f in data["features"]}
    assert {"FR", "BR", "ID", "KE"} <= codes and "AQ" not in codes
    assert len(response.content) < 200_000
