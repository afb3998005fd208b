"""Coalitions in site-wide search and following: coalitions and their discussion are found for every role, a hidden
message never is (and leaves the index when a moderator hides it); followers hear of new messages and meetings."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from opengov.coalitions import actions
from opengov.coalitions.models import ParticipantKind, Visibility
from opengov.factories import policy_area
from opengov.following import actions as following
from opengov.search import indexer
from opengov.search.query import Filters, search

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "participant", "member_of_coalition", "moderator"]


def found(query: str, kind: str = "") -> list[int]:
    return [hit.document.object_id for hit in search(query, Filters(kind=kind)).hits]


def to(user: Any) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.fixture
def coalition(support_unit):
    return actions.create_coalition(
        support_unit,
        {"name": "Okapi Ownership Coalition", "slug": "okapi", "description": "Registers of who owns companies."},
        [policy_area("Beneficial Ownership")],
    )


@pytest.fixture
def member_of_coalition(coalition, participant):
    """Takes part as an individual: posts in the discussion (the owner of the messages below)."""
    actions.join(participant, coalition, ParticipantKind.INDIVIDUAL)
    return participant


@pytest.fixture
def discussion(coalition, member_of_coalition, moderator):
    thread = actions.start_thread(member_of_coalition, coalition, "Wombat registers", "How do wombat registers work?")
    hidden = actions.reply(member_of_coalition, thread, "Buy zanzibar pills here")
    actions.moderate(moderator, hidden, Visibility.HIDDEN, "Spam")
    spam = actions.start_thread(member_of_coalition, coalition, "Quokka offer", "Quokka spam")
    actions.moderate(moderator, spam.posts.get(), Visibility.HIDDEN, "Spam")
    indexer.rebuild(["coalition", "discussion"])
    return {"thread": thread, "hidden": hidden, "spam": spam}


@pytest.mark.parametrize("role", ROLES)
def test_hidden_messages_are_never_found_whoever_searches(request, client, discussion, coalition, role):
    user = request.getfixturevalue(role)
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    for word in ("zanzibar", "quokka"):
        assert "0 results" in client.get(reverse("search:search"), {"q": word}).content.decode(), (role, word)
    page = client.get(reverse("search:search"), {"q": "wombat"}).content.decode()
    assert discussion["thread"].get_absolute_url() in page and "Coalition discussions" in page
    page = client.get(reverse("search:search"), {"q": "okapi"}).content.decode()
    assert coalition.get_absolute_url() in page and "Coalitions" in page


def test_coalition_has_its_policy_areas_as_facets_and_in_the_area_feed(client, discussion, coalition):
    area = policy_area("Beneficial Ownership")
    results = search("okapi", Filters(kind="coalition"))
    assert [v.value for v in results.facets["area"]] == [str(area.pk)]
    feed = client.get(reverse("search:policy-area-feed", kwargs={"slug": area.slug})).content.decode()
    assert coalition.get_absolute_url() in feed and discussion["thread"].get_absolute_url() in feed


def test_the_index_follows_the_discussion_and_the_coalition(
    coalition, discussion, member_of_coalition, moderator, support_unit, django_capture_on_commit_callbacks
):
    thread = discussion["thread"]
    with django_capture_on_commit_callbacks(execute=True):
        post = actions.reply(member_of_coalition, thread, "Capybara registers publish owners.")
    assert found("capybara", "discussion") == [thread.pk]
    with django_capture_on_commit_callbacks(execute=True):
        actions.moderate(moderator, post, Visibility.HIDDEN, "Off topic")
    assert found("capybara") == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.moderate(moderator, discussion["hidden"], Visibility.VISIBLE, "")
    assert found("zanzibar", "discussion") == [thread.pk]  # restored
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_resource(support_unit, coalition, {"title": "Narwhal guide", "url": "https://example.org/g"})
    assert found("narwhal", "coalition") == [coalition.pk]
    with django_capture_on_commit_callbacks(execute=True):
        coalition.resources.get().delete()
    assert found("narwhal") == []
    area = policy_area("Open Contracting")
    with django_capture_on_commit_callbacks(execute=True):
        coalition.policy_areas.add(area)
    # The thread carries its coalition's areas too (facets).
    for query, kind in (("okapi", "coalition"), ("wombat", "discussion")):
        areas = [v.value for v in search(query, Filters(kind=kind)).facets["area"]]
        assert str(area.pk) in areas, kind


# ----------------------------------------------------------------------------------------------------- following


def test_follow_button_on_the_coalition_page(client, participant, coalition):
    client.force_login(participant)
    toggle = reverse("following:toggle", kwargs={"label": "coalitions.coalition", "pk": coalition.pk})
    assert toggle in client.get(coalition.get_absolute_url()).content.decode()
    client.post(toggle)
    assert following.is_following(participant, coalition)


def test_followers_hear_of_new_messages_and_meetings(
    coalition, member_of_coalition, support_unit, django_capture_on_commit_callbacks
):
    from opengov.factories import UserFactory

    follower = UserFactory(email="follower@example.org")
    following.follow(follower, coalition)
    start = timezone.now() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_event(support_unit, coalition, {"title": "Annual ibis meeting", "starts_at": start})
    (meeting,) = to(follower)  # meetings: at once
    assert "Annual ibis meeting" in meeting.subject
    with django_capture_on_commit_callbacks(execute=True):
        thread = actions.start_thread(member_of_coalition, coalition, "Registers in Africa", "Who has one?")
        actions.reply(member_of_coalition, thread, "Kenya does.")
    assert len(to(follower)) == 1  # messages: daily by default
    call_command("send_digests", stdout=io.StringIO())
    digest = to(follower)[1]
    assert digest.body.count("New message in “Registers in Africa”") == 2
    call_command("send_digests", stdout=io.StringIO())
    assert len(to(follower)) == 2  # never twice
