"""OGP Local in a real browser: an official expresses interest (a term too short is refused on the field, nothing
typed is lost), the Support Unit shortlists, the official uploads the letters of support, the Support Unit makes
the jurisdiction a finalist and accepts it, and the new local member's page exists under its country. axe checks
the pages on the way."""

from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.core.months import add_months
from opengov.factories import MemberFactory, UserFactory
from opengov.members.joining_models import LocalCall
from opengov.members.models import Member, MemberKind, Region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()


def signed_in(browser: Browser, live_server, user) -> BrowserContext:
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    context.set_default_timeout(10_000)
    return context


def no_violations(page: Page) -> None:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]
    assert found == [], page.url


@pytest.fixture
def world():
    kenya = MemberFactory(name="Kenya", slug="kenya", ogp_code="KE", country="KE", region=Region.AFRICA_MIDDLE_EAST)
    today = timezone.localdate()
    call = LocalCall.objects.create(
        title="OGP Local 2026", slug="ogp-local-2026", text="Join **OGP Local**.", places=50,
        opens_on=today - datetime.timedelta(days=5), closes_on=today + datetime.timedelta(days=30),
    )  # fmt: skip
    staff = UserFactory(email="staff@su.example.org", is_staff=True)
    grant_role(None, staff, Role.SUPPORT_UNIT)
    official = UserFactory(email="mayor@nakuru.example.org", display_name="Mayor of Nakuru")
    return {"kenya": kenya, "call": call, "staff": staff, "official": official}


def test_expression_of_interest_from_submission_to_new_local_member(browser: Browser, live_server, world, tmp_path):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4 letter of support")
    official = signed_in(browser, live_server, world["official"])
    staff = signed_in(browser, live_server, world["staff"])
    try:
        page = official.new_page()
        page.goto(live_server.url + "/ogp-local/calls/ogp-local-2026/")
        no_violations(page)
        page.get_by_role("link", name="Express interest").click()
        page.get_by_label("Country").select_option(label="Kenya")
        page.get_by_label("Jurisdiction", exact=True).fill("Nakuru County")
        page.get_by_label("Type of jurisdiction").fill("County")
        page.get_by_label("Submitting official").fill("J. Mwangi")
        page.get_by_label("Official's position").fill("Governor")
        page.get_by_label("Contact e-mail").fill("governor@nakuru.example.org")
        page.get_by_label("Supporting non-governmental organisations").fill("Nakuru Civic Forum")
        for label in (
            "Reasons for joining and ambition",
            "Open government track record in the past three years",
            "Capacity and resources",
            "Expected benefits",
            "Contribution to the OGP Local community",
        ):
            page.get_by_label(label).fill(f"Our answer: {label.lower()}.")
        term = page.get_by_label("Current administration's term ends on")
        term.fill(add_months(timezone.localdate(), 10).isoformat())
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("alert")).to_contain_text("At least 16 months")
        expect(page.get_by_label("Jurisdiction", exact=True)).to_have_value("Nakuru County")  # nothing lost
        no_violations(page)
        term.fill(add_months(timezone.localdate(), 24).isoformat())
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Expression of interest: Nakuru County")
        eoi_url = page.url

        review = staff.new_page()
        review.goto(eoi_url)
        review.get_by_label("New status").select_option(label="Shortlisted")
        review.get_by_role("button", name="Change the status").click()
        expect(review.get_by_text("Shortlisted", exact=True).first).to_be_visible()

        page.goto(eoi_url)
        for kind, signatory in (
            ("Head of the jurisdiction", "The Governor"),
            ("Non-governmental organisation", "Nakuru Civic Forum"),
        ):
            page.get_by_label("From", exact=True).select_option(label=kind)
            page.get_by_label("Signed by").fill(signatory)
            page.get_by_label("Letter", exact=True).set_input_files(str(letter))
            page.get_by_role("button", name="Upload the letter").click()
            expect(page.get_by_role("link", name=f"{kind}: {signatory}")).to_be_visible()
        no_violations(page)

        review.goto(eoi_url)
        review.get_by_label("New status").select_option(label="Finalist")
        review.get_by_role("button", name="Change the status").click()
        no_violations(review)
        review.get_by_role("button", name="Accept: create the OGP Local member").click()
        review.get_by_role("link", name="Nakuru County is an OGP Local member").click()
        expect(review.get_by_role("heading", level=1)).to_have_text("Nakuru County")
        no_violations(review)
    finally:
        official.close()
        staff.close()
    member = Member.objects.get(name="Nakuru County")
    assert (member.kind, member.parent, member.status) == (MemberKind.LOCAL, world["kenya"], "active")
