"""The OpenAPI schema is valid and warning-free, is served with its docs, and every API test checks its
requests and responses against it through the ``api`` client defined here (imported by the other API tests).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.management import call_command
from django.utils.encoding import force_bytes
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@functools.cache
def schema_dict() -> dict[str, Any]:
    """The schema exactly as /api/schema/ serves it (rendered to JSON, so lazy strings become plain ones)."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


@functools.cache
def openapi() -> OpenAPI:
    return OpenAPI.from_dict(schema_dict())


class _SentRequest(DjangoOpenAPIRequest):
    """DRF reads the body from the stream, after which Django refuses ``request.body``: use the bytes sent."""

    def __init__(self, request: Any, body: bytes):
        super().__init__(request)
        self._sent_body = body

    @property
    def body(self) -> bytes:
        return self._sent_body


class OpenApiClient(APIClient):
    """An APIClient that validates every request and response against the generated OpenAPI schema.

    Requests a test makes invalid on purpose (missing fields, no credentials) are sent inside
    ``with api.invalid_request():`` so that only the response is validated.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_format = "json"
        self._check_request = True
        self._body = b""

    @contextmanager
    def invalid_request(self) -> Iterator[None]:
        self._check_request = False
        try:
            yield
        finally:
            self._check_request = True

    def use_token(self, user: Any) -> Token:
        token, _ = Token.objects.get_or_create(user=user)
        self.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return token

    def generic(self, method: str, path: str, data: Any = "", *args: Any, **kwargs: Any) -> Any:
        self._body = force_bytes(data or b"")
        return super().generic(method, path, data, *args, **kwargs)

    def request(self, *args: Any, **kwargs: Any) -> Any:
        response = super().request(*args, **kwargs)
        request = _SentRequest(response.wsgi_request, self._body)
        if self._check_request:
            openapi().validate_request(request)
        openapi().validate_response(request, DjangoOpenAPIResponse(response))
        return response


@pytest.fixture
def api() -> OpenApiClient:
    return OpenApiClient()


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
