"""Fixed query budgets for the members directory and member page: N rows and 3N rows cost the same."""

from __future__ import annotations

import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import (
    ActionPlanFactory,
    CivilSocietyOrganisationFactory,
    CommitmentFactory,
    EligibilityScoreFactory,
    MemberFactory,
    StatusChangeFactory,
    UserFactory,
)
from opengov.members.models import MemberKind

N = 3
_codes = (f"{a}{b}{c}" for a, b, c in itertools.product("VWXYZ", repeat=3))


def queries_for(client, url: str) -> int:
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
    with django_assert_max_num_queries(budget):
        client.get(url)


def test_directory_budget(client, django_assert_max_num_queries, db):
    def add(n):
        for _ in range(n):
            national = MemberFactory(ogp_code=next(_codes))
            MemberFactory(ogp_code=next(_codes), kind=MemberKind.LOCAL, parent=national)
            ActionPlanFactory.create_batch(2, member=national)

    assert_fixed_budget(client, django_assert_max_num_queries, reverse("members:directory"), add, budget=2)


def test_directory_budget_with_filters(client, django_assert_max_num_queries, db):
    def add(n):
        for _ in range(n):
            national = MemberFactory(ogp_code=next(_codes), name=f"Land {next(_codes)}")
            MemberFactory(ogp_code=next(_codes), kind=MemberKind.LOCAL, parent=national, name=f"Land {next(_codes)}")

    url = reverse("members:directory") + "?q=land&type=local&region=europe&status=active"
    assert_fixed_budget(client, django_assert_max_num_queries, url, add, budget=2)


def test_member_page_budget(client, django_assert_max_num_queries, albania):
    years = itertools.count(2012)

    def add(n):
        for _ in range(n):
            StatusChangeFactory(member=albania)
            EligibilityScoreFactory(member=albania, year=next(years))
            plan = ActionPlanFactory(member=albania)
            CommitmentFactory.create_batch(2, action_plan=plan)
            MemberFactory(ogp_code=next(_codes), kind=MemberKind.LOCAL, parent=albania)
            grant_role(None, UserFactory(), Role.POINT_OF_CONTACT, albania)
            CivilSocietyOrganisationFactory().members.add(albania)

    # 8: one more for the IRM's stars ({% irm_member_stars %}, opengov/irm/templatetags/irm.py).
    # 9 = 7 + 1 for the stories panel + 1 for the coalitions the member takes part in (coalitions/panels.py; the
    # support timeline panel costs nothing for visitors, who may not see it); +1 for the events panel.
    assert_fixed_budget(client, django_assert_max_num_queries, albania.get_absolute_url(), add, budget=11)
