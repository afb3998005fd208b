"""Reading the plans API: public, filterable, looked up by OGP ids, and a fixed query budget per list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    EvidenceLinkFactory,
    MemberFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    policy_area,
)
from opengov.members.models import MemberKind, Region
from opengov.plans.models import CommitmentStatus, MilestoneStatus
from opengov.plans.phases import Phase

pytestmark = pytest.mark.django_db


def results(response, key: str = "ogp_id") -> list:
    assert response.status_code == 200, response.content
    return [row[key] for row in response.json()["results"]]


@pytest.fixture
def plans(albania, armenia):
    """Albania: plans 2012-2014 (ended) and 2022-2024 (implementation); Armenia: 2023-2025 (co-creation);
    Mexico (Americas): 2022-2024."""
    mexico = MemberFactory(name="Mexico", slug="mexico", ogp_code="MX", iso3="MEX", region=Region.AMERICAS)
    return {
        "al1": ActionPlanFactory(member=albania, number=1, start_year=2012, end_year=2014, phase=Phase.ENDED),
        "al5": ActionPlanFactory(member=albania, number=5, start_year=2022, end_year=2024),
        "am4": ActionPlanFactory(member=armenia, number=4, start_year=2023, end_year=2025, phase=Phase.CO_CREATION),
        "mx5": ActionPlanFactory(member=mexico, number=5, start_year=2022, end_year=2024),
    }


@pytest.fixture
def commitments(plans):
    gender = policy_area("Gender")
    youth = policy_area("Youth")
    contracting = policy_area("Open Contracting")
    procurement = policy_area("Public Procurement")
    return {
        "AL0001": CommitmentFactory(action_plan=plans["al1"], ogp_id="AL0001", policy_areas=[contracting]),
        "AL0031": CommitmentFactory(
            action_plan=plans["al5"], ogp_id="AL0031", policy_areas=[gender, youth], carried_forward_from=None
        ),
        "AL0032": CommitmentFactory(
            action_plan=plans["al5"], ogp_id="AL0032", status=CommitmentStatus.WITHDRAWN, policy_areas=[procurement]
        ),
        "AM0040": CommitmentFactory(action_plan=plans["am4"], ogp_id="AM0040", policy_areas=[gender]),
        "MX0050": CommitmentFactory(action_plan=plans["mx5"], ogp_id="MX0050", policy_areas=[contracting, procurement]),
    }


# --- action plans ---------------------------------------------------------------------------------------------------


def test_action_plan_by_ogp_id_shows_member_summary_links_and_version(api, plans, commitments):
    response = api.get("/api/v1/action-plans/AP_ALB05/")

    assert response.status_code == 200
    plan = response.json()
    assert plan["name"] == "Albania Action Plan 2022-2024"
    assert plan["member"] == {"slug": "albania", "name": "Albania", "url": "http://testserver/api/v1/members/albania/"}
    assert plan["commitment_count"] == 2
    assert plan["version"] == 1
    assert plan["links"] == {
        "self": "http://testserver/api/v1/action-plans/AP_ALB05/",
        "page": "http://testserver/action-plans/AP_ALB05/",
        "commitments": "http://testserver/api/v1/commitments/?action_plan=AP_ALB05",
        "phase": "http://testserver/api/v1/action-plans/AP_ALB05/phase/",
    }


def test_unknown_action_plan_is_404(api, plans):
    assert api.get("/api/v1/action-plans/AP_XXX01/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["AP_ALB01", "AP_ALB05", "AP_ARM04", "AP_MEX05"]),
        ("member=albania", ["AP_ALB01", "AP_ALB05"]),
        ("region=americas", ["AP_MEX05"]),
        ("phase=co_creation", ["AP_ARM04"]),
        ("year=2013", ["AP_ALB01"]),
        ("year=2024", ["AP_ALB05", "AP_ARM04", "AP_MEX05"]),
        ("year=2025", ["AP_ARM04"]),
        ("start_year=2022", ["AP_ALB05", "AP_MEX05"]),
        ("member=albania&year=2023", ["AP_ALB05"]),
        ("member=atlantis", []),
    ],
)
def test_action_plan_filters(api, plans, query, expected):
    assert results(api.get(f"/api/v1/action-plans/?{query}")) == expected


def test_action_plans_filter_by_member_id(api, plans, armenia):
    assert results(api.get(f"/api/v1/action-plans/?member={armenia.pk}")) == ["AP_ARM04"]


def test_a_malformed_year_is_400(api, plans):
    with api.invalid_request():
        response = api.get("/api/v1/action-plans/?year=soon")

    assert response.status_code == 400
    assert "year" in response.json()


# --- commitments ----------------------------------------------------------------------------------------------------


def test_commitment_by_ogp_id_exposes_the_template(api, commitments):
    commitment = commitments["AL0031"]
    commitment.supporting_institutions = "Ministry of Finance\nOmbudsman\n"
    commitment.civic_participation = True
    commitment.carried_forward_from = commitments["AL0001"]
    commitment.save()
    MilestoneFactory.create_batch(2, commitment=commitment)

    response = api.get("/api/v1/commitments/AL0031/")

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == commitment.title
    assert body["problem"] == commitment.problem
    assert body["supporting_institutions"] == ["Ministry of Finance", "Ombudsman"]
    assert (body["access_to_information"], body["civic_participation"]) == (True, True)
    assert (body["public_accountability"], body["technology_innovation"]) == (False, False)
    assert body["ogp_values"] == ["Access to Information", "Civic Participation"]
    assert body["policy_areas"] == [
        {"slug": "gender", "label": "Gender", "parent": "inclusion"},
        {"slug": "youth", "label": "Youth", "parent": "inclusion"},
    ]
    assert body["carried_forward_from"] == "AL0001"
    assert body["action_plan"]["ogp_id"] == "AP_ALB05"
    assert body["member"]["slug"] == "albania"
    assert body["milestone_count"] == 2
    assert body["status"] == "active"
    assert body["version"] == 1
    assert body["links"]["page"] == "http://testserver/commitments/AL0031/"
    assert body["links"]["milestones"] == "http://testserver/api/v1/milestones/?commitment=AL0031"


def test_unknown_commitment_is_404(api, commitments):
    assert api.get("/api/v1/commitments/ZZ9999/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["AL0001", "AL0031", "AL0032", "AM0040", "MX0050"]),
        ("member=albania", ["AL0001", "AL0031", "AL0032"]),
        ("region=americas", ["MX0050"]),
        ("policy_area=gender", ["AL0031", "AM0040"]),
        # A group includes its areas, and a commitment in two of them is listed once.
        ("policy_area=anti-corruption-and-integrity", ["AL0001", "AL0032", "MX0050"]),
        ("policy_area=inclusion", ["AL0031", "AM0040"]),
        ("action_plan=AP_ALB05", ["AL0031", "AL0032"]),
        ("phase=co_creation", ["AM0040"]),
        ("phase=implementation", ["AL0031", "AL0032", "MX0050"]),
        ("year=2013", ["AL0001"]),
        ("year=2025", ["AM0040"]),
        ("status=withdrawn", ["AL0032"]),
        ("member=albania&status=active", ["AL0001", "AL0031"]),
        ("policy_area=no-such-area", []),
    ],
)
def test_commitment_filters(api, commitments, query, expected):
    assert results(api.get(f"/api/v1/commitments/?{query}")) == expected


def test_commitments_paginate(api, commitments):
    first = api.get("/api/v1/commitments/?page_size=2").json()
    last = api.get("/api/v1/commitments/?page_size=2&page=3").json()

    assert first["count"] == 5
    assert [c["ogp_id"] for c in first["results"]] == ["AL0001", "AL0031"]
    assert [c["ogp_id"] for c in last["results"]] == ["MX0050"]
    assert last["next"] is None


def test_a_page_past_the_end_is_404(api, commitments):
    assert api.get("/api/v1/commitments/?page=9").status_code == 404


# --- milestones, progress updates, policy areas ---------------------------------------------------------------------


def test_milestone_filters_and_lookup(api, commitments):
    done = MilestoneFactory(commitment=commitments["AL0031"], status=MilestoneStatus.COMPLETE, position=1)
    MilestoneFactory(commitment=commitments["AL0031"], position=2)
    armenian = MilestoneFactory(commitment=commitments["AM0040"])

    assert results(api.get("/api/v1/milestones/?commitment=AL0031"), "id") == [done.pk, done.pk + 1]
    assert results(api.get("/api/v1/milestones/?member=armenia"), "id") == [armenian.pk]
    assert results(api.get("/api/v1/milestones/?status=complete"), "id") == [done.pk]

    detail = api.get(f"/api/v1/milestones/{done.pk}/").json()
    assert detail["commitment"]["ogp_id"] == "AL0031"
    assert detail["links"]["page"] == "http://testserver/commitments/AL0031/"
    assert api.get("/api/v1/milestones/999999/").status_code == 404


def test_progress_updates_with_evidence(api, commitments):
    update = ProgressUpdateFactory(commitment=commitments["AL0031"])
    EvidenceLinkFactory(progress_update=update, url="https://example.org/law.pdf", title="The law")
    ProgressUpdateFactory(commitment=commitments["AM0040"])

    body = api.get("/api/v1/progress-updates/?commitment=AL0031").json()

    assert body["count"] == 1
    assert body["results"][0]["evidence"] == [{"url": "https://example.org/law.pdf", "title": "The law"}]
    assert results(api.get("/api/v1/progress-updates/?member=armenia"), "id") == [update.pk + 1]
    assert api.get(f"/api/v1/progress-updates/{update.pk}/").json()["completion"] == "limited"


def test_policy_areas_are_two_levels(api, db):
    groups = api.get("/api/v1/policy-areas/?top_level=true&page_size=500").json()["results"]
    inclusion = api.get("/api/v1/policy-areas/inclusion/").json()
    children = results(api.get("/api/v1/policy-areas/?parent=inclusion"), "slug")

    assert all(group["parent"] is None for group in groups)
    assert "inclusion" in [group["slug"] for group in groups]
    assert "gender" in [child["slug"] for child in inclusion["children"]]
    assert children == [child["slug"] for child in inclusion["children"]]
    assert api.get("/api/v1/policy-areas/gender/").json()["parent"] == {"slug": "inclusion", "label": "Inclusion"}
    assert api.get("/api/v1/policy-areas/no-such-area/").status_code == 404


# --- query budget: every list runs the same number of queries for N rows as for 3N ------------------------------------


def _seed(n: int) -> None:
    """n members, each with a local member, a plan, a commitment in two areas (one a group's child), 2 milestones,
    and a progress update with 2 evidence links."""
    areas = [policy_area("Gender"), policy_area("Open Data")]
    for _ in range(n):
        member = MemberFactory()
        MemberFactory(kind=MemberKind.LOCAL, parent=member)
        commitment = CommitmentFactory(action_plan=ActionPlanFactory(member=member), policy_areas=areas)
        carried = CommitmentFactory(action_plan=commitment.action_plan, carried_forward_from=commitment)
        MilestoneFactory.create_batch(2, commitment=carried)
        update = ProgressUpdateFactory(commitment=carried, milestone=carried.milestones.first())
        EvidenceLinkFactory.create_batch(2, progress_update=update)


LISTS = [
    "/api/v1/members/",
    "/api/v1/action-plans/",
    "/api/v1/commitments/",
    "/api/v1/milestones/",
    "/api/v1/progress-updates/",
    "/api/v1/policy-areas/",
    "/api/v1/commitments/?policy_area=inclusion&year=2023",
]


def _count_queries(api, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{url}{'&' if '?' in url else '?'}page_size=500")
    assert response.status_code == 200
    return len(queries), response.json()["count"]


def test_every_list_has_a_fixed_query_budget(api, db):
    _seed(3)
    few = {url: _count_queries(api, url) for url in LISTS}
    _seed(6)  # 9 in all: three times as many rows
    many = {url: _count_queries(api, url) for url in LISTS}

    for url in LISTS:
        assert few[url][0] == many[url][0], f"{url}: {few[url][0]} queries for N rows, {many[url][0]} for 3N"
        assert few[url][1] < many[url][1] or url.endswith("policy-areas/"), f"{url} did not list the new rows"
        assert many[url][0] <= 3, f"{url}: {many[url][0]} queries"
