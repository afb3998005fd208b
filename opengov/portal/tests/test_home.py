"""The home page: what OGP is, key numbers from the data, and the newest action plans."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory
from opengov.members.models import Member, MemberKind, MemberStatus
from opengov.plans.models import CommitmentStatus, PolicyArea
from opengov.plans.phases import Phase


@pytest.fixture(autouse=True)
def fresh_cache():
    # The key numbers are cached for five minutes; each test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()


def test_home_explains_ogp_and_links_to_the_directory_and_policy_areas(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open Government Partnership" in html
    assert reverse("members:directory") in html
    assert reverse("plans:policy-areas") in html


def test_home_key_numbers_come_from_the_data(client, albania, armenia):
    mexico = MemberFactory(name="Mexico", ogp_code="MX")
    MemberFactory(name="Jalisco", ogp_code="JAL", kind=MemberKind.LOCAL, parent=mexico)
    MemberFactory(name="Madrid", ogp_code="MAD", kind=MemberKind.LEGACY_LOCAL)
    Member.objects.filter(name="Armenia").update(status=MemberStatus.SUSPENDED)
    implementing = ActionPlanFactory(member=albania, phase=Phase.IMPLEMENTATION)
    drafting = ActionPlanFactory(member=mexico, phase=Phase.CO_CREATION)
    CommitmentFactory.create_batch(3, action_plan=implementing)
    CommitmentFactory(action_plan=implementing, status=CommitmentStatus.WITHDRAWN)
    CommitmentFactory(action_plan=drafting)

    numbers = client.get(reverse("core:home")).context["numbers"]

    assert numbers["active_national"] == 2  # Albania, Mexico (Armenia is suspended)
    assert numbers["active_local"] == 2
    assert numbers["action_plans"] == 2
    assert numbers["commitments"] == 5
    assert numbers["in_implementation"] == 3  # the withdrawn one and the draft plan's are not
    assert numbers["policy_areas"] == PolicyArea.objects.count() > 0


def test_home_lists_the_most_recent_action_plans_first(client, albania, armenia):
    ActionPlanFactory(member=albania, number=1, start_year=2012, end_year=2014)
    ActionPlanFactory(member=armenia, number=5, start_year=2024, end_year=2026, submitted_on=datetime.date(2024, 1, 5))

    response = client.get(reverse("core:home"))

    plans = list(response.context["recent_plans"])
    assert [p.ogp_id for p in plans] == ["AP_ARM05", "AP_ALB01"]
    html = response.content.decode()
    assert html.index("Armenia Action Plan 2024-2026") < html.index("Albania Action Plan 2012-2014")


def test_home_numbers_are_cached(client, albania):
    first = client.get(reverse("core:home")).context["numbers"]
    MemberFactory(name="Latecomer", ogp_code="LT")
    second = client.get(reverse("core:home")).context["numbers"]
    assert second == first
