"""The home page: what OGP is, key numbers from the data, and the newest action plans."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

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


def test_home_tells_what_is_happening_now(client, albania):
    """Every block from live data: the running campaign, the next Open Gov Week with its map, consultations open
    today, IRM reports open for comment, featured stories and the newest plans."""
    from opengov.campaigns import catalogue
    from opengov.factories import ConsultationFactory, EditionFactory, EventFactory, IrmReportFactory, UserFactory
    from opengov.stories.models import Story

    today = datetime.date.today()
    campaign = catalogue.ensure(catalogue.OPEN_GOV_CHALLENGE)
    campaign.ends_on = today + datetime.timedelta(days=200)
    campaign.save(update_fields=["ends_on"])
    edition = EditionFactory(year=2099)
    EventFactory(edition=edition, title="Budget hackathon in Tirana")
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    yesterday = today - datetime.timedelta(days=1)
    ConsultationFactory(action_plan=plan, title="Your ideas for the fifth plan", opens_on=yesterday)
    ConsultationFactory(action_plan=plan, title="Not open yet", opens_on=today + datetime.timedelta(days=5))
    IrmReportFactory(action_plan=plan, state="public_comment", comment_closes_on=today + datetime.timedelta(days=10))
    IrmReportFactory(action_plan=ActionPlanFactory(member=albania), state="draft")
    now = timezone.now()
    Story.objects.create(
        author=UserFactory(), status="featured", title="Budgets citizens can read", summary="In plain words.",
        body="b", country="AL", consent_publish=True, submitted_at=now, published_at=now, featured_at=now,
    )  # fmt: skip

    html = client.get(reverse("core:home")).content.decode()

    assert "Campaign under way" in html and "Open Gov Challenge" in html and 'class="progress"' in html
    assert "Next Open Gov Week" in html and "Budget hackathon in Tirana" in html
    assert f"{reverse('events:map')}?edition=2099" in html
    assert "Your ideas for the fifth plan" in html and "Not open yet" not in html
    assert f"Albania Action Plan Review {plan.start_year}-{plan.end_year}" in html  # open for public comment
    assert html.count("Action Plan Review") == 1  # the draft is not public
    assert "Budgets citizens can read" in html
    assert plan.name in html


def test_home_blocks_say_so_when_nothing_is_open(client, db):
    html = client.get(reverse("core:home")).content.decode()
    assert "No consultation is open today." in html
    assert "No IRM report is open for public comment today." in html


def test_home_blocks_are_current_after_a_write(client, albania):
    """Cached blocks are rebuilt after a write to what they read (core.freshness), not after a timeout. The test
    transaction never commits, so the change is published by hand, as the commit would."""
    from django.db import connections

    from opengov.core import freshness
    from opengov.factories import ConsultationFactory

    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    assert "Opened a minute ago" not in client.get(reverse("core:home")).content.decode()
    ConsultationFactory(action_plan=plan, title="Opened a minute ago", opens_on=datetime.date.today())
    freshness._publish(connections["default"])
    assert "Opened a minute ago" in client.get(reverse("core:home")).content.decode()
