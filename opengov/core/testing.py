"""The API test client: every request and response checked against the generated OpenAPI schema.

Used by all API tests through the ``api`` fixture (conftest.py). Imports openapi-core, a development
dependency: only tests import this module.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

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
    schema: dict[str, Any] = json.loads(
        OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
    )
    return schema


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

    def generic(self, method: str, path: str, data: Any = "", *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        self._body = force_bytes(data or b"")
        return super().generic(method, path, data, *args, **kwargs)

    def request(self, *args: Any, **kwargs: Any) -> Any:
        response = super().request(*args, **kwargs)
        request = _SentRequest(response.wsgi_request, self._body)
        if self._check_request:
            openapi().validate_request(request)
        openapi().validate_response(request, DjangoOpenAPIResponse(response))
        return response
