"""Statistics: the numbers match a count by hand; every chart has its table and CSV; the leaderboard ranks
countries; per edition and across editions."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from opengov.events.choices import State
from opengov.factories import EditionFactory, EventFactory


def test_numbers_by_hand(client, edition):
    other = EditionFactory(year=2032)
    EventFactory.create_batch(3, edition=edition, country="IT", topics="|civic_space|anti_corruption|")
    EventFactory(
        edition=edition,
        country="ES",
        organiser_name="Madrid Lab",
        format="online",
        city="",
        latitude=None,
        longitude=None,
        online_url="https://x.example.org",
        topics="|civic_space|",
    )
    EventFactory(edition=other, country="KE", region="africa_middle_east")
    EventFactory(edition=edition, country="FR", state=State.SUBMITTED)  # not counted
    page = client.get(reverse("events:statistics") + f"?edition={edition.year}")
    assert page.context["totals"] == {"events": 4, "countries": 2, "organisers": 2}
    assert [(r["code"], r["events"]) for r in page.context["leaderboard"]] == [("IT", 3), ("ES", 1)]
    charts = {c.chart_id: c for c in page.context["charts"]}
    topics = {label: rows[0].value for label, rows in charts["events-topic"].table_rows()}
    assert topics == {"Civic Space": 4, "Anti-Corruption": 3}
    html = page.content.decode()
    assert "<svg" in html and "<table" in html
    everything = client.get(reverse("events:statistics"))
    assert everything.context["totals"]["events"] == 5
    editions = {
        label: rows[0].value
        for label, rows in {c.chart_id: c for c in everything.context["charts"]}["events-edition"].table_rows()
    }
    assert editions == {str(edition.year): 4, "2032": 1}
    body = client.get(reverse("events:statistics-csv", args=["format"]) + f"?edition={edition.year}").content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Format" and ["In person", "3"] in rows and ["Online", "1"] in rows
    board = list(
        csv.reader(io.StringIO(client.get(reverse("events:statistics-csv", args=["leaderboard"])).content.decode()))
    )
    assert board[1][:4] == ["1", "IT", "Italy", "3"]
