"""WCAG 2.2 A/AA checks with axe-core in the real browser, on every kind of page a person meets:
the public portal, the account pages and a government editor's forms (with errors shown).

axe finds what can be found automatically (contrast, names, labels, landmarks, ARIA); the walkthrough
test covers keyboard paths. A violation fails the test with the rule, its help text and the elements.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import Browser, Page

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    UserFactory,
    policy_area,
)
from opengov.irm.actions import assess_process
from opengov.members.models import Region
from opengov.plans.models import PolicyArea
from opengov.plans.phases import Phase
from opengov.plans.taxonomy import seed as seed_taxonomy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()


@pytest.fixture
def site():
    # Transactional tests flush every table, the migration-seeded taxonomy included: seed it again.
    seed_taxonomy(PolicyArea)
    albania = MemberFactory(
        name="Albania", slug="albania", ogp_code="AL", iso3="ALB", country="AL", region=Region.EUROPE
    )
    plan = ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01", phase=Phase.CO_CREATION)
    commitment = CommitmentFactory(
        action_plan=plan,
        ogp_id="AL0001",
        title="Open budget data every quarter",
        policy_areas=[policy_area("Fiscal Openness"), policy_area("Open Data")],
    )
    MilestoneFactory(commitment=commitment, title="Publish the first quarter's data")
    ProgressUpdateFactory(commitment=commitment, text="Data for **Q1** published: [budget](https://example.org/q1).")
    editor = UserFactory(email="editor@albania.example.org")
    grant_role(None, editor, Role.GOVERNMENT_EDITOR, albania)
    return {"commitment": commitment, "plan": plan, "editor": editor}


def violations_on(page: Page, url: str) -> list[str]:
    page.goto(url)
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


PUBLIC_PAGES = [
    "/",
    "/members/",
    "/members/?region=europe&q=alb",
    "/members/albania/",
    "/action-plans/AP_ALB01/",
    "/commitments/AL0001/",
    "/policy-areas/",
    "/policy-areas/fiscal-openness/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_wcag_violations(page: Page, live_server, site, path):
    assert violations_on(page, live_server.url + path) == []


def test_public_pages_in_spanish_have_no_wcag_violations(browser: Browser, live_server, site):
    context = browser.new_context(locale="es-ES", extra_http_headers={"Accept-Language": "es"})
    try:
        page = context.new_page()
        for path in ("/", "/members/albania/", "/commitments/AL0001/"):
            assert violations_on(page, live_server.url + path) == [], path
    finally:
        context.close()


def test_editing_pages_have_no_wcag_violations_even_with_errors(browser: Browser, live_server, site):
    client = Client()
    client.force_login(site["editor"])
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    try:
        page = context.new_page()
        for path in (
            "/manage/",
            "/accounts/",
            "/accounts/api-token/",
            "/notifications/",
            f"/manage/commitments/{site['commitment'].ogp_id}/",
            f"/manage/action-plans/{site['plan'].ogp_id}/commitments/new/",
        ):
            assert violations_on(page, live_server.url + path) == [], path
        # A form sent back with errors: the error summary and the invalid fields must be accessible too.
        page.goto(live_server.url + f"/manage/commitments/{site['commitment'].ogp_id}/")
        page.fill("input[name=title]", "")
        page.locator("form.stacked button[type=submit]").last.click()
        assert page.locator("[aria-invalid=true]").count() >= 1
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.response["violations"] == []
    finally:
        context.close()


def test_irm_process_and_insights_public_influence_pages_have_no_wcag_violations(browser: Browser, live_server, site):
    """The IRM report page with its public influence findings, the form that records them (with an error
    shown) and the insights pages that show them."""
    from opengov.factories import IrmReportFactory, assign_researcher_to

    plan = site["plan"]
    published = IrmReportFactory(
        action_plan=plan,
        product="results_report",
        state="published",
        publication_year=2024,
        iap2_level_development="involve",
        participation_open=True,
    )
    draft = IrmReportFactory(action_plan=plan, product="action_plan_review", state="draft")
    researcher = assign_researcher_to(plan, UserFactory(email="researcher@irm.example.org"))
    client = Client()
    client.force_login(researcher)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    try:
        page = context.new_page()
        for path in (
            published.get_absolute_url(),
            draft.get_absolute_url(),
            f"/irm/reports/{draft.pk}/process/",
            "/insights/members/albania/",
            "/insights/indicators/public-influence/",
        ):
            assert violations_on(page, live_server.url + path) == [], path
        # Sent back with a conflict (someone saved another value in the same field meanwhile): the conflict
        # panel must be accessible too.
        page.goto(live_server.url + f"/irm/reports/{draft.pk}/process/")
        draft.refresh_from_db()
        assess_process(researcher, draft, {"iap2_level_development": "inform"}, draft.version)
        page.select_option("select[name=iap2_level_development]", "empower")
        page.locator("main form button[type=submit]").click()
        assert "not been saved yet" in page.content()
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.response["violations"] == []
    finally:
        context.close()


def test_the_checker_reports_known_violations(page: Page):
    """The harness is live: an image without text and a page without a language are reported."""
    page.set_content('<html><body><img src="chart.png"><a href="/x"></a></body></html>')
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = {v["id"] for v in results.response["violations"]}
    assert {"image-alt", "html-has-lang", "link-name"} <= found


def test_irm_workspace_and_my_work_pages_have_no_wcag_violations(browser: Browser, live_server, site):
    """The IRM staff's workspace (declarations, move buttons, comments) and "My work" with its sections."""
    from opengov.factories import IrmReportFactory
    from opengov.irm.actions import add_comment, declare_interests

    plan = site["plan"]
    open_report = IrmReportFactory(action_plan=plan, product="results_report", state="public_comment")
    IrmReportFactory(action_plan=plan, product="action_plan_review", state="draft")
    add_comment(UserFactory(), open_report, "Please check the **dates**.")
    declare_interests(UserFactory(display_name="Rosa Candidate"), plan, "", no_conflict=True)
    staff = UserFactory(email="staff@irm.example.org")
    grant_role(None, staff, Role.IRM_STAFF)
    grant_role(None, staff, Role.MODERATOR)
    client = Client()
    client.force_login(staff)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    try:
        page = context.new_page()
        for path in ("/irm/workspace/", "/accounts/", open_report.get_absolute_url(), plan.get_absolute_url()):
            assert violations_on(page, live_server.url + path) == [], path
    finally:
        context.close()
