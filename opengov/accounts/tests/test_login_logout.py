"""Log-in by e-mail address, the unconfirmed-account message, POST-only log-out, password change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opengov.factories import UserFactory

PASSWORD = "correct horse battery staple"  # UserFactory's

pytestmark = pytest.mark.django_db


def log_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": email, "password": password, **extra})


def test_log_in_with_email_lands_on_the_dashboard(client):
    UserFactory(email="ada@example.org")
    response = log_in(client, "Ada@example.org".lower())
    assert response.status_code == 302 and response.url == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_log_in_follows_next(client, albania):
    UserFactory(email="ada@example.org")
    response = log_in(client, "ada@example.org", next=reverse("accounts:api-token"))
    assert response.url == reverse("accounts:api-token")


def test_wrong_password_is_refused_with_a_generic_message(client):
    UserFactory(email="ada@example.org")
    response = log_in(client, "ada@example.org", "wrong password")
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("not right" in e for e in errors)
    assert "_auth_user_id" not in client.session


def test_unconfirmed_account_is_told_to_confirm(client):
    UserFactory(email="new@example.org", is_active=False)
    response = log_in(client, "new@example.org")
    assert response.status_code == 200
    assert b"not confirmed your e-mail address" in response.content
    assert reverse("accounts:resend-confirmation").encode() in response.content
    # With a wrong password the answer is the generic one: nothing learnt about the address.
    response = log_in(client, "new@example.org", "wrong password")
    assert b"not confirmed" not in response.content


def test_login_page_offers_sign_up_and_labels_its_inputs(client):
    content = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:signup") in content
    assert 'for="id_username"' in content and 'autocomplete="email"' in content
    assert 'autocomplete="current-password"' in content


def test_dashboard_needs_login(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_logout_is_post_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_dashboard_shows_roles_with_scope_and_plans(client, albania_editor, albania, django_assert_max_num_queries):
    from opengov.factories import ActionPlanFactory

    plans = [ActionPlanFactory(member=albania, number=n) for n in (1, 2, 3)]
    client.force_login(albania_editor)
    # +1 each for the IRM section (an open declaration?), the co-creation one (consultations to answer) and what
    # the user follows.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("accounts:dashboard"))
    content = response.content.decode()
    assert "Government editor" in content and "Albania" in content
    for plan in plans:
        assert plan.get_absolute_url() in content
    assert reverse("accounts:api-token") in content


def test_support_unit_dashboard_links_to_the_back_office(client, support_unit):
    client.force_login(support_unit)
    assert reverse("admin:index").encode() in client.get(reverse("accounts:dashboard")).content


def test_password_change(client):
    user = UserFactory(email="ada@example.org")
    client.force_login(user)
    new = "another quite long passphrase 7"
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302 and response.url == reverse("accounts:password-change-done")
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get(reverse("accounts:dashboard")).status_code == 200  # session kept
