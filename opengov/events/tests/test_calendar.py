"""The day-by-day calendar: seven days, each with its count and first events in order, the rest one link away."""

from __future__ import annotations

import datetime

from django.urls import reverse

from opengov.events.views.public import PER_DAY
from opengov.factories import EventFactory


def test_days_counts_and_first_events(client, edition):
    day = datetime.datetime(2031, 5, 19, 8, tzinfo=datetime.UTC)
    for i in range(PER_DAY + 3):
        EventFactory(
            edition=edition,
            title=f"Busy {i:02d}",
            starts_at=day + datetime.timedelta(minutes=i),
            ends_at=day + datetime.timedelta(hours=2),
        )
    EventFactory(
        edition=edition,
        title="Next day",
        starts_at=day + datetime.timedelta(days=1),
        ends_at=day + datetime.timedelta(days=1, hours=1),
    )
    EventFactory(
        edition=edition,
        title="Out of the window",
        starts_at=day + datetime.timedelta(days=9),
        ends_at=day + datetime.timedelta(days=9, hours=1),
    )
    page = client.get(reverse("events:calendar") + "?start=2031-05-19")
    days = page.context["days"]
    assert [d["date"] for d in days][:2] == [datetime.date(2031, 5, 19), datetime.date(2031, 5, 20)]
    assert days[0]["count"] == PER_DAY + 3
    assert [e.title for e in days[0]["events"]] == [f"Busy {i:02d}" for i in range(PER_DAY)]
    assert [e.title for e in days[1]["events"]] == ["Next day"]
    assert sum(d["count"] for d in days) == PER_DAY + 4
    html = page.content.decode()
    assert "from=2031-05-19&amp;to=2031-05-19" in html or "from=2031-05-19&to=2031-05-19" in html
