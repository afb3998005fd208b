"""WCAG 2.2 AA (axe in the real browser) on the pages of governance, staff support, joining and coalitions, for
the public and for Support Unit staff, including the mandate screen showing its warnings."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.coalitions import actions as coalition_actions
from opengov.factories import MemberFactory, UserFactory, policy_area
from opengov.governance.bodies import seed as seed_bodies
from opengov.governance.models import Body, Mandate, Meeting, Sector, term_end, term_start
from opengov.members import joining_actions
from opengov.members.joining_models import CandidateEligibility
from opengov.members.models import Region
from opengov.members.tests.test_browser_local_call import no_violations
from opengov.plans.models import PolicyArea
from opengov.plans.taxonomy import seed as seed_taxonomy
from opengov.support import actions as support_actions
from opengov.support.models import StaffCoverage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    # Transactional tests flush every table, the migration-seeded rows included: seed them again.
    seed_taxonomy(PolicyArea)
    seed_bodies(Body)
    albania = MemberFactory(name="Albania", slug="albania", ogp_code="AL", country="AL", region=Region.EUROPE)
    staff = UserFactory(email="staff@su.example.org", is_staff=True)
    grant_role(None, staff, Role.SUPPORT_UNIT)
    StaffCoverage.objects.create(user=staff, region=Region.EUROPE)
    poc = UserFactory(email="poc@albania.example.org")
    grant_role(None, poc, Role.POINT_OF_CONTACT, albania)
    sc = Body.objects.get(slug="steering-committee")
    start = term_start(timezone.localdate().year - 1)
    Mandate.objects.create(
        body=sc,
        sector=Sector.GOVERNMENT,
        member=albania,
        holder="Albania",
        starts_on=start,
        ends_on=term_end(start),
        contact_email="minister@albania.example.org",
    )
    meeting = Meeting.objects.create(body=sc, title="Working-level meeting", held_on=datetime.date(2025, 5, 1))
    request = support_actions.ask(poc, albania, {"topic": "irm", "subject": "IRM timing", "message": "When?"})
    support_actions.add_note(staff, request, "Internal note")
    support_actions.reply(staff, request, "Soon.")
    coalition = coalition_actions.create_coalition(
        staff,
        {"name": "Open Water", "slug": "open-water", "description": "Water data."},
        [policy_area("Water & Sanitation")],
    )
    coalition_actions.join(poc, coalition, "government", albania)
    thread = coalition_actions.start_thread(poc, coalition, "Meters", "Who publishes **meter** data?")
    CandidateEligibility.objects.create(
        country="EC",
        year=2025,
        region=Region.AMERICAS,
        fiscal_transparency=4,
        access_to_information=4,
        asset_disclosure=4,
        citizen_engagement=4,
        values_check_passed=True,
    )
    application = joining_actions.submit_application(
        UserFactory(),
        {
            "country": "EC",
            "government_name": "Ecuador",
            "lead_agency": "Secretariat",
            "poc_name": "G. A.",
            "poc_email": "ga@ec.example.org",
        },
        SimpleUploadedFile("l.pdf", b"%PDF-1.4 x"),
    )
    return {
        "staff": staff,
        "poc": poc,
        "meeting": meeting,
        "request": request,
        "thread": thread,
        "application": application,
    }


def context_for(browser: Browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def test_public_pages(page, live_server, site):
    page.set_default_timeout(10_000)
    for path in (
        "/governance/",
        "/governance/steering-committee/",
        "/governance/board/",
        f"/governance/steering-committee/meetings/{site['meeting'].pk}/",
        "/coalitions/",
        "/coalitions/open-water/",
        site["thread"].get_absolute_url(),
        "/join/",
        "/ogp-local/calls/",
    ):
        page.goto(live_server.url + path)
        no_violations(page)


def test_staff_and_requester_pages(browser, live_server, site):
    staff = context_for(browser, live_server, site["staff"])
    poc = context_for(browser, live_server, site["poc"])
    try:
        page = staff.new_page()
        for path in (
            "/support/queue/",
            "/support/queue/?view=all&status=any",
            site["request"].get_absolute_url(),
            "/members/albania/",
            site["application"].get_absolute_url(),
            "/join/applications/",
            "/ogp-local/calls/new/",
            "/coalitions/moderation/",
            site["thread"].get_absolute_url(),
        ):
            page.goto(live_server.url + path)
            no_violations(page)
        # The mandate screen with its warnings shown (a second government seat breaks parity).
        page.goto(live_server.url + "/governance/steering-committee/mandates/new/")
        no_violations(page)
        page.get_by_label("Member government").select_option(label="Albania")
        page.get_by_label("Holder").fill("Albania (second seat)")
        page.get_by_label("Term starts on").fill(term_start(timezone.localdate().year - 1).isoformat())
        page.get_by_role("button", name="Save").click()
        assert page.get_by_role("heading", name="This change needs your confirmation").count() == 1
        no_violations(page)
        page = poc.new_page()
        for path in ("/support/", "/support/new/", site["request"].get_absolute_url(), "/join/apply/"):
            page.goto(live_server.url + path)
            no_violations(page)
    finally:
        staff.close()
        poc.close()
