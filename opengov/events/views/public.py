"""Public pages: the list with filters, the day-by-day calendar, editions, an event's page.

Every page works without JavaScript; lists run a fixed number of queries whatever the number of events
(rows come with their edition and member in one joined query, one page at a time).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from opengov.plans.models import ActionPlan, Commitment

from .. import filters
from ..caching import versioned
from ..choices import State
from ..feeds import feed_links
from ..models import Edition, Event

PER_PAGE = 30
CALENDAR_DAYS = 7
PER_DAY = 10  # events listed under a day; the rest are one link away (the list of that day)


def _filtered(request: HttpRequest) -> tuple[filters.EventFilterForm, dict[str, Any], list[Edition]]:
    editions = list(Edition.objects.all())
    form = filters.EventFilterForm(request.GET, editions=editions)
    return form, form.values(), editions


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose total comes from the cache (caching.versioned): counting 150,000 rows on every page view
    costs more than the page itself."""

    def __init__(self, object_list: Any, per_page: int, key: str) -> None:
        super().__init__(object_list, per_page)
        self.key = key

    @cached_property
    def count(self) -> int:
        queryset = cast(QuerySet[Event], self.object_list)
        return versioned(f"count:{self.key}", queryset.count)


def event_list(request: HttpRequest) -> HttpResponse:
    form, values, editions = _filtered(request)
    events = filters.apply(Event.objects.public().for_list(), values)
    query = filters.canonical_query(values)
    page = CountedPaginator(events.order_by("starts_at", "pk"), PER_PAGE, query).get_page(request.GET.get("page"))
    context = {
        "nav": "events",
        "form": form,
        "page": page,
        "query": query,
        "described": filters.describe(values),
        "feeds": feed_links(request, values),
        "editions": editions,
    }
    return render(request, "events/list.html", context)


def _calendar_start(values: dict[str, Any], editions: list[Edition], request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        pass
    if values.get("from"):
        return cast(datetime.date, values["from"])
    chosen = next((e for e in editions if e.year == values.get("edition")), None) or (editions[0] if editions else None)
    return chosen.starts_on if chosen else timezone.localdate()


def calendar(request: HttpRequest) -> HttpResponse:
    """Seven days at a time, each day with its number of events and the first PER_DAY of them (by start, in UTC
    days; times shown in each event's zone); a busy day links to the list of that day. The day counts and the ids
    of each day's first events come from the cache (computed in two queries: a GROUP BY and a window function);
    one more query reads those rows."""
    form, values, editions = _filtered(request)
    start = _calendar_start(values, editions, request)
    end = start + datetime.timedelta(days=CALENDAR_DAYS)
    window = {**values, "from": None, "to": None}
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=datetime.UTC)
    finish = datetime.datetime.combine(end, datetime.time.min, tzinfo=datetime.UTC)
    layout = versioned(
        f"calendar:{filters.canonical_query(window)}:{start.isoformat()}",
        lambda: _calendar_layout(window, begin, finish),
    )
    rows = Event.objects.for_list().in_bulk([pk for pks in layout["ids"].values() for pk in pks])
    by_day = {day: [rows[pk] for pk in pks if pk in rows] for day, pks in layout["ids"].items()}
    counts = layout["counts"]
    query = filters.canonical_query(window)
    days = []
    for i in range(CALENDAR_DAYS):
        date = start + datetime.timedelta(days=i)
        day_query = filters.canonical_query({**window, "from": date, "to": date})
        days.append({"date": date, "events": by_day.get(date, []), "count": counts.get(date, 0), "query": day_query})
    context = {
        "nav": "events",
        "form": form,
        "days": days,
        "start": start,
        "previous": start - datetime.timedelta(days=CALENDAR_DAYS),
        "next": end,
        "per_day": PER_DAY,
        "query": query,
        "described": filters.describe(values),
        "feeds": feed_links(request, values),
    }
    return render(request, "events/calendar.html", context)


def _calendar_layout(window: dict[str, Any], begin: datetime.datetime, finish: datetime.datetime) -> dict[str, Any]:
    """{"counts": {day: n}, "ids": {day: [first PER_DAY event ids]}} for the days from ``begin`` to ``finish``."""
    in_window = filters.apply(Event.objects.public(), window).filter(starts_at__gte=begin, starts_at__lt=finish)
    day = TruncDate("starts_at", tzinfo=datetime.UTC)
    counts = {row["day"]: row["n"] for row in in_window.annotate(day=day).values("day").annotate(n=Count("pk"))}
    firsts = (
        in_window.annotate(day=day, rank=Window(RowNumber(), partition_by=[day], order_by=[F("starts_at"), F("pk")]))
        .filter(rank__lte=PER_DAY)
        .order_by("starts_at", "pk")
        .values_list("day", "pk")
    )
    ids: dict[datetime.date, list[int]] = defaultdict(list)
    for date, pk in firsts:
        ids[date].append(pk)
    return {"counts": counts, "ids": dict(ids)}


def edition(request: HttpRequest, year: int) -> HttpResponse:
    edition = get_object_or_404(Edition, year=year)
    public = Event.objects.public().filter(edition=edition)
    context = {
        "nav": "events",
        "edition": edition,
        "count": public.count(),
        "countries": public.values("country").distinct().count(),
        "upcoming": list(public.for_list().filter(ends_at__gte=timezone.now()).order_by("starts_at")[:10]),
        "can_submit": request.user.has_perm("events.submit_event", edition),
        "can_edit": request.user.has_perm("events.change_edition", edition),
    }
    return render(request, "events/edition.html", context)


def editions(request: HttpRequest) -> HttpResponse:
    latest = Edition.objects.first()
    return redirect(latest) if latest is not None else redirect("events:list")


def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    event = get_object_or_404(
        Event.objects.select_related("edition", "member", "submitted_by", "merged_into").prefetch_related(
            Prefetch("action_plans", queryset=ActionPlan.objects.select_related("member")),
            Prefetch("commitments", queryset=Commitment.objects.select_related("action_plan")),
        ),
        pk=pk,
    )
    if (
        event.state == State.MERGED
        and event.merged_into is not None
        and not request.user.has_perm("events.moderate_event", event)
    ):
        return redirect(event.merged_into)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    if slug != event.slug:
        return redirect(event)
    others = list(
        Event.objects.public()
        .for_list()
        .filter(organiser_name=event.organiser_name)
        .exclude(pk=event.pk)
        .order_by("-starts_at")[:10]
    )
    can_moderate = request.user.has_perm("events.moderate_event", event)
    context: dict[str, Any] = {
        "nav": "events",
        "event": event,
        "others": others,
        "can_edit": request.user.has_perm("events.change_event", event),
        "can_moderate": can_moderate,
        "can_see_contact": request.user.has_perm("events.view_contact", event),
        "decisions": list(event.decisions.select_related("decided_by", "other_event"))
        if request.user.has_perm("events.view_contact", event)
        else [],
    }
    if can_moderate:
        from ..duplicates import likely_duplicates
        from ..forms import ModerationForm

        context["moderation_form"] = ModerationForm()
        context["duplicates"] = likely_duplicates([event]).get(event.pk, [])
    return render(request, "events/detail.html", context)


def my_events(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    events = Event.objects.for_list().filter(submitted_by=request.user).order_by("-starts_at")
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/mine.html", {"nav": "events", "page": page})


def forbid(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))
