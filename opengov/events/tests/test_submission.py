"""Submitting and editing an event through the pages: clear errors on the field, nothing half-saved, the member
linked, times converted from the organiser's zone, material edits back to review and typo fixes not."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opengov.events.choices import Decision, State
from opengov.events.models import Event
from opengov.factories import CommitmentFactory, EventFactory, plan_with_commitment
from opengov.notifications.models import Notification

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form_data(**overrides):
    data = {
        "title": "Hackathon on procurement data",
        "description": "We build tools on the **new** procurement data.",
        "organiser_name": "Open Data Italia",
        "organiser_type": "civil_society",
        "country": "IT",
        "city": "Rome",
        "latitude": "41.9",
        "longitude": "12.5",
        "format": "hybrid",
        "online_url": "https://meet.example.org/ogw",
        "start_date": "2031-05-18",
        "start_time": "10:00",
        "end_date": "2031-05-18",
        "end_time": "17:00",
        "timezone": "Europe/Rome",
        "languages": ["it", "en"],
        "topics": ["anti_corruption", "digital_governance"],
        "event_type": "hackathon",
        "registration_url": "https://example.org/register",
        "contact_email": "private@example.org",
    }
    data.update(overrides)
    return data


def test_submit_an_event(client, organiser, edition, italy, italy_moderator):
    client.force_login(organiser)
    response = client.post(reverse("events:submit", args=[edition.year]), form_data())
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.state == State.SUBMITTED
    assert event.member == italy  # the national member of the country
    assert event.region == "europe"
    # 10:00 in Rome in May (UTC+2) is 08:00 UTC
    assert event.starts_at == datetime.datetime(2031, 5, 18, 8, 0, tzinfo=datetime.UTC)
    assert event.topic_list == ["anti_corruption", "digital_governance"]
    assert event.decisions.get().decision == Decision.SUBMITTED
    # the country's moderator hears about it
    assert Notification.objects.filter(recipient=italy_moderator).exists()
    page = client.get(event.get_absolute_url())
    assert "private@example.org" in page.content.decode()  # the organiser sees their contact e-mail
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 404  # not public before approval


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2031-05-17"}, "end_time", "cannot end before it starts"),
        ({"online_url": ""}, "online_url", "needs the link"),
        ({"city": ""}, "city", "needs its city"),
        ({"topics": []}, "topics", "required"),
        ({"latitude": "", "longitude": "12.5"}, "latitude", "both latitude and longitude"),
        ({"latitude": "95"}, "latitude", "less than or equal to 90"),
        ({"timezone": "Mars/Olympus"}, "timezone", "Select a valid choice"),
        ({"country": "XX"}, "country", "Select a valid choice"),
        ({"links": "NOPE01"}, "links", "NOPE01"),
        ({"contact_email": "not-an-address"}, "contact_email", "valid email"),
    ],
)
def test_bad_input_gets_an_error_on_the_field(client, organiser, edition, overrides, field, message):
    client.force_login(organiser)
    response = client.post(reverse("events:submit", args=[edition.year]), form_data(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Event.objects.exists()  # nothing half-saved
    assert "Hackathon on procurement data" in response.content.decode()  # what was typed is kept


def test_image_needs_alt_text_and_real_content(client, organiser, edition):
    client.force_login(organiser)
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(
        reverse("events:submit", args=[edition.year]), {**form_data(), "image": fake, "image_alt": "x"}
    )
    assert response.status_code == 400 and "image" in response.context["form"].errors
    image = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    response = client.post(reverse("events:submit", args=[edition.year]), {**form_data(), "image": image})
    assert "image_alt" in response.context["form"].errors
    image.seek(0)
    response = client.post(
        reverse("events:submit", args=[edition.year]), {**form_data(), "image": image, "image_alt": "The hall"}
    )
    assert response.status_code == 302
    assert Event.objects.get().image.name.endswith(".png")


def test_links_to_the_members_commitments(client, organiser, edition, italy):
    commitment = plan_with_commitment(italy)
    other = CommitmentFactory()
    client.force_login(organiser)
    bad = client.post(reverse("events:submit", args=[edition.year]), form_data(links=other.ogp_id))
    assert "commitments" in bad.context["form"].errors or "links" in bad.context["form"].errors
    good = client.post(reverse("events:submit", args=[edition.year]), form_data(links=commitment.ogp_id))
    assert good.status_code == 302
    event = Event.objects.get()
    assert list(event.commitments.all()) == [commitment]


def test_material_edit_goes_back_to_review_a_typo_does_not(client, organiser, edition, italy):
    event = EventFactory(edition=edition, submitted_by=organiser, state=State.APPROVED, member=italy)
    client.force_login(organiser)
    url = reverse("events:edit", args=[event.pk])
    initial = client.get(url).context["form"].initial
    data = {k: v for k, v in initial.items() if v is not None and k != "member"}
    data.update(
        start_date=initial["start_date"].isoformat(),
        end_date=initial["end_date"].isoformat(),
        start_time=initial["start_time"].strftime("%H:%M"),
        end_time=initial["end_time"].strftime("%H:%M"),
        description="A public debate on the budget, with a typo fixed.",
    )
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.state == State.APPROVED  # a typo fix stays approved
    data.update(title="A new title", version=event.version)
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.state == State.SUBMITTED
    assert event.decisions.filter(decision=Decision.RESUBMITTED).exists()
    assert event.history.count() >= 3


def test_nobody_else_edits(client, participant, edition):
    event = EventFactory(edition=edition)
    client.force_login(participant)
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403


@pytest.mark.parametrize("country", ["XX", ""])
def test_the_action_itself_refuses_an_unknown_country(organiser, edition, country):
    """The model's own country check is skipped for speed (bulk uploads): validate_event must hold it for every
    caller, the API and the upload included."""
    from django.core.exceptions import ValidationError

    from opengov.events.actions import build_event

    start = datetime.datetime(2026, 5, 18, 10, tzinfo=datetime.UTC)
    fields = {
        "title": "Open budget forum",
        "description": "A forum.",
        "organiser_name": "Budget Watch",
        "organiser_type": "civil_society",
        "country": country,
        "format": "online",
        "online_url": "https://example.org/join",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "timezone": "Europe/Rome",
        "topics": "fiscal_openness",
        "event_type": "workshop",
        "contact_email": "organiser@example.org",
    }
    with pytest.raises(ValidationError) as refused:
        build_event(organiser, edition, fields)
    assert "country" in refused.value.message_dict
