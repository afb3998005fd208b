"""API tokens: create (shown once), regenerate and revoke with confirmation, roles required, POST only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

URL = "accounts:api-token"


def post(client, operation, confirm=False):
    data = {"operation": operation}
    if confirm:
        data[f"{operation}-confirm"] = "on"
    return client.post(reverse(URL), data)


def test_create_shows_the_key_once(client, albania_editor):
    client.force_login(albania_editor)
    assert b"Create a token" in client.get(reverse(URL)).content
    response = post(client, "create")
    assert response.status_code == 302
    key = Token.objects.get(user=albania_editor).key
    first = client.get(reverse(URL)).content.decode()
    assert key in first and "Authorization: Token &lt;key&gt;" in first and reverse("api-docs") in first
    assert key not in client.get(reverse(URL)).content.decode()


def test_create_twice_does_not_replace_silently(client, albania_editor):
    client.force_login(albania_editor)
    post(client, "create")
    key = Token.objects.get(user=albania_editor).key
    response = post(client, "create")
    assert response.status_code == 400
    assert Token.objects.get(user=albania_editor).key == key


def test_regenerate_needs_confirmation_and_replaces_the_key(client, support_unit):
    client.force_login(support_unit)
    post(client, "create")
    old = Token.objects.get(user=support_unit).key
    response = post(client, "regenerate")
    assert response.status_code == 400
    assert Token.objects.get(user=support_unit).key == old
    response = post(client, "regenerate", confirm=True)
    assert response.status_code == 302
    new = Token.objects.get(user=support_unit).key
    assert new != old
    assert new in client.get(reverse(URL)).content.decode()


def test_revoke_needs_confirmation(client, cso_rep):
    client.force_login(cso_rep)
    post(client, "create")
    assert post(client, "revoke").status_code == 400
    assert Token.objects.filter(user=cso_rep).exists()
    assert post(client, "revoke", confirm=True).status_code == 302
    assert not Token.objects.filter(user=cso_rep).exists()


def test_a_user_without_a_role_cannot_create_a_token(client, participant):
    client.force_login(participant)
    page = client.get(reverse(URL)).content
    assert b"Create a token" not in page and b"cannot create one" in page
    assert post(client, "create").status_code == 403
    assert not Token.objects.filter(user=participant).exists()


def test_the_token_authenticates_api_requests(client, albania_editor):
    client.force_login(albania_editor)
    post(client, "create")
    key = Token.objects.get(user=albania_editor).key
    from rest_framework.authentication import TokenAuthentication
    from rest_framework.test import APIRequestFactory

    request = APIRequestFactory().get("/api/v1/", HTTP_AUTHORIZATION=f"Token {key}")
    user, _token = TokenAuthentication().authenticate(request)
    assert user == albania_editor


def test_writes_are_post_only_and_need_login(client, albania_editor):
    assert client.get(reverse(URL)).status_code == 302  # to the log-in page
    client.force_login(albania_editor)
    assert client.put(reverse(URL)).status_code == 405
    assert client.delete(reverse(URL)).status_code == 405
    client.get(reverse(URL), {"operation": "create"})
    assert not Token.objects.filter(user=albania_editor).exists()
    assert client.post(reverse(URL), {"operation": "explode"}).status_code == 400
