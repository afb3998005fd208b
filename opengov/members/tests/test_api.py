"""The members API: public, filterable, looked up by slug, with a fixed query budget."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from opengov.factories import ActionPlanFactory, MemberFactory
from opengov.members.models import Member, MemberKind, MemberStatus, Region

pytestmark = pytest.mark.django_db

URL = "/api/v1/members/"


def slugs(response) -> list[str]:
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def world(albania, armenia):
    mexico = MemberFactory(name="Mexico", slug="mexico", ogp_code="MX", iso3="MEX", region=Region.AMERICAS)
    jalisco = MemberFactory(
        name="Jalisco", slug="jalisco", ogp_code="JAL", region=Region.AMERICAS, kind=MemberKind.LOCAL, parent=mexico
    )
    Member.objects.filter(pk=armenia.pk).update(status=MemberStatus.INACTIVE)
    return {"mexico": mexico, "jalisco": jalisco}


def test_list_is_public_and_shows_the_directory_fields(api, albania):
    ActionPlanFactory(member=albania, number=1)
    ActionPlanFactory(member=albania, number=2)

    response = api.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["slug"] == "albania"
    assert row["country"] == "AL"
    assert row["country_name"] == "Albania"
    assert row["action_plan_count"] == 2
    assert row["links"]["self"] == "http://testserver/api/v1/members/albania/"
    assert row["links"]["page"] == "http://testserver/members/albania/"
    assert row["links"]["action_plans"] == "http://testserver/api/v1/action-plans/?member=albania"


def test_lookup_by_slug(api, world):
    response = api.get(f"{URL}jalisco/")

    assert response.status_code == 200
    assert response.json()["kind"] == "local"
    assert response.json()["parent"] == {
        "slug": "mexico",
        "name": "Mexico",
        "url": "http://testserver/api/v1/members/mexico/",
    }


def test_unknown_slug_is_404(api, db):
    assert api.get(f"{URL}atlantis/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=americas", ["jalisco", "mexico"]),
        ("region=europe", ["albania", "armenia"]),
        ("kind=national", ["albania", "armenia", "mexico"]),
        ("kind=local", ["jalisco"]),
        ("status=inactive", ["armenia"]),
        ("status=active&region=europe", ["albania"]),
        ("q=arm", ["armenia"]),
        ("q=MX", ["mexico"]),
    ],
)
def test_filters_filter(api, world, query, expected):
    response = api.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert slugs(response) == expected


def test_an_unknown_filter_value_is_400(api, world):
    with api.invalid_request():
        response = api.get(f"{URL}?region=atlantis")

    assert response.status_code == 400
    assert "region" in response.json()


def test_pagination(api, db):
    MemberFactory.create_batch(7)

    first = api.get(f"{URL}?page_size=5").json()
    second = api.get(f"{URL}?page_size=5&page=2").json()

    assert first["count"] == 7
    assert len(first["results"]) == 5
    assert first["next"].endswith("page=2&page_size=5")
    assert len(second["results"]) == 2
    assert second["next"] is None
    assert not {r["slug"] for r in first["results"]} & {r["slug"] for r in second["results"]}


def test_members_cannot_be_written_through_the_api(support_unit, albania):
    raw = APIClient()  # the schema has no such operations to validate against
    raw.force_authenticate(support_unit)
    assert raw.post(URL, {"name": "Atlantis"}, format="json").status_code == 405
    assert raw.delete(f"{URL}albania/").status_code == 405


def _list_queries(api, n: int) -> int:
    for _ in range(n):
        national = MemberFactory()
        MemberFactory(kind=MemberKind.LOCAL, parent=national)
        ActionPlanFactory(member=national)
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{URL}?page_size=500")
    assert response.status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_rows(api, db):
    few = _list_queries(api, 3)
    many = _list_queries(api, 6)  # 3N rows in all

    assert few == many
    assert few <= 2  # count + page
