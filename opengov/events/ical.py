"""Calendar feeds (RFC 5545, ``icalendar``): one VEVENT per event with a stable UID (the event's UUID, so a
subscriber's calendar updates the entry instead of adding a second one), start and end in UTC (STACK.md: every
client converts them to the reader's zone; the organiser's own clock and zone are written in the description), the
event page as URL (Decidim #11994) and the place or the online link as LOCATION."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

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
    for event in events:
        cal.add_component(vevent(event))
    return cal


def feed_bytes(events: Iterable[Event], name: str) -> bytes:
    """``calendar(events, name).to_ical()``, with each event's VEVENT read from the cache when that event has not
    changed since (one round trip for all of them): a feed of 2,000 events rebuilt after one approval serialises
    one event, not 2,000 (icalendar takes about half a millisecond an event)."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    rows = list(events)
    keys = {f"events:vevent:{e.pk}:{e.updated_at.timestamp()}:{get_language()}": e for e in rows}
    found: dict[str, bytes] = cache.get_many(list(keys))  # the cache is untyped: it holds the to_ical() bytes set here
    missing = {key: vevent(event).to_ical() for key, event in keys.items() if key not in found}
    if missing:
        cache.set_many(missing, 24 * 3600)
    head: bytes = calendar([], name).to_ical()  # icalendar leaves to_ical() unannotated: it returns bytes
    end = b"END:VCALENDAR"
    body = b"".join(found.get(key) or missing[key] for key in keys)
    return head[: head.rindex(end)] + body + head[head.rindex(end) :]


def vevent(event: Event) -> VEvent:
    """One event; DTSTAMP is its last change, so the same event always serialises to the same bytes."""
    entry = VEvent()
    entry.add("uid", f"{event.uid}@opengovweek")
    entry.add("dtstamp", event.updated_at.astimezone(UTC).replace(microsecond=0))
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
