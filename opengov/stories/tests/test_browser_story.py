"""In a real browser: a citizen shares a photo story about a commitment, a communications editor publishes it,
and it shows on the commitment's page, on its story, and in the Atom feed. Then axe checks the new pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import Browser, expect

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.campaigns import catalogue
from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, UserFactory
from opengov.members.models import Region
from opengov.plans.models import PolicyArea
from opengov.plans.taxonomy import seed as seed_taxonomy

from .conftest import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TITLE = "Budget hearings that mothers can attend"


@pytest.fixture
def people():
    seed_taxonomy(PolicyArea)
    albania = MemberFactory(
        name="Albania", slug="albania", ogp_code="AL", iso3="ALB", country="AL", region=Region.EUROPE
    )
    plan = ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01")
    CommitmentFactory(action_plan=plan, ogp_id="AL0001", title="Open budget hearings in every municipality")
    author = UserFactory(email="author@example.org", display_name="Ana Author")
    editor = UserFactory(email="comms@ogp.example.org")
    grant_role(None, editor, Role.COMMUNICATIONS_EDITOR)
    return {"author": author, "editor": editor}


def signed_in(browser: Browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
    ]


def test_share_a_photo_story_publish_it_and_find_it_on_the_commitment_and_in_the_feed(
    browser: Browser, live_server, people, tmp_path
):
    photo = tmp_path / "hearing.png"
    photo.write_bytes(PNG)
    context, page = signed_in(browser, live_server, people["author"])
    try:
        page.goto(live_server.url + "/stories/")
        page.get_by_role("link", name="Share a story").first.click()
        expect(page.get_by_role("heading", level=1, name="Share a story")).to_be_visible()
        page.get_by_role("button", name="Send the story for review").click()  # empty: errors, nothing lost
        expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
        assert violations(page) == []
        page.get_by_label("Title", exact=True).fill(TITLE)
        page.get_by_label("Summary", exact=True).fill("Hearings moved to the evening, with childcare.")
        page.get_by_label("The story", exact=True).fill("It started with a **survey** of parents.")
        page.get_by_label(re.compile(r"^Country")).select_option("AL")
        page.get_by_label("Format", exact=True).select_option("photo_essay")
        page.get_by_label("Commitments it is about").fill("AL0001")
        page.get_by_label(re.compile(r"^Photo 1 ")).set_input_files(str(photo))
        page.get_by_label(re.compile(r"^Photo 1: what it shows")).fill("Parents at an evening hearing")
        page.get_by_label("I agree that OGP publishes this story").check()
        page.get_by_role("button", name="Send the story for review").click()
        expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
        expect(page.get_by_text("Awaiting review")).to_be_visible()
        story_url = page.url
    finally:
        context.close()

    context, page = signed_in(browser, live_server, people["editor"])
    try:
        page.goto(story_url)
        expect(page.get_by_role("img", name="Parents at an evening hearing")).to_be_visible()
        assert violations(page) == []
        page.get_by_role("button", name="Publish", exact=True).click()
        expect(page.get_by_text("Decision saved; the author has been told.")).to_be_visible()
    finally:
        context.close()

    page = browser.new_page()
    try:
        page.goto(live_server.url + "/commitments/AL0001/")
        page.get_by_role("link", name=TITLE).first.click()
        expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
        page.goto(live_server.url + "/commitments/AL0001/")
        expect(page.get_by_text("Story published")).to_be_visible()  # on the commitment's story
        feed = page.request.get(live_server.url + "/stories/feed/")
        root = ET.fromstring(feed.body())  # noqa: S314 - our own feed, parsed in a test
        titles = [
            e.findtext("{http://www.w3.org/2005/Atom}title") for e in root.iter("{http://www.w3.org/2005/Atom}entry")
        ]
        assert titles == [TITLE]
        for path in ("/stories/", "/stories/?q=hearing", "/", "/commitments/AL0001/"):
            page.goto(live_server.url + path)
            assert violations(page) == [], path
    finally:
        page.close()


def test_campaign_pages_have_no_wcag_violations(browser: Browser, live_server, people):
    catalogue.ensure_campaigns()
    context, page = signed_in(browser, live_server, people["author"])
    try:
        for path in (
            "/campaigns/",
            "/campaigns/break-the-roles/",
            "/campaigns/open-response-open-recovery/",
            "/campaigns/open-response-open-recovery/examples/",
            "/campaigns/open-response-open-recovery/examples/new/",
            "/campaigns/open-gov-challenge/challenge/",
            "/campaigns/open-gov-challenge/challenge/new/",
            "/stories/mine/",
        ):
            page.goto(live_server.url + path)
            assert violations(page) == [], path
    finally:
        context.close()
