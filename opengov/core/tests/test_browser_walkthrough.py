"""A visitor's path through the public pages in a real browser, by the links' accessible names:
home -> members directory -> a member -> its action plan -> a commitment; keyboard access and a phone."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, MilestoneFactory
from opengov.members.models import Region
from opengov.plans.phases import Phase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMITMENT_TITLE = "Publish a central register of the beneficial owners of companies"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def albania_with_plans():
    """Albania with three plans (the walk opens the middle one), plus other members around it."""
    albania = MemberFactory(
        name="Albania", slug="albania", ogp_code="AL", iso3="ALB", country="AL", region=Region.EUROPE
    )
    MemberFactory(name="Armenia", slug="armenia", ogp_code="AM", iso3="ARM", country="AM", region=Region.EUROPE)
    MemberFactory(name="Kenya", slug="kenya", ogp_code="KE", iso3="KEN", country="KE", region=Region.AFRICA_MIDDLE_EAST)
    plans = {}
    for number, (start, end, phase) in enumerate(
        [(2020, 2022, Phase.ENDED), (2022, 2024, Phase.ENDED), (2024, 2026, Phase.IMPLEMENTATION)], start=1
    ):
        plans[start] = ActionPlanFactory(
            member=albania, number=number, start_year=start, end_year=end, phase=phase,
            start_date=datetime.date(start, 9, 1), end_date=datetime.date(end, 8, 31),
        )  # fmt: skip
    commitment = CommitmentFactory(action_plan=plans[2022], ogp_id="AL0004", number="1", title=COMMITMENT_TITLE)
    CommitmentFactory(action_plan=plans[2022], ogp_id="AL0005", number="2", title="Open budget data every quarter")
    MilestoneFactory(commitment=commitment, title="Adopt regulation on beneficial ownership disclosure")
    return albania


def heading(page: Page, name: str):
    return page.get_by_role("heading", level=1, name=name, exact=True)


def walk(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^[a-z]{2}"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.get_by_role("link", name="Members directory").click()
    expect(heading(page, "Members")).to_be_visible()

    page.get_by_role("link", name="Albania", exact=True).click()
    expect(heading(page, "Albania")).to_be_visible()

    page.get_by_role("link", name="Albania Action Plan 2022-2024").click()
    expect(heading(page, "Albania Action Plan 2022-2024")).to_be_visible()

    page.get_by_role("link", name=COMMITMENT_TITLE).click()
    expect(heading(page, COMMITMENT_TITLE)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/commitments/AL0004/$"))
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^[a-z]{2}"))


def test_walk_from_home_to_a_commitment(page: Page, live_server, albania_with_plans):
    page.set_default_timeout(10_000)
    walk(page, live_server.url)


def test_skip_link_moves_focus_to_main(page: Page, live_server, albania_with_plans):
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/members/albania/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # hidden off-screen until focused, then shown to keyboard users
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues from the main content, not from the header.
    page.keyboard.press("Tab")
    in_main = page.evaluate("document.activeElement.closest('main') !== null")
    assert in_main


def test_walk_on_a_phone(browser: Browser, live_server, albania_with_plans):
    context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        walk(page, live_server.url)
        # Nothing forces the reader to scroll sideways on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    finally:
        context.close()
