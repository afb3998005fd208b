"""Forms: the event submission (also used row by row by the bulk upload), moderation, merge, editions, uploads."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from opengov.members.models import Member
from opengov.plans.models import ActionPlan, Commitment

from .choices import LANGUAGES, EventType, Format, OrganiserType, Topic, join_codes, split_codes
from .models import Edition, Event
from .widgets import CachedChoiceField


@cache
def time_zones() -> list[str]:
    return sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone or zone == "UTC")


@cache
def _zone_choices() -> tuple[tuple[str, Any], ...]:
    return tuple((zone, zone) for zone in time_zones())


@cache
def _country_choices(language: str) -> tuple[tuple[str, Any], ...]:
    return (("", "---------"), *((code, name) for code, name in countries))


def country_choices() -> tuple[tuple[str, Any], ...]:
    """Countries by name in the current language (sorted once per language)."""
    return _country_choices(get_language() or "en")


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}), help_text=_("Markdown is allowed.")
    )
    organiser_name = forms.CharField(label=_("Organiser"), max_length=200)
    organiser_type = forms.ChoiceField(label=_("Type of organiser"), choices=OrganiserType.choices)
    country = CachedChoiceField(
        label=_("Country"), help_text=_("Any country, OGP member or not."), choices_fn=country_choices
    )
    member = forms.ModelChoiceField(
        label=_("OGP member"),
        queryset=Member.objects.order_by("name"),
        required=False,
        help_text=_("Leave empty to link the country's national member. Choose a local member if it is theirs."),
    )
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, widget=forms.RadioSelect)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    start_date = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_date = forms.DateField(label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}))
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))
    timezone = CachedChoiceField(
        label=_("Time zone"), help_text=_("The times above are in this zone."), choices_fn=_zone_choices
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.MultipleChoiceField(label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple)
    event_type = forms.ChoiceField(label=_("Type of event"), choices=EventType.choices)
    registration_url = forms.URLField(label=_("Registration link"), required=False, assume_scheme="https")
    links = forms.CharField(
        label=_("Action plans or commitments discussed"),
        required=False,
        max_length=500,
        help_text=_("Their OGP ids separated by commas, e.g. AP_ALB01, AL0002."),
    )
    image = forms.FileField(label=_("Image"), required=False, help_text=_("PNG or JPEG."))
    image_alt = forms.CharField(label=_("Image description"), max_length=300, required=False)
    contact_email = forms.EmailField(
        label=_("Contact e-mail"), help_text=_("Only for the moderators and OGP: never shown publicly.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("languages", "topics", "format"):
            self.fields[name].use_fieldset = True  # type: ignore[attr-defined]
        self.fields["latitude"].widget.attrs["step"] = "any"
        self.fields["longitude"].widget.attrs["step"] = "any"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = data.get("timezone")
        if zone and all(data.get(k) for k in ("start_date", "start_time", "end_date", "end_time")):
            tz = zoneinfo.ZoneInfo(zone)
            data["starts_at"] = datetime.datetime.combine(data["start_date"], data["start_time"], tzinfo=tz)
            data["ends_at"] = datetime.datetime.combine(data["end_date"], data["end_time"], tzinfo=tz)
            if data["ends_at"] < data["starts_at"]:
                self.add_error("end_time", _("The event cannot end before it starts."))
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        data["action_plans"], data["commitments"] = self._resolve_links(data.get("links") or "")
        return data

    def _resolve_links(self, text: str) -> tuple[list[ActionPlan], list[Commitment]]:
        ids = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
        if not ids:
            return [], []
        plans = list(ActionPlan.objects.filter(ogp_id__in=ids))
        commitments = list(Commitment.objects.filter(ogp_id__in=ids).select_related("action_plan"))
        unknown = set(ids) - {p.ogp_id for p in plans} - {c.ogp_id for c in commitments}
        if unknown:
            self.add_error(
                "links", _("No action plan or commitment has the id %(ids)s.") % {"ids": ", ".join(sorted(unknown))}
            )
        return plans, commitments

    def event_fields(self) -> dict[str, Any]:
        """The cleaned values as Event fields (what actions.submit_event and update_event take)."""
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "description": data["description"],
            "organiser_name": data["organiser_name"].strip(),
            "organiser_type": data["organiser_type"],
            "country": data["country"],
            "member": data.get("member"),
            "city": data.get("city", "").strip(),
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "format": data["format"],
            "online_url": data.get("online_url", ""),
            "starts_at": data["starts_at"].astimezone(datetime.UTC),
            "ends_at": data["ends_at"].astimezone(datetime.UTC),
            "timezone": data["timezone"],
            "languages": join_codes(data.get("languages") or []),
            "topics": join_codes(data.get("topics") or []),
            "event_type": data["event_type"],
            "registration_url": data.get("registration_url", ""),
            "image_alt": data.get("image_alt", "").strip(),
            "contact_email": data["contact_email"],
        }

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        start, end = event.local_start, event.local_end
        return {
            **{
                name: getattr(event, name)
                for name in (
                    "title",
                    "description",
                    "organiser_name",
                    "organiser_type",
                    "city",
                    "latitude",
                    "longitude",
                    "format",
                    "online_url",
                    "timezone",
                    "event_type",
                    "registration_url",
                    "image_alt",
                    "contact_email",
                )
            },
            "country": str(event.country),
            "member": event.member_id,
            "start_date": start.date(),
            "start_time": start.time().replace(tzinfo=None),
            "end_date": end.date(),
            "end_time": end.time().replace(tzinfo=None),
            "languages": split_codes(event.languages),
            "topics": split_codes(event.topics),
            "links": ", ".join(
                [p.ogp_id for p in event.action_plans.all()] + [c.ogp_id for c in event.commitments.all()]
            ),
            "version": event.version,
        }


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approved", _("Approve")),
            ("changes_requested", _("Ask for changes")),
            ("rejected", _("Reject")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason or request to the organiser"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject or to ask for changes; the organiser receives it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].use_fieldset = True  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") in ("rejected", "changes_requested") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Tell the organiser why."))
        return data


class MergeForm(forms.Form):
    keep = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Note to the organisers"), required=False, max_length=1000)


class EditionForm(forms.ModelForm[Edition]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Edition
        fields = [
            "year",
            "starts_on",
            "ends_on",
            "theme_en",
            "theme_es",
            "theme_fr",
            "call_en",
            "call_es",
            "call_fr",
            "submissions_open_on",
            "submissions_close_on",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("starts_on", "ends_on", "submissions_open_on", "submissions_close_on")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The week cannot end before it starts."))
        if (
            data.get("submissions_open_on")
            and data.get("submissions_close_on")
            and data["submissions_close_on"] < data["submissions_open_on"]
        ):
            self.add_error("submissions_close_on", _("Submissions cannot close before they open."))
        return data


class UploadForm(forms.Form):
    edition = forms.ModelChoiceField(label=_("Edition"), queryset=Edition.objects.all(), empty_label=None)
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=_("Use the template: one event per row."))
    dry_run = forms.BooleanField(label=_("Dry run: check the file, import nothing"), required=False)
    import_good_rows = forms.BooleanField(
        label=_("Import the good rows even if some are wrong"),
        required=False,
        help_text=_("By default nothing is imported unless every row is right."),
    )
    approve = forms.BooleanField(label=_("Approve the imported events at once (Support Unit)"), required=False)
