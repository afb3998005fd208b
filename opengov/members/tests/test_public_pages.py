"""The members directory and member pages, as the public sees them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import (
    ActionPlanFactory,
    CivilSocietyOrganisationFactory,
    CommitmentFactory,
    EligibilityScoreFactory,
    MemberFactory,
    StatusChangeFactory,
    UserFactory,
)
from opengov.members.models import Member, MemberKind, MemberStatus, Region


def directory(client, **params):
    return client.get(reverse("members:directory"), params)


def names(response) -> list[str]:
    return [m.name for m in response.context["page"].object_list]


@pytest.fixture
def world(albania, armenia):
    """Two European nationals, one American national with a local, one suspended Asian national."""
    mexico = MemberFactory(name="Mexico", ogp_code="MX", iso3="MEX", region=Region.AMERICAS)
    jalisco = MemberFactory(
        name="Jalisco", ogp_code="JAL", iso3="JAL", region=Region.AMERICAS, kind=MemberKind.LEGACY_LOCAL, parent=mexico
    )
    Member.objects.filter(name="Armenia").update(status=MemberStatus.SUSPENDED)
    MemberFactory(name="Philippines", ogp_code="PH", iso3="PHL", region=Region.ASIA_PACIFIC, lead_agency="DBM")
    return {"mexico": mexico, "jalisco": jalisco}


def test_directory_lists_members_by_name_with_their_facts(client, world, albania):
    ActionPlanFactory(member=albania, number=1)
    ActionPlanFactory(member=albania, number=2)

    response = directory(client)

    assert response.status_code == 200
    assert names(response) == ["Albania", "Armenia", "Jalisco", "Mexico", "Philippines"]
    html = response.content.decode()
    assert "5 members found" in html
    assert 'href="/members/albania/"' in html
    assert "Legacy Local" in html
    assert "Suspended" in html  # status as text, not only colour
    assert "2012" in html  # join year
    row = {m.name: m for m in response.context["page"].object_list}
    assert row["Albania"].action_plan_count == 2
    assert row["Jalisco"].parent.name == "Mexico"


def test_directory_filters_by_region(client, world):
    assert names(directory(client, region=Region.AMERICAS)) == ["Jalisco", "Mexico"]


def test_directory_filters_by_type(client, world):
    assert names(directory(client, type="local")) == ["Jalisco"]
    assert "Jalisco" not in names(directory(client, type="national"))


def test_directory_filters_by_status(client, world):
    assert names(directory(client, status=MemberStatus.SUSPENDED)) == ["Armenia"]


def test_directory_search_finds_by_name_and_lead_agency(client, world):
    assert names(directory(client, q="phil")) == ["Philippines"]
    assert names(directory(client, q="DBM")) == ["Philippines"]
    response = directory(client, q="nowhere")
    assert names(response) == []
    assert "0 members found" in response.content.decode()


def test_directory_combines_filters(client, world):
    assert names(directory(client, region=Region.AMERICAS, type="national")) == ["Mexico"]


def test_directory_ignores_an_unknown_filter_value(client, world):
    response = directory(client, region="atlantis")
    assert response.status_code == 200
    assert len(names(response)) == 5


def test_directory_paginates_by_50_and_keeps_filters_in_page_links(client, db):
    for n in range(55):
        MemberFactory(name=f"Town {n:02d}", region=Region.EUROPE)
    first = directory(client, region=Region.EUROPE)
    second = directory(client, region=Region.EUROPE, page=2)
    assert len(names(first)) == 50
    assert len(names(second)) == 5
    assert "?region=europe&amp;page=2" in first.content.decode()


# --- Member page -----------------------------------------------------------------------------------


def test_member_page_shows_facts_history_scores_and_plans(client, albania):
    Member.objects.filter(pk=albania.pk).update(
        status=MemberStatus.UNDER_PROCEDURAL_REVIEW,
        status_since=datetime.date(2023, 5, 1),
        website_url="https://ogp.gov.al/",
    )
    StatusChangeFactory(
        member=albania,
        status=MemberStatus.UNDER_PROCEDURAL_REVIEW,
        effective_date=datetime.date(2023, 5, 1),
        reason="Acted contrary to process for two cycles.",
    )
    EligibilityScoreFactory(member=albania, year=2023, asset_disclosure=None, values_check_passed=True)
    EligibilityScoreFactory(member=albania, year=2022, fiscal_transparency=0, access_to_information=1)
    plan = ActionPlanFactory(member=albania, number=3, ogp_id="AP_ALB03", start_year=2020, end_year=2022)
    CommitmentFactory(action_plan=plan)
    CommitmentFactory(action_plan=plan)

    response = client.get(albania.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Under Procedural Review" in html
    assert "since May 1, 2023" in html
    assert "Acted contrary to process for two cycles." in html
    assert "Ministry of Public Administration" in html
    assert "https://ogp.gov.al/" in html
    # 2023: 4 + 4 + 3 of 12 applicable = 91.7 %, eligible; 2022: 0 + 1 + 2 + 3 = 6 of 16.
    assert "11 of 12" in html and "91.7%" in html and "Eligible" in html
    assert "6 of 16" in html and "Not eligible" in html
    assert "Passed" in html
    assert plan.get_absolute_url() in html
    assert "2020-2022" in html
    plans = list(response.context["member"].action_plans.all())
    assert plans[0].commitment_count == 2


def test_member_page_shows_points_of_contact_by_public_name_only(client, albania):
    poc = UserFactory(display_name="Besa Krasniqi", email="besa.private@example.org")
    grant_role(None, poc, Role.POINT_OF_CONTACT, albania)
    editor = UserFactory(display_name="Not A Contact")
    grant_role(None, editor, Role.GOVERNMENT_EDITOR, albania)

    html = client.get(albania.get_absolute_url()).content.decode()

    assert "Besa Krasniqi" in html
    assert "besa.private@example.org" not in html
    assert "Not A Contact" not in html


def test_member_page_links_national_and_local_members(client, db):
    mexico = MemberFactory(name="Mexico", ogp_code="MX", region=Region.AMERICAS)
    jalisco = MemberFactory(
        name="Jalisco", ogp_code="JAL", region=Region.AMERICAS, kind=MemberKind.LOCAL, parent=mexico
    )

    national = client.get(mexico.get_absolute_url()).content.decode()
    local = client.get(jalisco.get_absolute_url()).content.decode()

    assert "Local members in this country" in national and jalisco.get_absolute_url() in national
    assert mexico.get_absolute_url() in local and "is a local member in" in local


def test_member_page_lists_civil_society_organisations(client, albania):
    organisation = CivilSocietyOrganisationFactory(name="Citizens Channel", verified=True)
    organisation.members.add(albania)
    CivilSocietyOrganisationFactory(name="Works Elsewhere")

    html = client.get(albania.get_absolute_url()).content.decode()

    assert "Citizens Channel" in html
    assert "Works Elsewhere" not in html


def test_member_page_is_404_for_an_unknown_slug(client, db):
    assert client.get(reverse("members:detail", kwargs={"slug": "atlantis"})).status_code == 404
