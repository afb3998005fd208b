"""Feeds: iCal for any filtered list under a short stable link, one event's .ics, and an Atom feed of newly
approved events.

A filtered list's feed lives at ``/events/feeds/<key>.ics`` where ``key`` is a hash of the canonical query
(filters.canonical_query): short whatever the filters, the same for the same filters, and stored once (FeedLink)
so the link can be read back. It is offered as https:// and as webcal:// (calendar apps subscribe to the latter).
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from . import filters, ical
from .caching import versioned
from .models import Event, FeedLink

FEED_LIMIT = 5000  # the most a calendar feed carries (the next events first)
ATOM_LIMIT = 50


def feed_key(query: str) -> str:
    digest = hashlib.sha256(query.encode()).digest()
    return base64.b32encode(digest).decode()[:10].lower()


def link_for(query: str) -> FeedLink:
    link, _created = FeedLink.objects.get_or_create(key=feed_key(query), defaults={"query": query})
    return link


def feed_links(request: HttpRequest, values: dict[str, Any]) -> dict[str, str]:
    """Where the list's "subscribe" link goes (the subscribe page makes the short link on demand)."""
    query = filters.canonical_query(values)
    return {"subscribe": reverse("events:subscribe") + (f"?{query}" if query else "")}


def urls_of(request: HttpRequest, link: FeedLink) -> dict[str, str]:
    https = request.build_absolute_uri(reverse("events:ical", kwargs={"key": link.key}))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def values_of(query: str) -> dict[str, Any]:
    return filters.EventFilterForm(QueryDict(query)).values()


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def ical_feed(request: HttpRequest, key: str) -> HttpResponse:
    link = get_object_or_404(FeedLink, key=key)
    values = values_of(link.query)
    events = filters.apply(Event.objects.public().select_related("edition"), values).order_by("starts_at", "pk")
    words = filters.describe(values)
    name = "Open Gov Week" + (f": {', '.join(words)}" if words else "")
    # Calendar apps poll the same feeds again and again: the body is kept until an event changes (caching.py).
    body = versioned(f"ical:{key}:{get_language()}", lambda: ical.feed_bytes(events[:FEED_LIMIT], name))
    response = _ics_response(body, f"open-gov-week-{key}.ics")
    response["Cache-Control"] = "public, max-age=900"
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Add to my calendar": one event as an .ics file."""
    event = get_object_or_404(Event.objects.select_related("edition"), pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    body = ical.calendar([event], event.title).to_ical()
    response = _ics_response(body, f"{event.slug or 'event'}.ics")
    response["Content-Disposition"] = f'attachment; filename="{event.slug or "event"}.ics"'
    return response


def subscribe(request: HttpRequest) -> HttpResponse:
    values = filters.EventFilterForm(request.GET).values()
    query = filters.canonical_query(values)
    link = link_for(query)
    context = {
        "nav": "events",
        "urls": urls_of(request, link),
        "described": filters.describe(values),
        "list_url": reverse("events:list") + (f"?{query}" if query else ""),
    }
    return render(request, "events/subscribe.html", context)


class NewlyApproved(Feed):  # type: ignore[type-arg] # generic in django-stubs only, not at runtime
    """Atom feed of the latest approved events (by approval time), with the same filters as the list."""

    feed_type = Atom1Feed
    title = gettext_lazy("Open Gov Week: newly approved events")
    subtitle = gettext_lazy("Events added to the Open Gov Week calendar after review.")

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return filters.EventFilterForm(request.GET).values()

    def link(self, obj: dict[str, Any]) -> str:
        query = filters.canonical_query(obj)
        return reverse("events:list") + (f"?{query}" if query else "")

    def items(self, obj: dict[str, Any]) -> Any:
        return (
            filters.apply(Event.objects.public().select_related("edition"), obj)
            .exclude(approved_at__isnull=True)
            .order_by("-approved_at", "-pk")[:ATOM_LIMIT]
        )

    def item_title(self, item: Event) -> str:
        return item.title

    def item_description(self, item: Event) -> str:
        when = item.local_start.strftime("%Y-%m-%d %H:%M")
        return _("%(organiser)s · %(place)s · %(when)s (%(zone)s)") % {
            "organiser": item.organiser_name,
            "place": item.place or _("Online"),
            "when": when,
            "zone": item.timezone,
        }

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Event) -> str:
        return f"urn:uuid:{item.uid}"

    def item_guid_is_permalink(self, item: Event) -> bool:
        return False

    def item_pubdate(self, item: Event) -> Any:
        return item.approved_at

    def item_updateddate(self, item: Event) -> Any:
        return item.updated_at

    def item_categories(self, item: Event) -> list[str]:
        return item.topic_labels
