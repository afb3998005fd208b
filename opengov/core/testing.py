"""The API test client: every request and response checked against the generated OpenAPI schema.

Used by all API tests through the ``api`` fixture (conftest.py). Imports openapi-core, a development
dependency: only tests import this module.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
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

    # The base's signature names every keyword argument; this one passes them on unchanged.
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


class _FormReader(HTMLParser):
    """Collects what a browser would submit from each <form> of a page (successful controls only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._option: dict[str, Any] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str | None, value: str) -> None:
        if name and self.forms:
            self.forms[-1].setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a.get("name"), a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "reset", "image"):
                self._add(a.get("name"), a.get("value", ""))
        elif tag == "select" and "disabled" not in a:
            self._select, self._options = (a.get("name", ""), "multiple" in a), []
        elif tag == "option" and self._select is not None:
            self._option, self._text = {"value": a.get("value"), "selected": "selected" in a}, []
        elif tag == "textarea" and "disabled" not in a:
            self._textarea, self._text = a.get("name", ""), []

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None:
            value = self._option["value"]
            self._options.append(
                (value if value is not None else "".join(self._text).strip(), self._option["selected"])
            )
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]  # a single select submits its first option when none is selected
            for value in chosen:
                self._add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None


def browser_form(html: str | bytes, containing: str = "version") -> dict[str, Any]:
    """What a browser would submit from the page's form that has a field named ``containing``: read from the
    HTML, not from the view's context, so a field the template forgets to render is missing here too."""
    reader = _FormReader()
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    for form in reader.forms:
        if containing in form:
            data = {name: values if len(values) > 1 else values[0] for name, values in form.items()}
            data.pop("csrfmiddlewaretoken", None)
            return data
    raise AssertionError(f"no form with a field named {containing!r} on the page")
