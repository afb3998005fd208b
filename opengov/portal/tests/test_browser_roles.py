"""Each role finishes its main job in a real browser by clicking only: log in, start at the home page, follow
links and buttons (no typed URL, no API, no admin unless the role works there)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.cocreation import actions as cocreation_actions
from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    ConsultationFactory,
    IrmReportFactory,
    MemberFactory,
    UserFactory,
    assign_researcher_to,
)
from opengov.irm import actions as irm_actions
from opengov.irm.models import Assessment, Assignment, Finding, Report
from opengov.members.models import Region
from opengov.plans.phases import Phase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def person(email: str, name: str, role: str | None = None, scope: object = None, **fields: object):
    user = UserFactory(email=email, display_name=name, email_confirmed_at=timezone.now(), **fields)
    if role is not None:
        grant_role(None, user, role, scope)
    return user


@pytest.fixture
def world():
    """Albania with a plan in implementation (IRM work) and a draft plan in consultation (co-creation work)."""
    albania = MemberFactory(
        name="Albania", slug="albania", ogp_code="AL", iso3="ALB", country="AL", region=Region.EUROPE
    )
    current = ActionPlanFactory(
        member=albania, number=4, ogp_id="AP_ALB04", start_year=2024, end_year=2026, phase=Phase.IMPLEMENTATION
    )
    CommitmentFactory(action_plan=current, ogp_id="AL0040", number="1", title="Open contracting portal")
    CommitmentFactory(action_plan=current, ogp_id="AL0041", number="2", title="Budget hearings in public")
    draft_plan = ActionPlanFactory(
        member=albania, number=5, ogp_id="AP_ALB05", start_year=2026, end_year=2028, phase=Phase.CO_CREATION
    )
    consultation = ConsultationFactory(action_plan=draft_plan, title="Consultation on the draft plan")
    participant = person("participant@example.org", "Daniel Okafor")
    proposal = cocreation_actions.contribute(
        participant, consultation, kind="proposal", title="Publish every contract", body="Call +355 69 000 0000."
    )
    return {"albania": albania, "current": current, "draft_plan": draft_plan, "proposal": proposal}


def log_in_and_start_at_home(page: Page, base_url: str, email: str) -> None:
    page.set_default_timeout(10_000)
    page.goto(base_url + "/")
    page.get_by_role("link", name="Log in", exact=True).click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="OpenGov Platform", exact=True).click()  # the home page
    expect(page).to_have_url(base_url + "/")
    page.get_by_role("link", name="My work").click()


def test_researcher_assesses_a_commitment(page: Page, live_server, world):
    researcher = person("researcher@example.org", "Elira Hoxha")
    assign_researcher_to(world["current"], researcher)
    report = IrmReportFactory(action_plan=world["current"], product="results_report", state="draft")
    log_in_and_start_at_home(page, live_server.url, researcher.email)

    page.get_by_role("link", name="IRM workspace").click()
    page.get_by_role("link", name=report.name).click()
    expect(page.get_by_text("0 of 2 commitments assessed")).to_be_visible()
    page.get_by_role("link", name="Assess AL0041").click()
    page.get_by_label("Verifiability").select_option(label="Verifiable")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_text("The assessment of AL0041 is saved.")).to_be_visible()
    expect(page.get_by_text("1 of 2 commitments assessed")).to_be_visible()
    assert Assessment.objects.get(report=report, commitment__ogp_id="AL0041").verifiable == "yes"


def test_irm_staff_assign_a_researcher_and_open_a_draft_for_comment(page: Page, live_server, world):
    staff = person("staff@irm.example.org", "Jonas Lindqvist", Role.IRM_STAFF)
    candidate = person("candidate@example.org", "Rosa Candidate")
    declaration = irm_actions.declare_interests(candidate, world["current"], "", no_conflict=True)
    report = IrmReportFactory(action_plan=world["current"], product="results_report", state="draft")
    log_in_and_start_at_home(page, live_server.url, staff.email)

    page.get_by_role("link", name="IRM workspace").click()
    page.get_by_role("button", name=f"Assign Rosa Candidate to {world['current'].name}").click()
    expect(page.get_by_text(f"Rosa Candidate is assigned to {world['current'].name}.")).to_be_visible()
    assert Assignment.objects.get(pk=declaration.pk).is_current

    page.get_by_role("button", name=f"Open for public comment: {report.name}").click()
    expect(page.get_by_text(f"{report.name} is now: Open for public comment.")).to_be_visible()
    assert Report.objects.get(pk=report.pk).state == "public_comment"


def test_support_unit_confirms_a_procedural_review_finding(page: Page, live_server, world):
    support = person("su@example.org", "Amira Haddad", Role.SUPPORT_UNIT, is_staff=True)
    finding = irm_actions.record_finding(support, world["current"], "no_progress", "No progress on any commitment.")
    log_in_and_start_at_home(page, live_server.url, support.email)

    page.get_by_role("link", name="Open the back office").click()
    page.get_by_role("link", name="Procedural-review findings").click()
    page.get_by_role("row", name=re.compile("Albania")).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Confirm the selected findings")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Findings confirmed: 1.")).to_be_visible()
    assert Finding.objects.get(pk=finding.pk).status == "confirmed"


def test_moderator_hides_a_flagged_contribution(page: Page, live_server, world):
    moderator = person("moderator@example.org", "Priya Raman", Role.MODERATOR)
    flagger = person("flagger@example.org", "Besa Dervishi")
    cocreation_actions.flag(flagger, world["proposal"], "It publishes a private phone number.")
    log_in_and_start_at_home(page, live_server.url, moderator.email)

    page.get_by_role("link", name="Flagged contributions").click()
    expect(page.get_by_text("It publishes a private phone number.")).to_be_visible()
    page.get_by_role("link", name="Hide").click()
    page.get_by_label("Reason").fill("Personal contact details are not published.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Hidden by a moderator.")).to_be_visible()
    world["proposal"].refresh_from_db()
    assert world["proposal"].visibility == "hidden"


def test_point_of_contact_answers_a_contribution(page: Page, live_server, world):
    poc = person("poc@albania.example.org", "Arben Krasniqi", Role.POINT_OF_CONTACT, world["albania"])
    log_in_and_start_at_home(page, live_server.url, poc.email)

    page.get_by_role("link", name=re.compile(r"AP_ALB05")).first.click()
    page.get_by_role("link", name="Consultation on the draft plan").click()
    page.get_by_role("link", name="Answer").click()
    page.get_by_label("Not adopted").check()
    page.get_by_label("Justification").fill("Contracts are already published by the procurement agency.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Government's answer: Not adopted")).to_be_visible()
    world["proposal"].refresh_from_db()
    assert world["proposal"].response.outcome == "not_adopted"


def test_the_dates_stay_current(world):
    # The consultation factory's window (2022-2099) keeps the consultation open whatever day the test runs.
    assert world["proposal"].consultation.is_open(datetime.date.today())
