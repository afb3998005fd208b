"""Calendar feeds (RFC 5545, ``icalendar``): one VEVENT per event with a stable UID (the event's UUID, so a
subscriber's calendar updates the entry instead of adding a second one), start and end in UTC (STACK.md: every
client converts them to the reader's zone; the organiser's own clock and zone are written in the description), the
event page as URL (Decidim #11994) and the place or the online link as LOCATION."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event

PRODID = "-//Open Government Partnership//Open Gov Week events//EN"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def calendar(events: Iterable[Event], name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT6H")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for event in events:
        cal.add_component(vevent(event, stamp))
    return cal


def vevent(event: Event, stamp: datetime) -> VEvent:
    entry = VEvent()
    entry.add("uid", f"{event.uid}@opengovweek")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    url = absolute(event.get_absolute_url())
    entry.add("url", url)
    local = event.local_start.strftime("%Y-%m-%d %H:%M")
    entry.add("description", f"{event.organiser_name}\n{local} ({event.timezone})\n\n{url}")
    location = event.place or ""
    if event.is_online and event.online_url:
        location = f"{location} · {event.online_url}" if location else event.online_url
    if location:
        entry.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        entry.add("geo", (event.latitude, event.longitude))
    entry.add("categories", event.topic_labels or ["Open Gov Week"])
    entry.add("last-modified", event.updated_at.astimezone(UTC).replace(microsecond=0))
    return entry
