"""Sign-up with e-mail confirmation: the whole flow, broken links, no account-existence leak, resend throttle."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from opengov.accounts.models import User
from opengov.factories import UserFactory

PASSWORD = "a long and unusual passphrase 42"
pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/accounts/confirm/[^/\s]+/[^/\s]+/")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the resend throttle lives in the cache
    yield
    cache.clear()


def sign_up(client, email="ada@example.org", password=PASSWORD, name="Ada"):
    return client.post(
        reverse("accounts:signup"),
        {"email": email, "display_name": name, "password1": password, "password2": password},
    )


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def page_text(response) -> str:
    """The page without its per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def path_of(link: str) -> str:
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_sign_up_confirm_and_land_logged_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="Ada@Example.org")
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup-done")

    user = User.objects.get(email="ada@example.org")
    assert not user.is_active and user.email_confirmed_at is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.org"]

    response = client.get(path_of(link_in(mail.outbox[0])))
    assert response.status_code == 302 and response.url == reverse("accounts:dashboard")
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at is not None
    assert client.get(reverse("accounts:dashboard")).status_code == 200  # logged in


def test_used_link_does_not_log_in_again(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    path = path_of(link_in(mail.outbox[0]))
    client.get(path)
    client.post(reverse("accounts:logout"))
    response = client.get(path)
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert client.get(reverse("accounts:dashboard")).status_code == 302  # still logged out


def test_sign_up_form_validates_passwords(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "ada@example.org", "display_name": "Ada", "password1": PASSWORD, "password2": "other"},
    )
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    response = sign_up(client, password="12345678")
    assert "password1" in response.context["form"].errors
    # Errors are tied to their inputs for screen readers.
    assert b'aria-describedby="id_password1_helptext id_password1_error"' in response.content
    assert not User.objects.exists()


def test_tampered_link_shows_a_way_to_resend(client, db):
    user = UserFactory(is_active=False)
    response = client.get(reverse("accounts:confirm-email", kwargs={"uidb64": "MTIzNDU2", "token": "bad-token"}))
    assert response.status_code == 400
    assert reverse("accounts:resend-confirmation").encode() in response.content
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(reverse("accounts:confirm-email", kwargs={"uidb64": uid, "token": "abc-123"}))
    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_expired_link_is_refused(client, django_capture_on_commit_callbacks, monkeypatch):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    path = path_of(link_in(mail.outbox[0]))
    later = datetime.datetime.now() + datetime.timedelta(days=4)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    response = client.get(path)
    assert response.status_code == 400
    assert not User.objects.get(email="ada@example.org").is_active


def test_taken_address_gets_the_same_answer_and_an_email_to_its_owner(client, django_capture_on_commit_callbacks):
    UserFactory(email="taken@example.org", email_confirmed_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    with django_capture_on_commit_callbacks(execute=True):
        fresh = sign_up(client, email="fresh@example.org")
        taken = sign_up(client, email="taken@example.org")
    assert fresh.status_code == taken.status_code == 302
    assert fresh.url == taken.url
    assert page_text(client.get(taken.url)) == page_text(client.get(fresh.url))
    assert User.objects.filter(email="taken@example.org").count() == 1
    owner_mail = [m for m in mail.outbox if m.to == ["taken@example.org"]]
    assert len(owner_mail) == 1 and "already have an account" in owner_mail[0].body
    assert reverse("accounts:password-reset") in owner_mail[0].body


def test_signing_up_again_before_confirming_sends_a_fresh_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, password=PASSWORD)
    first = path_of(link_in(mail.outbox[0]))
    cache.clear()  # a minute later
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, password=PASSWORD + " changed")
    assert len(mail.outbox) == 2
    assert client.get(first).status_code == 400  # the new password invalidates the old link
    assert client.get(path_of(link_in(mail.outbox[1]))).status_code == 302
    assert User.objects.get(email="ada@example.org").check_password(PASSWORD + " changed")


def test_resend_is_limited_to_once_a_minute_per_address(client, db, django_capture_on_commit_callbacks):
    UserFactory(email="waiting@example.org", is_active=False)
    url = reverse("accounts:resend-confirmation")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"email": "waiting@example.org"})
    assert first.status_code == 302 and len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, {"email": "waiting@example.org"})
    assert second.status_code == 200 and "email" in second.context["form"].errors
    assert len(mail.outbox) == 1
    cache.clear()  # the minute has passed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "waiting@example.org"})
    assert len(mail.outbox) == 2


def test_resend_does_not_leak_whether_an_address_has_an_account(client, db):
    UserFactory(email="active@example.org")
    url = reverse("accounts:resend-confirmation")
    unknown = client.post(url, {"email": "nobody@example.org"})
    active = client.post(url, {"email": "active@example.org"})
    assert unknown.status_code == active.status_code == 302 and unknown.url == active.url
    assert mail.outbox == []
    # The throttle answers the same for unknown addresses too.
    assert "email" in client.post(url, {"email": "nobody@example.org"}).context["form"].errors
