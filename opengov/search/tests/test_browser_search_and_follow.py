"""In a real browser: the header search box -> a result -> the commitment page -> following it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, UserFactory
from opengov.following.actions import is_following
from opengov.members.models import Region
from opengov.search import indexer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_header_search_to_a_commitment_then_follow_it(page: Page, live_server):
    kenya = MemberFactory(name="Kenya", slug="kenya", ogp_code="KE", iso3="KEN", region=Region.AFRICA_MIDDLE_EAST)
    commitment = CommitmentFactory(
        action_plan=ActionPlanFactory(member=kenya), ogp_id="KE0001", title="Beneficial ownership transparency"
    )
    indexer.rebuild()
    user = UserFactory(email="reader@example.org")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )  # fmt: skip

    page.goto(live_server.url + "/members/")
    page.get_by_role("searchbox", name="Search the site").fill("benefical ownership")  # misspelt on purpose
    page.get_by_role("search").filter(has=page.get_by_role("searchbox", name="Search the site")).get_by_role(
        "button", name="Search"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Search")).to_be_visible()
    expect(page.get_by_text("Showing results for")).to_be_visible()  # the misspelling was corrected
    page.get_by_role("link", name="KE0001 Beneficial ownership transparency").click()
    expect(page).to_have_url(live_server.url + commitment.get_absolute_url())

    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("button", name="Following · stop following")).to_be_visible()
    assert is_following(user, commitment)
