"""The public filters (list, calendar, map, feeds and API share them): parsed by one form, applied by one function,
and written back as a canonical query string, which is what a short feed link (FeedLink) stands for."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from opengov.members.models import Region

from .choices import LANGUAGES, EventType, Format, Topic, contains_code
from .models import Edition, Event
from .widgets import FastSelect

QS = TypeVar("QS", bound="QuerySet[Event]")

# Order of the keys in a canonical query (so equal filters give equal strings and equal feed keys).
KEYS = ("edition", "country", "region", "topic", "type", "format", "language", "from", "to", "now", "q")


def _blank(choices: Any, label: Any) -> list[tuple[str, Any]]:
    return [("", label), *list(choices)]


class EventFilterForm(forms.Form):
    edition = forms.TypedChoiceField(
        label=_("Edition"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=_blank(Region.choices, _("Any region")))
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=_blank(Topic.choices, _("Any topic")))
    type = forms.ChoiceField(label=_("Type of event"), required=False, choices=_blank(EventType.choices, _("Any type")))
    format = forms.ChoiceField(label=_("Format"), required=False, choices=_blank(Format.choices, _("Any format")))
    language = forms.ChoiceField(label=_("Language"), required=False, choices=_blank(LANGUAGES, _("Any language")))
    # "from"/"to" are Python keywords: the form fields are named date_from/date_to, the query keys from/to.
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    now = forms.BooleanField(label=_("Happening now"), required=False)
    q = forms.CharField(label=_("Words in the title or organiser"), required=False, max_length=100)

    def __init__(self, data: Any = None, editions: list[Edition] | None = None, **kwargs: Any) -> None:
        if data is not None:
            data = data.copy()
            for key, name in (("from", "date_from"), ("to", "date_to")):
                if key in data:
                    data[name] = data[key]
        super().__init__(data, **kwargs)
        cast(forms.ChoiceField, self.fields["edition"]).choices = _blank(
            [(e.year, str(e.year)) for e in (editions if editions is not None else Edition.objects.all())],
            _("Every edition"),
        )
        cast(forms.ChoiceField, self.fields["country"]).choices = _blank(list(countries), _("Any country"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the range is before its start."))
        return data

    def values(self) -> dict[str, Any]:
        """The valid filters by query key (an invalid form filters nothing it could not read)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        out = {
            "edition": data.get("edition"),
            "country": data.get("country") or "",
            "region": data.get("region") or "",
            "topic": data.get("topic") or "",
            "type": data.get("type") or "",
            "format": data.get("format") or "",
            "language": data.get("language") or "",
            "from": data.get("date_from"),
            "to": data.get("date_to"),
            "now": bool(data.get("now")),
            "q": (data.get("q") or "").strip(),
        }
        return out


def canonical_query(values: dict[str, Any]) -> str:
    """``edition=2024&country=FR``: set keys only, in KEYS order, dates ISO, booleans as 1."""
    pairs = []
    for key in KEYS:
        value = values.get(key)
        if value in (None, "", False):
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat()
        pairs.append((key, "1" if value is True else str(value)))
    return urlencode(pairs)


def apply(queryset: QS, values: dict[str, Any], now: datetime.datetime | None = None) -> QS:
    q = Q()
    if values.get("edition"):
        q &= Q(edition__year=values["edition"])
    if values.get("country"):
        q &= Q(country=values["country"])
    if values.get("region"):
        q &= Q(region=values["region"])
    if values.get("topic"):
        q &= contains_code("topics", values["topic"])
    if values.get("type"):
        q &= Q(event_type=values["type"])
    if values.get("format"):
        q &= Q(format=values["format"])
    if values.get("language"):
        q &= contains_code("languages", values["language"])
    if values.get("from"):
        start = datetime.datetime.combine(values["from"], datetime.time.min, tzinfo=datetime.UTC)
        q &= Q(ends_at__gte=start - datetime.timedelta(hours=14))  # the earliest zone is UTC+14
    if values.get("to"):
        end = datetime.datetime.combine(
            values["to"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
        )
        q &= Q(starts_at__lt=end + datetime.timedelta(hours=12))  # the latest zone is UTC-12
    if values.get("now"):
        moment = now or timezone.now()
        q &= Q(starts_at__lte=moment, ends_at__gte=moment)
    if values.get("q"):
        q &= Q(title__icontains=values["q"]) | Q(organiser_name__icontains=values["q"])
    return queryset.filter(q)


def describe(values: dict[str, Any]) -> list[str]:
    """The active filters in words (feed titles, "showing" lines)."""
    labels: dict[str, dict[Any, Any]] = {
        "region": dict(Region.choices),
        "topic": dict(Topic.choices),
        "type": dict(EventType.choices),
        "format": dict(Format.choices),
        "language": dict(LANGUAGES),
        "country": dict(countries),
    }
    words = []
    for key in KEYS:
        value = values.get(key)
        if value in (None, "", False):
            continue
        if key in labels:
            words.append(str(labels[key].get(value, value)))
        elif key == "now":
            words.append(str(_("happening now")))
        elif key == "from":
            words.append(str(_("from %(date)s")) % {"date": value})
        elif key == "to":
            words.append(str(_("until %(date)s")) % {"date": value})
        elif key == "q":
            words.append(f"“{value}”")
        else:
            words.append(str(value))
    return words
