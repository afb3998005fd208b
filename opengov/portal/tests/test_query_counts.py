"""The home page's query budget does not grow with the data (numbers are aggregates, every block a slice), and a
cached home page reads next to nothing: only the campaigns' data fingerprint."""

from __future__ import annotations

import datetime
import itertools

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opengov.campaigns import catalogue
from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    ConsultationFactory,
    ContributionFactory,
    EditionFactory,
    EventFactory,
    IrmReportFactory,
    MemberFactory,
    UserFactory,
    policy_area,
)
from opengov.stories.models import Story

_codes = (f"{a}{b}{c}" for a, b, c in itertools.product("VWXYZ", repeat=3))
UNCACHED_BUDGET = 21  # key numbers 5, campaign 4, Open Gov Week 4, consultations 2, IRM 2, stories 2, plans 1, + 1


def queries_for(client) -> int:
    cache.clear()  # measure the uncached page: the cache only makes it cheaper
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return len(ctx)


def add(n, edition, author):
    """n more members, each with a plan in consultation, a report open for comment, an event and a featured story."""
    today = timezone.localdate()
    for _ in range(n):
        plan = ActionPlanFactory(member=MemberFactory(ogp_code=next(_codes)))
        CommitmentFactory.create_batch(3, action_plan=plan, policy_areas=[policy_area("Audits")])
        consultation = ConsultationFactory(action_plan=plan, opens_on=today - datetime.timedelta(days=3))
        ContributionFactory.create_batch(2, consultation=consultation)
        IrmReportFactory(action_plan=plan, state="public_comment", comment_closes_on=today + datetime.timedelta(days=9))
        EventFactory(edition=edition)
        Story.objects.create(
            author=author, status="featured", title="A story", summary="s", body="b", country="AL",
            consent_publish=True, submitted_at=timezone.now(), published_at=timezone.now(), featured_at=timezone.now(),
        )  # fmt: skip


def test_home_budget(client, django_assert_max_num_queries, db):
    campaign = catalogue.ensure(catalogue.OPEN_GOV_CHALLENGE)
    campaign.ends_on = timezone.localdate() + datetime.timedelta(days=365)
    campaign.save(update_fields=["ends_on"])
    edition = EditionFactory()
    author = UserFactory()
    add(3, edition, author)
    small = queries_for(client)
    add(6, edition, author)
    large = queries_for(client)
    assert large == small
    cache.clear()
    with django_assert_max_num_queries(UNCACHED_BUDGET):
        client.get(reverse("core:home"))
    # Cached: every block comes from the cache; only the campaigns' fingerprint is read.
    with django_assert_max_num_queries(1):
        client.get(reverse("core:home"))
    cache.clear()
