"""Fixed query budgets: each public page makes the same number of queries for N rows and for 3N rows."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    EvidenceLinkFactory,
    MemberFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    UserFactory,
    policy_area,
)
from opengov.plans.models import MilestoneStatus
from opengov.plans.phases import Phase

N = 3
_codes = (f"{a}{b}{c}" for a, b, c in itertools.product("VWXYZ", repeat=3))


def queries_for(client, url: str) -> int:
    cache.clear()  # measure the uncached page: the cache only makes it cheaper
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def assert_fixed_budget(client, django_assert_max_num_queries, url, add_rows, budget):
    add_rows(N)
    small = queries_for(client, url)
    add_rows(2 * N)  # now 3N
    large = queries_for(client, url)
    assert large == small, f"{url}: {small} queries for {N} rows, {large} for {3 * N}"
    cache.clear()
    with django_assert_max_num_queries(budget):
        client.get(url)


def editor(user):
    """Edits recorded with a user, as the editing pages and the API record them."""

    def edit(obj, **fields):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj._history_user = user
        obj.save()

    return edit


@pytest.fixture(autouse=True)
def fresh_cache():
    # Policy-area counts are cached for five minutes; each test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(albania):
    return ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01", phase=Phase.IMPLEMENTATION)


def test_action_plan_page_budget(client, django_assert_max_num_queries, plan):
    areas = [policy_area("Open Contracting"), policy_area("Audits"), policy_area("Open Data")]

    def add(n):
        for _ in range(n):
            commitment = CommitmentFactory(action_plan=plan, policy_areas=areas[:2])
            MilestoneFactory.create_batch(2, commitment=commitment, status=MilestoneStatus.COMPLETE)
            MilestoneFactory(commitment=commitment)

    # 3 for the plan and its commitments, 1 each for the panels of the apps above (IRM reports, consultations,
    # stories, events).
    assert_fixed_budget(client, django_assert_max_num_queries, plan.get_absolute_url(), add, budget=7)


def test_commitment_page_budget(client, django_assert_max_num_queries, plan):
    commitment = CommitmentFactory(action_plan=plan, ogp_id="AL0001", policy_areas=[policy_area("Audits")])
    later_plan = ActionPlanFactory(member=plan.member, number=2)
    edit = editor(UserFactory(display_name="Editor"))

    def add(n):
        for i in range(n):
            milestone = MilestoneFactory(commitment=commitment)
            edit(milestone, status=MilestoneStatus.IN_PROGRESS)
            update = ProgressUpdateFactory(commitment=commitment, author=UserFactory(), milestone=milestone)
            EvidenceLinkFactory.create_batch(2, progress_update=update)
            CommitmentFactory(action_plan=later_plan, carried_forward_from=commitment)
            edit(commitment, title=f"Title, revision {commitment.title[-3:]}{i}")
            commitment.policy_areas.add(policy_area("Open Data") if i % 2 else policy_area("Tax"))

    # 12: one more for the IRM's published assessments ({% irm_assessments %}, opengov/irm/templatetags/irm.py).
    # +3 for the commitment's story ({% commitment_story %}, opengov/cocreation/templatetags/cocreation.py):
    # origin responses, published assessments, monitoring notes.
    # +4 for similar commitments of other members ({% similar_commitments %}, opengov/insights/similarity.py):
    # data version, the commitment's areas, the candidate pool, the matches (uncached; cached it is 2).
    assert_fixed_budget(
        client, django_assert_max_num_queries, commitment.get_absolute_url(), add, budget=22
    )  # +2: stories panel and story timeline; +1: events panel


def test_policy_area_index_budget(client, django_assert_max_num_queries, plan):
    def add(n):
        for _ in range(n):
            CommitmentFactory(action_plan=plan, policy_areas=[policy_area("Audits"), policy_area("Open Data")])

    assert_fixed_budget(client, django_assert_max_num_queries, reverse("plans:policy-areas"), add, budget=3)


def test_policy_area_page_budget(client, django_assert_max_num_queries, db):
    url = reverse("plans:policy-area", kwargs={"slug": "anti-corruption-and-integrity"})

    def add(n):
        for _ in range(n):
            member = MemberFactory(ogp_code=next(_codes))
            other_plan = ActionPlanFactory(member=member)
            CommitmentFactory(action_plan=other_plan, policy_areas=[policy_area("Audits"), policy_area("Lobbying")])

    # +1 for the strongest results of the area ({% strongest_results %}, opengov/insights/similarity.py).
    assert_fixed_budget(client, django_assert_max_num_queries, url, add, budget=7)
