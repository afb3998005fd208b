"""Governance in site-wide search and following: bodies and their meetings with decisions are public and found by
everyone; a new decision is found at once and reaches the followers of the body and of the body above it."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from opengov.factories import UserFactory
from opengov.following import actions as following
from opengov.governance import actions
from opengov.governance.models import Body
from opengov.search import indexer
from opengov.search.query import Filters, search

pytestmark = pytest.mark.django_db


def found(query: str, kind: str) -> list[int]:
    return [hit.document.object_id for hit in search(query, Filters(kind=kind)).hits]


@pytest.fixture
def subcommittee():
    return Body.objects.get(slug="criteria-and-standards")


@pytest.mark.parametrize("role", ["anonymous", "participant", "support_unit"])
def test_bodies_and_meetings_are_found_by_everyone(request, client, support_unit, subcommittee, role):
    meeting = actions.add_meeting(
        support_unit, subcommittee, {"title": "Okapi review", "held_on": datetime.date(2024, 3, 1)}
    )
    actions.add_decision(support_unit, meeting, "Albania's procedural review is closed.")
    indexer.rebuild(["govbody", "govmeeting"])
    user = request.getfixturevalue(role)
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    page = client.get(reverse("search:search"), {"q": "procedural review closed"}).content.decode()
    assert meeting.get_absolute_url() in page and "Governance meetings and decisions" in page
    page = client.get(reverse("search:search"), {"q": "Steering Committee"}).content.decode()
    assert Body.objects.get(slug="steering-committee").get_absolute_url() in page


def test_decision_is_found_at_once_and_reaches_followers(
    client, support_unit, participant, subcommittee, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    toggle = reverse("following:toggle", kwargs={"label": "governance.body", "pk": subcommittee.parent.pk})
    assert toggle in client.get(subcommittee.parent.get_absolute_url()).content.decode()
    client.post(toggle)
    direct = UserFactory(email="direct@example.org")
    following.follow(direct, subcommittee)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = actions.add_meeting(
            support_unit, subcommittee, {"title": "Wombat session", "held_on": datetime.date(2025, 5, 2)}
        )
        actions.add_decision(support_unit, meeting, "Capybara rule adopted.")
    assert found("capybara", "govmeeting") == [meeting.pk]
    (hit,) = search("wombat", Filters(kind="govmeeting")).hits
    assert hit.document.year == 2025
    # Decisions go out at once to the followers of the subcommittee and of the Steering Committee above it.
    decisions = [m for m in mail.outbox if "Capybara rule adopted" in m.subject]
    assert sorted(m.to[0] for m in decisions) == ["direct@example.org", participant.email]
