"""What the contract test (test_api_contract.py) found, pinned as plain tests: the schema documents only operations
that exist, empty URLs are valid values, and malformed query parameters are refused rather than ignored."""

from __future__ import annotations

import jsonschema
import pytest

from opengov.core.testing import schema_dict

pytestmark = pytest.mark.django_db


def test_patch_is_documented_only_where_some_role_may_use_it():
    patched = sorted(path for path, operations in schema_dict()["paths"].items() if "patch" in operations)
    assert patched == [
        "/api/v1/action-plans/{ogp_id}/",
        "/api/v1/commitments/{ogp_id}/",
        "/api/v1/events/{id}/",
        "/api/v1/irm/assessments/{id}/",
        "/api/v1/milestones/{id}/",
    ]


@pytest.mark.parametrize("path", ["/api/v1/progress-updates/1/", "/api/v1/policy-areas/open-data/"])
def test_read_only_collections_answer_405_to_patch(client, support_unit, path):
    client.force_login(support_unit)
    assert client.patch(path, {}, content_type="application/json").status_code == 405


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("Member", "website_url"),
        ("Member", "repository_url"),
        ("ActionPlan", "document_url"),
        ("Commitment", "ogp_url"),
    ],
)
def test_an_empty_url_is_valid_where_the_api_sends_one(component, field):
    schema = schema_dict()["components"]["schemas"][component]["properties"][field]
    jsonschema.validate("", schema, format_checker=jsonschema.FormatChecker())
    jsonschema.validate("https://example.org/x", schema, format_checker=jsonschema.FormatChecker())
    assert {"type": "string", "format": "uri"} in [
        {k: v for k, v in branch.items() if k != "maxLength"} for branch in schema["anyOf"]
    ]


@pytest.mark.parametrize(
    "query",
    ["page_size=null", "page_size=0", "page_size=501", "page=null", "page=-1", "page=²"],
)
def test_malformed_paging_is_refused(client, query):
    response = client.get(f"/api/v1/commitments/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_a_boolean_filter_takes_true_or_false_only(client):
    assert client.get("/api/v1/policy-areas/?top_level=null").status_code == 400
    assert client.get("/api/v1/policy-areas/?top_level=true").status_code == 200


@pytest.mark.parametrize("query", ["year=99999999999999999999", "start_year=-5", "member=99999999999999999999999"])
def test_out_of_range_numbers_never_reach_the_database(client, query):
    response = client.get(f"/api/v1/action-plans/?{query}")
    assert response.status_code in (200, 400)
