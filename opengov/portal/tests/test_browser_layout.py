"""The public face in a real browser at 1366 px and on a 390 x 844 phone: a header under 15 % of the first screen,
a menu that opens without JavaScript, no sideways scrolling, chart labels of at least 12 px, the footer at the
bottom of a short page, the footer's pages free of WCAG violations, and no page heavier than 200 KB of HTML, CSS
and JavaScript."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from opengov.core.tests.test_accessibility import WCAG_TAGS
from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, MilestoneFactory, policy_area
from opengov.members.models import Region
from opengov.plans.models import PolicyArea
from opengov.plans.phases import Phase
from opengov.plans.taxonomy import seed as seed_taxonomy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PAGES = ["/", "/members/", "/members/albania/", "/action-plans/AP_ALB01/", "/commitments/AL0001/", "/policy-areas/",
         "/insights/", "/events/", "/stories/", "/about/", "/contact/"]  # fmt: skip
FOOTER_PAGES = ["/about/", "/accessibility/", "/privacy/", "/terms/", "/contact/"]
BUDGET = 200 * 1024


@pytest.fixture
def site():
    seed_taxonomy(PolicyArea)
    albania = MemberFactory(
        name="Albania", slug="albania", ogp_code="AL", iso3="ALB", country="AL", region=Region.EUROPE
    )
    MemberFactory(name="Kenya", slug="kenya", ogp_code="KE", iso3="KEN", country="KE", region=Region.AFRICA_MIDDLE_EAST)
    plan = ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01", phase=Phase.IMPLEMENTATION)
    commitment = CommitmentFactory(
        action_plan=plan,
        ogp_id="AL0001",
        title="Open budget data every quarter",
        policy_areas=[policy_area("Open Data")],
    )
    MilestoneFactory(commitment=commitment, title="Publish the first quarter's data", status="complete")
    MilestoneFactory(commitment=commitment, title="Publish the second quarter's data")
    return plan


def phone_page(browser: Browser, javascript: bool = True) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript)
    return context.new_page()


def test_phone_header_is_small_and_nothing_scrolls_sideways(browser: Browser, live_server, site):
    page = phone_page(browser)
    try:
        for path in PAGES:
            page.goto(live_server.url + path)
            header = page.locator(".site-header").bounding_box()
            assert header is not None and header["height"] < 0.15 * PHONE["height"], (path, header)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
            expect(page.locator(".site-header").get_by_role("searchbox")).to_be_visible()  # the site search stays
    finally:
        page.context.close()


def test_phone_menu_opens_without_javascript(browser: Browser, live_server, site):
    page = phone_page(browser, javascript=False)
    try:
        page.goto(live_server.url + "/")
        members = page.get_by_role("navigation", name="Main").get_by_role("link", name="Members", exact=True)
        expect(members).to_be_hidden()
        page.locator(".site-menu > summary").click()
        expect(members).to_be_visible()
        members.click()
        expect(page.get_by_role("heading", level=1, name="Members")).to_be_visible()
    finally:
        page.context.close()


def test_desktop_shows_the_menu_and_keeps_the_footer_down(browser: Browser, live_server, site):
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")  # a short page
        expect(page.locator(".site-menu > summary")).to_be_hidden()
        expect(
            page.get_by_role("navigation", name="Main").get_by_role("link", name="Members", exact=True)
        ).to_be_visible()
        footer = page.locator(".site-footer").bounding_box()
        assert footer is not None and footer["y"] + footer["height"] >= DESKTOP["height"] - 1  # no band under it
        for name in ("About", "Accessibility statement", "Privacy", "Terms of use", "Contact"):
            expect(page.get_by_role("contentinfo").get_by_role("link", name=name, exact=True)).to_be_visible()
        # Without JavaScript the menu is shown too (site.css, ::details-content).
        bare = browser.new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
        bare.goto(live_server.url + "/")
        expect(bare.get_by_role("navigation", name="Main").get_by_role("link", name="Insights")).to_be_visible()
        bare.context.close()
    finally:
        context.close()


CHART_TEXT_SIZES = """() => {
  const sizes = [];
  for (const svg of document.querySelectorAll('.chart-svg svg')) {
    const box = svg.getBoundingClientRect();
    if (!box.width) continue;  // the drawing for the other screen size
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) sizes.push(parseFloat(getComputedStyle(text).fontSize) * scale);
  }
  return sizes;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chart_labels_are_at_least_12_px(browser: Browser, live_server, site, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/insights/")
        sizes = page.evaluate(CHART_TEXT_SIZES)
        assert sizes and min(sizes) >= 11.9, min(sizes or [0])
        expect(page.locator("table.chart-table").first).to_be_attached()  # the numbers stay as a table
    finally:
        context.close()


@pytest.mark.parametrize("path", FOOTER_PAGES)
def test_footer_pages_have_no_wcag_violations(page: Page, live_server, db, path):
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


PAGE_WEIGHT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  let total = nav.decodedBodySize;
  for (const r of performance.getEntriesByType('resource')) {
    const code = ['script', 'link', 'css'].includes(r.initiatorType) || /\\.(css|js)(\\?|$)/.test(r.name);
    if (code) total += r.decodedBodySize;
  }
  return total;
}"""


def test_no_page_is_heavier_than_200_kb_of_html_css_and_javascript(page: Page, live_server, site):
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        weight = page.evaluate(PAGE_WEIGHT)
        assert 0 < weight < BUDGET, (path, weight)
