"""Password reset: the e-mail is sent, its link works once, the new password logs in."""

from __future__ import annotations

import re

import django.test
import pytest
from django.core import mail
from django.urls import reverse

from opengov.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new long passphrase 9"
LINK = re.compile(r"https?://[^/\s]+(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def request_reset(client, email):
    """The e-mail is queued after commit (accounts/tasks.py); the test's transaction never commits, so run it."""
    with django.test.TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("accounts:password-reset"), {"email": email})


def test_reset_mail_link_and_new_password(client):
    UserFactory(email="ada@example.org")
    response = request_reset(client, "ada@example.org")
    assert response.status_code == 302 and response.url == reverse("accounts:password-reset-done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.org"]
    assert "new password" in mail.outbox[0].subject

    path = LINK.search(mail.outbox[0].body).group(1)
    response = client.get(path)  # Django moves the token into the session and redirects
    assert response.status_code == 302
    form_url = response.url
    assert client.get(form_url).context["validlink"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("accounts:password-reset-complete")

    response = client.post(reverse("accounts:login"), {"username": "ada@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("accounts:dashboard")
    # The link works only once.
    client.post(reverse("accounts:logout"))
    assert not client.get(path, follow=True).context["validlink"]


def test_reset_for_unknown_address_looks_the_same_and_sends_nothing(client):
    response = request_reset(client, "nobody@example.org")
    assert response.status_code == 302 and response.url == reverse("accounts:password-reset-done")
    assert mail.outbox == []


def test_reset_rejects_a_weak_password(client):
    UserFactory(email="ada@example.org")
    request_reset(client, "ada@example.org")
    form_url = client.get(LINK.search(mail.outbox[0].body).group(1)).url
    response = client.post(form_url, {"new_password1": "password", "new_password2": "password"})
    assert response.status_code == 200
    assert response.context["form"].errors
