"""The home page's query budget does not grow with the data (numbers are aggregates, plans a slice)."""

from __future__ import annotations

import itertools

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, policy_area

_codes = (f"{a}{b}{c}" for a, b, c in itertools.product("VWXYZ", repeat=3))


def queries_for(client) -> int:
    cache.clear()  # measure the uncached page: the cache only makes it cheaper
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return len(ctx)


def add(n):
    for _ in range(n):
        plan = ActionPlanFactory(member=MemberFactory(ogp_code=next(_codes)))
        CommitmentFactory.create_batch(3, action_plan=plan, policy_areas=[policy_area("Audits")])


def test_home_budget(client, django_assert_max_num_queries, db):
    add(3)
    small = queries_for(client)
    add(6)
    large = queries_for(client)
    assert large == small
    cache.clear()
    with django_assert_max_num_queries(6):  # five of core's, one for the featured stories (stories panel)
        client.get(reverse("core:home"))
    # Cached numbers: only the recent plans are read.
    with django_assert_max_num_queries(1):
        client.get(reverse("core:home"))
    cache.clear()
