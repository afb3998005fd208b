"""Moderation by country: the queue shows the moderator's countries, each decision is recorded and told to the
organiser, likely duplicates sit beside each submission and can be merged."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opengov.events import actions
from opengov.events.choices import Decision, State
from opengov.events.duplicates import likely_duplicates, similarity
from opengov.events.models import Event
from opengov.factories import EventFactory
from opengov.notifications.models import Notification


@pytest.fixture
def pending(edition, organiser):
    return EventFactory(edition=edition, submitted_by=organiser, state=State.SUBMITTED, approved_at=None)


def test_queue_shows_own_countries_only(client, italy_moderator, edition, organiser):
    italian = EventFactory(edition=edition, state=State.SUBMITTED, country="IT", title="Italian forum")
    spanish = EventFactory(edition=edition, state=State.SUBMITTED, country="ES", title="Spanish forum")
    EventFactory(edition=edition, state=State.APPROVED, country="IT", title="Already approved")
    client.force_login(italy_moderator)
    page = client.get(reverse("events:queue"))
    rows = [event for event, _dups in page.context["rows"]]
    assert rows == [italian]
    assert spanish not in rows


def test_support_unit_sees_every_country(client, support_unit, edition):
    EventFactory.create_batch(2, edition=edition, state=State.SUBMITTED, country="ES")
    EventFactory(edition=edition, state=State.CHANGES_REQUESTED, country="FR")
    client.force_login(support_unit)
    assert client.get(reverse("events:queue")).context["page"].paginator.count == 3


def test_queue_refuses_people_without_a_country(client, participant):
    client.force_login(participant)
    assert client.get(reverse("events:queue")).status_code == 403


@pytest.mark.parametrize(
    ("decision", "reason", "state"),
    [
        (Decision.APPROVED, "", State.APPROVED),
        (Decision.REJECTED, "Not an open government event.", State.REJECTED),
        (Decision.CHANGES_REQUESTED, "Add the registration link.", State.CHANGES_REQUESTED),
    ],
)
def test_each_decision_is_recorded_and_told(client, italy_moderator, pending, organiser, decision, reason, state):
    client.force_login(italy_moderator)
    response = client.post(reverse("events:moderate", args=[pending.pk]), {"decision": decision, "reason": reason})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == state
    recorded = pending.decisions.first()
    assert (recorded.decision, recorded.reason, recorded.decided_by) == (decision, reason, italy_moderator)
    note = Notification.objects.get(recipient=organiser)
    assert pending.title in note.subject
    if reason:
        assert reason in note.body
    assert pending.history.first().history_user == italy_moderator


def test_reject_needs_a_reason(client, italy_moderator, pending):
    client.force_login(italy_moderator)
    response = client.post(reverse("events:moderate", args=[pending.pk]), {"decision": "rejected", "reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    pending.refresh_from_db()
    assert pending.state == State.SUBMITTED


def test_other_country_moderator_cannot_decide(client, spain_moderator, pending):
    client.force_login(spain_moderator)
    response = client.post(reverse("events:moderate", args=[pending.pk]), {"decision": "approved"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        actions.moderate(spain_moderator, pending, Decision.APPROVED)


def test_resubmitting_after_changes_requested(italy_moderator, pending, organiser):
    actions.moderate(italy_moderator, pending, Decision.CHANGES_REQUESTED, "Add the link")
    pending.refresh_from_db()
    actions.update_event(organiser, pending, {"registration_url": "https://example.org/r"}, pending.version)
    pending.refresh_from_db()
    assert pending.state == State.SUBMITTED


def test_title_similarity():
    assert similarity("Open Budget Forum 2031", "Open budget forum – 2031") > 0.9
    assert similarity("Hackathon on procurement", "Public debate on climate") < 0.6


def test_likely_duplicates_and_merge(client, italy_moderator, edition, organiser):
    start = datetime.datetime(2031, 5, 18, 8, tzinfo=datetime.UTC)
    first = EventFactory(
        edition=edition,
        title="Open budget forum in Rome",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        topics="|civic_space|",
        state=State.APPROVED,
    )
    second = EventFactory(
        edition=edition,
        title="Open Budget Forum, Rome",
        starts_at=start + datetime.timedelta(hours=1),
        ends_at=start + datetime.timedelta(hours=3),
        topics="|anti_corruption|",
        state=State.SUBMITTED,
        submitted_by=organiser,
    )
    elsewhere = EventFactory(
        edition=edition,
        title="Open budget forum in Rome",
        country="ES",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    later = EventFactory(
        edition=edition,
        title="Open budget forum in Rome",
        starts_at=start + datetime.timedelta(days=2),
        ends_at=start + datetime.timedelta(days=2, hours=1),
    )
    found = likely_duplicates([second])[second.pk]
    assert found == [first]  # not the Spanish one, not the one two days later
    assert elsewhere not in found and later not in found
    client.force_login(italy_moderator)
    page = client.get(second.get_absolute_url())
    assert first in page.context["duplicates"]
    response = client.post(reverse("events:merge", args=[second.pk]), {"keep": first.pk})
    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.state == State.MERGED and second.merged_into == first
    assert set(first.topic_list) == {"civic_space", "anti_corruption"}
    assert second.decisions.first().decision == Decision.MERGED
    # the merged page points to the kept event for the public
    client.logout()
    assert client.get(reverse("events:detail-short", args=[second.pk])).url == first.get_absolute_url()
    assert Event.objects.public().filter(title__icontains="budget forum", country="IT").count() == 2  # first + later


def test_merge_refuses_the_other_country(spain_moderator, edition):
    a = EventFactory(edition=edition, state=State.SUBMITTED)
    b = EventFactory(edition=edition, state=State.SUBMITTED)
    with pytest.raises(PermissionDenied):
        actions.merge(spain_moderator, a, b)


def test_merge_into_itself_is_refused(italy_moderator, edition):
    a = EventFactory(edition=edition, state=State.SUBMITTED)
    with pytest.raises(ValidationError):
        actions.merge(italy_moderator, a, a)
