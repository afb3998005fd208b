"""Query budgets: consultation pages and API lists do not grow with the number of contributions (N vs 3N)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.cocreation import standards
from opengov.factories import (
    ContributionFactory,
    DocumentFactory,
    ForumFactory,
    MeetingFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def queries(fn):
    with CaptureQueriesContext(connection) as context:
        fn()
    return len(context)


def add_contributions(consultation, n):
    for i in range(n):
        contribution = ContributionFactory(consultation=consultation, author=UserFactory())
        if i % 2:
            ResponseFactory(contribution=contribution)


@pytest.mark.parametrize("who", ["anonymous", "participant", "moderator", "albania_editor"])
def test_consultation_page(request, client, consultation, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = consultation.get_absolute_url()
    add_contributions(consultation, 3)
    small = queries(lambda: client.get(url))
    add_contributions(consultation, 6)
    assert queries(lambda: client.get(url)) == small


def test_contributions_api(api, consultation):
    add_contributions(consultation, 3)
    small = queries(lambda: api.get("/api/v1/contributions/"))
    add_contributions(consultation, 6)
    assert queries(lambda: api.get("/api/v1/contributions/")) == small


def test_consultations_list(client, consultation, albania):
    url = f"/members/{albania.slug}/consultations/"
    add_contributions(consultation, 3)
    small = queries(lambda: client.get(url))
    add_contributions(consultation, 6)
    assert queries(lambda: client.get(url)) == small


def test_checklist_has_a_fixed_query_count(draft_plan, albania, consultation):
    forum = ForumFactory(member=albania)

    def grow(n):
        add_contributions(consultation, n)
        MeetingFactory.create_batch(n, forum=forum)
        DocumentFactory.create_batch(n, member=albania)

    grow(2)
    small = queries(lambda: standards.plan_checklist(draft_plan))
    grow(6)
    assert queries(lambda: standards.plan_checklist(draft_plan)) == small <= 8


def test_forum_and_repository_pages(client, albania):
    forum = ForumFactory(member=albania)
    MeetingFactory.create_batch(2, forum=forum)
    DocumentFactory.create_batch(2, member=albania)
    small = queries(
        lambda: (client.get(f"/members/{albania.slug}/forum/"), client.get(f"/members/{albania.slug}/repository/"))
    )
    MeetingFactory.create_batch(6, forum=forum)
    DocumentFactory.create_batch(6, member=albania)
    big = queries(
        lambda: (client.get(f"/members/{albania.slug}/forum/"), client.get(f"/members/{albania.slug}/repository/"))
    )
    assert big == small
