"""Approved events as an open dataset (CSV, JSON, XLSX and in the ZIP with its datapackage.json), registered with
the open data app (opendata.exporters.entities.register) so it sits beside members, plans and commitments.
Never the private contact e-mail. The CSV and XLSX writers make formula-like text inert (core.formula_injection)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opengov.opendata.exporters.entities import Column, Dataset, computed, field

from .models import Event


def _text(path: str, name: str = "") -> Column:
    column = field(Event, path, name)

    def get(event: Any) -> Any:
        return column.get(event) or ""

    return Column(column.name, get, column.type, column.meaning)


def dataset() -> Dataset:
    return Dataset(
        "events",
        _("Open Gov Week events"),
        _("Approved Open Gov Week events of every edition: when, where, who, topics and format."),
        Event,
        lambda: Event.objects.public().select_related("edition", "member").order_by("starts_at", "pk"),
        (
            computed(
                "id", lambda e: e.pk, "integer", "The event's number on the platform (its page is /events/<id>/)."
            ),
            computed("uid", lambda e: str(e.uid), "text", "Stable identifier, also the iCal UID."),
            field(Event, "edition__year", "edition"),
            _text("title"),
            _text("organiser_name"),
            field(Event, "organiser_type"),
            field(Event, "country", get=lambda e: str(e.country)),
            field(Event, "region"),
            field(Event, "member__ogp_code", "member_ogp_code"),
            _text("city"),
            field(Event, "latitude"),
            field(Event, "longitude"),
            field(Event, "format"),
            field(Event, "starts_at"),
            field(Event, "ends_at"),
            field(Event, "timezone"),
            computed("languages", lambda e: "; ".join(e.language_list), "text", "Language codes, separated by '; '."),
            computed(
                "topics", lambda e: "; ".join(e.topic_list), "text", "Open Gov Week topic codes, separated by '; '."
            ),
            field(Event, "event_type"),
            field(Event, "online_url"),
            field(Event, "registration_url"),
            field(Event, "approved_at"),
            computed("url", _url, "URL", "The event's page."),
        ),
        (Event,),
    )


def _url(event: Any) -> str:
    return str(settings.SITE_URL).rstrip("/") + str(event.get_absolute_url())


def datasets() -> tuple[Dataset, ...]:
    """What this app registers with the open data app."""
    return (dataset(),)
