"""Branded, translated 400/403/404/500 pages for people; JSON errors, never HTML, for API clients."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TITLES = {
    404: {"en": "Page not found", "es": "Página no encontrada", "fr": "Page introuvable"},
    403: {
        "en": "You may not open this page",
        "es": "No puede abrir esta página",
        "fr": "Vous ne pouvez pas ouvrir cette page",
    },
    500: {
        "en": "Something went wrong on our side",
        "es": "Algo salió mal por nuestra parte",
        "fr": "Un problème est survenu de notre côté",
    },
}


def broken_home(monkeypatch):
    def explode():
        raise RuntimeError("boom")

    monkeypatch.setattr("opengov.portal.views.key_numbers", explode)


def get(path, language, status, monkeypatch, participant, **extra):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    if status == 403:
        client.force_login(participant)
    if status == 500:
        broken_home(monkeypatch)
    return client.get(path, **extra)


@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize(
    ("status", "path"), [(404, "/no-such-page/"), (403, "/insights/third-party/import/"), (500, "/")]
)
def test_error_pages_are_branded_and_translated(monkeypatch, participant, language, status, path):
    response = get(path, language, status, monkeypatch, participant)
    assert response.status_code == status
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert f'<html lang="{language}">' in page
    assert TITLES[status][language] in page
    assert 'class="site-header"' in page and 'href="/"' in page  # the site's own header, a way home


@pytest.mark.parametrize(
    "path",
    ["/api/v1/consultations/0.5/", "/api/v1/no-such-collection/", "/api/v1/members/no-such-member/", "/api/nothing"],
)
def test_api_clients_get_json_404s(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_crash_in_the_api_answers_json(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("opengov.members.api.MemberViewSet.list", explode)
    response = Client(raise_request_exception=False).get("/api/v1/members/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error."}


def test_a_client_asking_for_json_gets_json_anywhere(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT="application/json")
    assert response.status_code == 404 and response.json()["detail"]


@pytest.mark.parametrize(
    "query",
    ["consultation=99999999999999999999999", "consultation=²", "consultation=-1", "consultation=0", "consultation=1.5"],
)
def test_out_of_range_ids_in_filters_answer_400_not_500(client, query):
    response = client.get(f"/api/v1/contributions/?{query}")
    assert response.status_code == 400
    assert "consultation" in response.json()


def test_parse_id_accepts_only_ascii_digits_within_64_bits():
    from opengov.core.queries import MAX_ID, parse_id

    assert parse_id("42") == 42 and parse_id(str(MAX_ID)) == MAX_ID
    for bad in ["", "0", "-1", "1.5", "²", "٣", str(MAX_ID + 1), "9" * 30, None, " "]:
        assert parse_id(bad) is None, bad
