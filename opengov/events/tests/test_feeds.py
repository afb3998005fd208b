"""Calendar feeds parsed back with icalendar: stable UIDs, UTC times that match the event's zone, links to the event
pages, filters kept behind a short stable link (https and webcal), the one-event .ics, the Atom feed."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
import zoneinfo

from django.urls import reverse
from icalendar import Calendar

from opengov.events.choices import State
from opengov.events.feeds import feed_key
from opengov.events.models import FeedLink
from opengov.factories import EventFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def _subscribe(client, query: str) -> dict[str, str]:
    return client.get(reverse("events:subscribe") + "?" + query).context["urls"]


def _parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def test_filtered_feed_keeps_filters_under_a_short_stable_link(client, edition):
    rome = EventFactory(edition=edition, country="IT", topics="|civic_space|", title="Rome forum")
    EventFactory(edition=edition, country="ES", topics="|civic_space|", title="Madrid forum")
    EventFactory(edition=edition, country="IT", topics="|media_freedom|", title="Milan press day")
    EventFactory(edition=edition, country="IT", topics="|civic_space|", state=State.SUBMITTED, title="Not yet")
    query = f"topic=civic_space&country=IT&edition={edition.year}"
    urls = _subscribe(client, query)
    # the same filters in another order give the same link
    assert _subscribe(client, f"country=IT&edition={edition.year}&topic=civic_space&page=3") == urls
    assert FeedLink.objects.count() == 1
    path = urls["https"].split("testserver", 1)[1]
    assert len(path) < 40  # short whatever the filters
    assert urls["webcal"].startswith("webcal://") and urls["webcal"].endswith(path)
    response = client.get(path)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = _parse(response.content)
    entries = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in entries] == ["Rome forum"]
    entry = entries[0]
    assert str(entry["uid"]) == f"{rome.uid}@opengovweek"
    assert str(entry["url"]).endswith(rome.get_absolute_url())
    assert entry.decoded("dtstart") == rome.starts_at
    assert entry.decoded("dtstart").utcoffset() == datetime.timedelta(0)
    assert "Europe/Rome" in str(entry["description"])
    assert "Forum" in str(cal["x-wr-calname"]) or "Italy" in str(cal["x-wr-calname"])


def test_uid_is_stable_across_edits(client, edition):
    event = EventFactory(edition=edition)
    urls = _subscribe(client, "")
    path = urls["https"].split("testserver", 1)[1]
    before = [str(e["uid"]) for e in _parse(client.get(path).content).walk("VEVENT")]
    event.title = "Renamed"
    event.save()
    entries = list(_parse(client.get(path).content).walk("VEVENT"))
    after = [str(e["uid"]) for e in entries]
    assert before == after == [f"{event.uid}@opengovweek"]
    assert str(entries[0]["summary"]) == "Renamed"  # the cached VEVENT of the old version is not served


def test_cached_entries_make_the_same_calendar(edition):
    from opengov.events import ical
    from opengov.events.models import Event

    EventFactory.create_batch(3, edition=edition)
    events = list(Event.objects.all())
    direct = _parse(ical.calendar(events, "x").to_ical())
    for _ in range(2):  # first call fills the cache, the second reads it
        cached = _parse(ical.feed_bytes(events, "x"))
        assert [e.to_ical() for e in cached.walk("VEVENT")] == [e.to_ical() for e in direct.walk("VEVENT")]


def test_time_zone_is_right(client, edition):
    tz = zoneinfo.ZoneInfo("America/Mexico_City")
    local = datetime.datetime(2031, 5, 19, 18, 30, tzinfo=tz)
    event = EventFactory(
        edition=edition,
        country="MX",
        timezone="America/Mexico_City",
        starts_at=local,
        ends_at=local + datetime.timedelta(hours=2),
    )
    cal = _parse(client.get(reverse("events:event-ics", args=[event.pk])).content)
    entry = next(iter(cal.walk("VEVENT")))
    assert entry.decoded("dtstart") == local  # 18:30 in Mexico City is 00:30 UTC the next day
    assert entry.decoded("dtstart").astimezone(datetime.UTC).hour == 0
    page = client.get(event.get_absolute_url()).content.decode()
    assert "19 May 2031, 18:30" in page and "America/Mexico_City" in page


def test_event_ics_is_private_until_approved(client, edition, organiser):
    event = EventFactory(edition=edition, state=State.SUBMITTED, submitted_by=organiser)
    assert client.get(reverse("events:event-ics", args=[event.pk])).status_code == 404
    client.force_login(organiser)
    response = client.get(reverse("events:event-ics", args=[event.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]


def test_unknown_feed_key_is_404(client, db):
    assert client.get(reverse("events:ical", args=[feed_key("nothing")])).status_code == 404


def test_atom_feed_of_newly_approved(client, edition):
    old = EventFactory(edition=edition, title="Older", approved_at=datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC))
    new = EventFactory(edition=edition, title="Newer", approved_at=datetime.datetime(2031, 2, 1, tzinfo=datetime.UTC))
    EventFactory(edition=edition, title="Pending", state=State.SUBMITTED, approved_at=None)
    response = client.get(reverse("events:atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Newer", "Older"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith(new.get_absolute_url())
    assert entries[0].find(f"{ATOM}id").text == f"urn:uuid:{new.uid}"
    assert old.title in response.content.decode()
    filtered = ET.fromstring(client.get(reverse("events:atom") + "?country=ES").content)  # noqa: S314
    assert filtered.findall(f"{ATOM}entry") == []
