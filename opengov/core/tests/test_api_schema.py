"""The OpenAPI schema is valid and warning-free, and is served with its docs. (The schema-validating
client every API test uses is opengov.core.testing.OpenApiClient.)"""

from __future__ import annotations

import json

from django.core.management import call_command

from opengov.core.testing import schema_dict


def test_schema_generates_without_warnings_or_errors(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "/api/v1/commitments/{ogp_id}/withdraw/" in (tmp_path / "schema.yml").read_text()


def test_schema_is_served(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "OpenGov Platform API"
    assert {"/api/v1/members/", "/api/v1/action-plans/{ogp_id}/phase/"} <= set(schema["paths"])


def test_swagger_ui_is_served_from_local_assets(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert "cdn." not in html


def test_no_endpoint_deletes_anything():
    assert all("delete" not in operations for operations in schema_dict()["paths"].values())


def test_updates_require_the_version_even_for_patch():
    schemas = schema_dict()["components"]["schemas"]
    for name in ("PatchedActionPlanUpdateRequest", "PatchedCommitmentUpdateRequest", "PatchedMilestoneUpdateRequest"):
        assert "version" in schemas[name]["required"]


def test_every_update_documents_the_conflict_response_with_the_current_version():
    paths = schema_dict()["paths"]
    for path, method in [
        ("/api/v1/action-plans/{ogp_id}/", "put"),
        ("/api/v1/action-plans/{ogp_id}/phase/", "post"),
        ("/api/v1/commitments/{ogp_id}/", "patch"),
        ("/api/v1/commitments/{ogp_id}/withdraw/", "post"),
        ("/api/v1/milestones/{id}/", "patch"),
    ]:
        conflict = paths[path][method]["responses"]["409"]["content"]["application/json"]["schema"]
        assert conflict == {"$ref": "#/components/schemas/EditConflict"}
    assert "current_version" in schema_dict()["components"]["schemas"]["EditConflict"]["required"]
