"""In a real browser: an organiser submits an event, Italy's country moderator approves it from the queue, and a
visitor finds it on the map (drawn from the clustering endpoint over the offline outlines) and in the calendar feed.
Then axe checks every kind of events page (WCAG 2.2 AA), the submission form with its errors shown too."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, Page, expect

from opengov.events.choices import State
from opengov.events.models import Event
from opengov.factories import EditionFactory, EventFactory, MemberFactory, UserFactory
from opengov.members.models import Region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()


@pytest.fixture
def week():
    from opengov.accounts.actions import grant_role
    from opengov.accounts.models import Role

    MemberFactory(name="Italy", slug="italy", ogp_code="IT", iso3="ITA", country="IT", region=Region.EUROPE)
    edition = EditionFactory(year=2031)
    organiser = UserFactory(email="organiser@example.org")
    moderator = UserFactory(email="moderator@it.example.org")
    grant_role(None, moderator, Role.COUNTRY_MODERATOR, "IT")
    return {"edition": edition, "organiser": organiser, "moderator": moderator}


def signed_in(browser: Browser, live_server, user) -> BrowserContext:
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def submit(page: Page, base: str) -> None:
    page.goto(base + "/events/")
    page.get_by_role("link", name="Submit an event").first.click()
    page.get_by_label("Title", exact=True).fill("Rome open budget walk")
    page.get_by_label("Description", exact=True).fill("We walk through the **budget** of Rome.")
    page.get_by_label("Organiser", exact=True).fill("Open Data Italia")
    page.get_by_label("Type of organiser", exact=True).select_option("civil_society")
    page.get_by_label("Country", exact=True).select_option("IT")
    page.get_by_label("City (optional)").fill("Rome")
    page.get_by_label("Latitude (optional)").fill("41.9")
    page.get_by_label("Longitude (optional)").fill("12.49")
    page.get_by_label("In person").check()
    page.get_by_label("Start date", exact=True).fill("2031-05-19")
    page.get_by_label("Start time", exact=True).fill("10:00")
    page.get_by_label("End date", exact=True).fill("2031-05-19")
    page.get_by_label("End time", exact=True).fill("12:00")
    page.get_by_label("Time zone", exact=True).select_option("Europe/Rome")
    page.get_by_label("Civic Space").check()
    page.get_by_label("Type of event", exact=True).select_option("debate")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Rome open budget walk", level=1)).to_be_visible()


def test_submit_approve_find_on_the_map_and_in_the_feed(browser: Browser, live_server, week):
    base = live_server.url
    organiser = signed_in(browser, live_server, week["organiser"])
    try:
        submit(organiser.new_page(), base)
    finally:
        organiser.close()
    event = Event.objects.get()
    assert event.state == State.SUBMITTED

    moderator = signed_in(browser, live_server, week["moderator"])
    try:
        page = moderator.new_page()
        page.goto(base + "/events/")
        page.get_by_role("link", name="Moderation").click()
        page.get_by_role("link", name="Rome open budget walk").click()
        page.get_by_label("Approve").check()
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_text("Your decision was recorded")).to_be_visible()
    finally:
        moderator.close()
    event.refresh_from_db()
    assert event.state == State.APPROVED

    visitor = browser.new_context()
    try:
        page = visitor.new_page()
        page.goto(base + "/events/")
        page.get_by_role("link", name="Map").first.click()
        marker = page.locator(".leaflet-marker-icon[title='Rome open budget walk']")
        expect(marker).to_have_count(1)
        # the offline outlines (built once per process from the shapefile: slow on a busy machine)
        expect(page.locator(".leaflet-overlay-pane path").first).to_be_attached(timeout=60_000)
        marker.click()
        expect(page.locator(".leaflet-popup-content a")).to_have_text("Rome open budget walk")
        # the feed: subscribe with the country filter, then read what a calendar app would read
        page.goto(base + "/events/?country=IT")
        page.get_by_role("link", name="Subscribe to these events in your calendar (iCal)").click()
        feed_url = page.get_by_label("Or copy this address", exact=False).input_value()
        webcal = page.get_by_role("link", name="Open in my calendar app (webcal)").get_attribute("href")
        assert webcal is not None and webcal.startswith("webcal://")
        body = page.request.get(feed_url).body()
        entries = list(Calendar.from_ical(body).walk("VEVENT"))
        assert [str(e["summary"]) for e in entries] == ["Rome open budget walk"]
        assert str(entries[0]["url"]).endswith(event.get_absolute_url())
    finally:
        visitor.close()


def violations(page: Page, url: str) -> list[str]:
    page.goto(url)
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
    ]


def test_events_pages_have_no_wcag_violations(browser: Browser, live_server, week):
    event = EventFactory(edition=week["edition"], title="Budget walk")
    EventFactory(edition=week["edition"], title="Budget walk again", state=State.SUBMITTED)
    public = [
        "/events/",
        "/events/?country=IT&topic=civic_space",
        f"/events/calendar/?edition={week['edition'].year}",
        "/events/map/",
        "/events/statistics/",
        f"/events/editions/{week['edition'].year}/",
        event.get_absolute_url(),
        "/events/feeds/subscribe/?country=IT",
    ]
    context = signed_in(browser, live_server, week["moderator"])
    try:
        page = context.new_page()
        for path in [
            *public,
            "/events/moderation/",
            "/events/upload/",
            "/events/mine/",
            f"/events/editions/{week['edition'].year}/submit/",
        ]:
            assert violations(page, live_server.url + path) == [], path
        page.goto(live_server.url + f"/events/editions/{week['edition'].year}/submit/")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#error-summary")).to_be_visible()
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.response["violations"] == []
    finally:
        context.close()
