"""Every list costs the same number of queries whatever it holds: the count with 3 events equals the count with 25."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.events.choices import State
from opengov.factories import EventFactory, plan_with_commitment


def _count(client, url):
    client.get(url)  # warm what every request caches (content types, policy areas), then count a steady request
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(edition, member, n, commitment=None, **kwargs):
    for _ in range(n):
        event = EventFactory(edition=edition, member=member, organiser_name="Same organiser", **kwargs)
        if commitment is not None:
            event.commitments.add(commitment)
            event.action_plans.add(commitment.action_plan)


@pytest.mark.parametrize(
    "url",
    [
        lambda e: reverse("events:list"),
        lambda e: reverse("events:list") + f"?edition={e.year}&country=IT&topic=civic_space&language=en",
        lambda e: reverse("events:calendar") + f"?edition={e.year}&start=" + e.starts_on.isoformat(),
        lambda e: reverse("events:map"),
        lambda e: reverse("events:clusters") + "?bbox=-180,-85,180,85&zoom=3",
        lambda e: e.get_absolute_url(),
        lambda e: reverse("events:statistics"),
        lambda e: reverse("events:atom"),
    ],
)
def test_public_lists_are_flat(client, edition, italy, url):
    _grow(edition, italy, 3)
    target = url(edition)
    small = _count(client, target)
    _grow(edition, italy, 22)
    from django.core.cache import cache

    cache.clear()
    assert _count(client, target) == small


def test_event_page_is_flat(client, edition, italy):
    commitment = plan_with_commitment(italy)
    _grow(edition, italy, 3, commitment)
    event = EventFactory(edition=edition, member=italy, organiser_name="Same organiser")
    event.commitments.add(commitment)
    small = _count(client, event.get_absolute_url())
    _grow(edition, italy, 20, commitment)
    assert _count(client, event.get_absolute_url()) == small


def test_queue_is_flat(client, italy_moderator, edition, italy):
    _grow(edition, italy, 3, state=State.SUBMITTED)
    client.force_login(italy_moderator)
    small = _count(client, reverse("events:queue"))
    _grow(edition, italy, 22, state=State.SUBMITTED)
    assert _count(client, reverse("events:queue")) == small


def test_panels_on_member_plan_and_commitment_pages(client, edition, italy):
    commitment = plan_with_commitment(italy)
    _grow(edition, italy, 2, commitment)
    pages = [italy.get_absolute_url(), commitment.action_plan.get_absolute_url(), commitment.get_absolute_url()]
    small = [_count(client, url) for url in pages]
    _grow(edition, italy, 15, commitment)
    for url, before in zip(pages, small, strict=True):
        assert _count(client, url) == before
        assert "Open Gov Week" in client.get(url).content.decode()
