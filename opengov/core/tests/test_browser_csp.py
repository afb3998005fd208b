"""In a real browser, under the Content-Security-Policy: pages work, Swagger UI draws the API, the admin opens,
the editing forms still focus their error summary (core/site.js), and the browser reports no violation."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, MilestoneFactory, UserFactory
from opengov.members.models import Region
from opengov.plans.models import PolicyArea
from opengov.plans.phases import Phase
from opengov.plans.taxonomy import seed as seed_taxonomy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    seed_taxonomy(PolicyArea)
    albania = MemberFactory(
        name="Albania", slug="albania", ogp_code="AL", iso3="ALB", country="AL", region=Region.EUROPE
    )
    plan = ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01", phase=Phase.CO_CREATION)
    commitment = CommitmentFactory(action_plan=plan, ogp_id="AL0001", title="Open budget data every quarter")
    MilestoneFactory(commitment=commitment, title="Publish the first quarter's data", status="complete")
    MilestoneFactory(commitment=commitment, title="Publish the second quarter's data")
    editor = UserFactory(email="editor@albania.example.org")
    grant_role(None, editor, Role.GOVERNMENT_EDITOR, albania)
    staff = UserFactory(email="staff@su.example.org", is_staff=True, is_superuser=True)
    grant_role(None, staff, Role.SUPPORT_UNIT)
    return {"commitment": commitment, "editor": editor, "staff": staff}


def watch_violations(page: Page) -> list[str]:
    """Every CSP report the browser prints to the console (blocked scripts, styles, images, frames)."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return seen


def logged_in_page(browser: Browser, live_server, user) -> Page:
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


PUBLIC = ["/", "/members/", "/members/albania/", "/action-plans/AP_ALB01/", "/commitments/AL0001/", "/policy-areas/",
          "/insights/", "/data/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"]  # fmt: skip


def test_public_pages_raise_no_violation(page: Page, live_server, site):
    violations = watch_violations(page)
    for path in PUBLIC:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert violations == []
    page.goto(live_server.url + "/commitments/AL0001/")
    expect(page.locator("svg.progress rect")).to_have_attribute("width", "50")


def test_swagger_ui_draws_the_api_under_the_policy(page: Page, live_server, site):
    violations = watch_violations(page)
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".opblock-tag").first).to_be_visible(timeout=15_000)
    expect(page.get_by_text("/api/v1/members/", exact=True).first).to_be_attached()
    assert violations == []


def test_editing_form_focuses_its_error_summary(browser: Browser, live_server, site):
    page = logged_in_page(browser, live_server, site["editor"])
    violations = watch_violations(page)
    page.goto(live_server.url + "/manage/commitments/AL0001/")
    page.fill("input[name=title]", "")
    page.locator("form.stacked button[type=submit]").last.click()
    expect(page.locator("#error-summary")).to_be_focused()
    page.goto(live_server.url + "/manage/")
    assert violations == []


def test_the_admin_works_under_the_policy(browser: Browser, live_server, site):
    page = logged_in_page(browser, live_server, site["staff"])
    violations = watch_violations(page)
    for path in ("/admin/", "/admin/plans/commitment/", f"/admin/plans/commitment/{site['commitment'].pk}/change/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert violations == []
