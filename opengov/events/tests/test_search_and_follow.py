"""Open Gov Week in site-wide search and following: only approved events are found, for every role; the index
follows submission, approval, edits, the return to review, rejection, bulk approval and deletion; editions and
events are followed from their pages and their followers hear of submissions opening, the week starting and a
change of date or place, once."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from opengov.events import actions
from opengov.events.bulk import check_and_import, template_rows
from opengov.events.choices import Decision, State
from opengov.factories import EditionFactory, EventFactory
from opengov.following import actions as following
from opengov.following.models import Change, Frequency
from opengov.search import indexer
from opengov.search.query import Filters, search

ROLES = ["anonymous", "participant", "organiser", "italy_moderator"]


def found(query: str, kind: str = "event") -> list[int]:
    return [hit.document.object_id for hit in search(query, Filters(kind=kind)).hits]


def to(user: Any) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [user.email]]


def event_fields(**overrides: object) -> dict[str, object]:
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=20)
    fields: dict[str, object] = {
        "title": "Capybara budget hackathon",
        "description": "Citizens build tools on the budget data.",
        "organiser_name": "Open Data Italia",
        "organiser_type": "civil_society",
        "country": "IT",
        "member": None,
        "city": "Rome",
        "latitude": None,
        "longitude": None,
        "format": "in_person",
        "online_url": "",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=3),
        "timezone": "Europe/Rome",
        "languages": "|it|",
        "topics": "|civic_space|",
        "event_type": "hackathon",
        "registration_url": "",
        "image_alt": "",
        "contact_email": "organiser@example.org",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def events(edition, italy, organiser):
    """One event in each moderation state, each with a word of its own."""
    made = {
        state: EventFactory(
            edition=edition,
            member=italy,
            submitted_by=organiser,
            state=state,
            title=f"Forum on {word} budgets",
        )
        for state, word in (
            (State.APPROVED, "okapi"),
            (State.SUBMITTED, "zanzibar"),
            (State.CHANGES_REQUESTED, "quokka"),
            (State.REJECTED, "narwhal"),
            (State.MERGED, "pangolin"),
        )
    }
    indexer.rebuild(["event", "edition"])
    return made


@pytest.mark.parametrize("role", ROLES)
def test_only_approved_events_are_found_whoever_searches(request, client, events, role):
    user = request.getfixturevalue(role)
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    for word in ("zanzibar", "quokka", "narwhal", "pangolin"):
        page = client.get(reverse("search:search"), {"q": word})
        assert "0 results" in page.content.decode(), (role, word)
    page = client.get(reverse("search:search"), {"q": "okapi"}).content.decode()
    assert events[State.APPROVED].get_absolute_url() in page
    assert "Open Gov Week events" in page  # the type label


def test_type_label_is_translated(client, events):
    for language, label in (("es", "Eventos de la Semana del Gobierno Abierto"), ("fr", "Événements de la Semaine")):
        page = client.get(reverse("search:search"), {"q": "okapi"}, HTTP_ACCEPT_LANGUAGE=language)
        assert label in page.content.decode(), language


def test_event_document_has_its_facets_and_link(events, italy):
    results = search("okapi")
    (hit,) = results.hits
    event = events[State.APPROVED]
    assert hit.document.url == event.get_absolute_url()
    assert (hit.document.member_id, hit.document.region, hit.document.year) == (
        italy.pk,
        "europe",
        event.starts_at.year,
    )
    assert [v.value for v in results.facets["kind"]] == ["event"]
    for word in ("Rome", "Italia", "Debate", "Civic Space", str(event.edition.year)):  # place, organiser, type...
        assert event.pk in found(f'"{word}"'), word


def test_event_in_a_country_that_is_not_a_member_has_its_region(edition):
    event = EventFactory(edition=edition, country="BR", city="Recife", title="Tapir data festival", member=None)
    indexer.rebuild(["event"])
    (hit,) = search("tapir").hits
    assert hit.document.object_id == event.pk and hit.document.member_id is None
    assert hit.document.region == "americas"


def test_the_index_follows_moderation_and_edits(
    edition, italy, organiser, italy_moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = actions.submit_event(organiser, edition, event_fields())
    assert found("capybara") == []  # waiting for review
    with django_capture_on_commit_callbacks(execute=True):
        actions.moderate(italy_moderator, event, Decision.APPROVED)
    assert found("capybara") == [event.pk]

    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_event(organiser, event, {"description": "Now with a wombat mascot."}, event.version)
    assert found("wombat") == [event.pk]  # a typo-level edit: still approved, found at once
    assert found('"build tools"') == []  # the old text is gone

    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_event(organiser, event, {"title": "Capybara open data day"}, event.version)
    assert found("capybara") == []  # a new title sends it back to review: withdrawn from search

    with django_capture_on_commit_callbacks(execute=True):
        actions.moderate(italy_moderator, event, Decision.APPROVED)
    assert found('"open data day"') == [event.pk]
    with django_capture_on_commit_callbacks(execute=True):
        actions.moderate(italy_moderator, event, Decision.REJECTED, "Not a public event.")
    assert found("capybara") == []

    other = EventFactory(edition=edition, title="Ibis transparency walk")
    with django_capture_on_commit_callbacks(execute=True):
        other.save()
    assert found("ibis") == [other.pk]
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert found("ibis") == []


def test_bulk_approved_upload_is_indexed_after_commit(support_unit, edition, italy, django_capture_on_commit_callbacks):
    header, example = template_rows()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerow(example)
    writer.writerow(
        [
            ("Heron procurement clinic" if column == "title" else value)
            for column, value in zip(header, example, strict=True)
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = check_and_import(support_unit, edition, out.getvalue().encode(), "events.csv", approve=True)
    assert report.imported == 2
    assert len(found("heron")) == 1
    assert len(found("procurement")) == 2


def test_edition_is_found_with_its_theme_in_three_languages(edition):
    indexer.rebuild(["edition"])
    for words in ("everyone", '"gobierno abierto"', '"gouvernement ouvert"'):
        assert found(words, kind="edition") == [edition.pk], words


def test_member_and_search_feeds_include_approved_events(client, events, italy):
    approved = events[State.APPROVED]
    feed = client.get(reverse("search:member-feed", kwargs={"slug": italy.slug})).content.decode()
    assert approved.title in feed and "zanzibar" not in feed.lower()
    feed = client.get(reverse("search:feed"), {"q": "okapi"}).content.decode()
    assert approved.get_absolute_url() in feed


# ----------------------------------------------------------------------------------------------------- following


def test_follow_buttons_on_edition_and_approved_event_pages(client, participant, events, edition):
    approved, pending = events[State.APPROVED], events[State.SUBMITTED]
    client.force_login(participant)
    for obj, label in ((edition, "events.edition"), (approved, "events.event")):
        toggle = reverse("following:toggle", kwargs={"label": label, "pk": obj.pk})
        assert toggle in client.get(obj.get_absolute_url(), follow=True).content.decode()
        client.post(toggle, {"next": obj.get_absolute_url()})
        assert following.is_following(participant, obj)
    # A submission under review shows no button and cannot be followed.
    client.force_login(pending.submitted_by)
    toggle = reverse("following:toggle", kwargs={"label": "events.event", "pk": pending.pk})
    assert toggle not in client.get(pending.get_absolute_url(), follow=True).content.decode()
    assert client.post(toggle).status_code == 404


def test_edition_followers_hear_submissions_open_and_the_week_start_once(
    participant, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    edition = EditionFactory(
        year=2040,
        submissions_open_on=today,
        submissions_close_on=today + datetime.timedelta(days=40),
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=40),
    )
    following.follow(participant, edition)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=io.StringIO())
    # Opening for submissions is immediate by default; the start of the week comes in the daily digest.
    subjects = [m.subject for m in mail.outbox]
    assert any("open for event submissions" in s for s in subjects), subjects
    assert any("starts" in m.body for m in mail.outbox)
    assert all(m.to == [participant.email] for m in mail.outbox)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=io.StringIO())
    assert len(mail.outbox) == sent  # never twice
    assert Change.objects.filter(kind__in=["ogw_submissions_open", "ogw_starts"]).count() == 2


def test_event_followers_hear_of_a_new_date_once_it_is_approved(
    participant, organiser, italy_moderator, events, django_capture_on_commit_callbacks
):
    event = events[State.APPROVED]
    following.follow(participant, event)
    later = event.starts_at + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_event(
            organiser, event, {"starts_at": later, "ends_at": later + datetime.timedelta(hours=2)}, event.version
        )
    assert to(participant) == []  # back to review: not news yet
    with django_capture_on_commit_callbacks(execute=True):
        actions.moderate(italy_moderator, event, Decision.APPROVED)
    (news,) = to(participant)
    assert event.title in news.subject and "List-Unsubscribe" in news.extra_headers
    # A moderator's own change of place keeps the event approved: news at once.
    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_event(italy_moderator, event, {"city": "Milan"}, event.version)
    assert len(to(participant)) == 2 and "Milan" in to(participant)[1].subject
    # A description edit is not news.
    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_event(italy_moderator, event, {"description": "More seats."}, event.version)
    assert len(to(participant)) == 2


def test_daily_choice_moves_event_news_to_the_digest(
    participant, italy_moderator, events, django_capture_on_commit_callbacks
):
    event = events[State.APPROVED]
    following.follow(participant, event)
    following.set_preferences(participant, {"event_changed": Frequency.DAILY})
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_event(italy_moderator, event, {"city": "Turin"}, event.version)
    assert to(participant) == []
    call_command("send_digests", stdout=io.StringIO())
    (digest,) = to(participant)
    assert "Turin" in digest.body
