"""Log-in lock-out (per account and address, exponential back-off, never permanent), per-address limits on
failed log-ins, sign-ups and reset e-mails; all on the shared rate-limit mechanism (core/ratelimit.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opengov.accounts import throttle
from opengov.accounts.models import User
from opengov.core import ratelimit
from opengov.factories import UserFactory

PASSWORD = "correct horse battery staple"  # UserFactory's
NEW_PASSWORD = "a long and unusual passphrase 42"
ATTACKER, VICTIM = "203.0.113.9", "198.51.100.7"
pytestmark = pytest.mark.django_db


def log_in(client, email, password=PASSWORD, ip=ATTACKER, url="accounts:login"):
    return client.post(reverse(url), {"username": email, "password": password}, REMOTE_ADDR=ip)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


class Clock:
    """Stands in for ``time`` inside core.ratelimit, so a test can let an hour pass."""

    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


def test_many_wrong_passwords_lock_the_guesser_out_even_with_the_right_one(client):
    UserFactory(email="ada@example.org")
    for n in range(200):
        log_in(client, "ada@example.org", f"guess {n}")
    response = log_in(client, "ada@example.org")
    assert not logged_in(client)
    assert "Too many failed log-ins" in response.content.decode()


def test_the_victim_logs_in_from_another_address_while_the_guesser_is_locked(client):
    UserFactory(email="ada@example.org")
    for n in range(20):
        log_in(client, "ada@example.org", f"guess {n}")
    log_in(client, "ada@example.org", ip=VICTIM)
    assert logged_in(client)


def test_lock_grows_exponentially_up_to_a_ceiling_and_always_ends(clock):
    backoff = ratelimit.Backoff("test", free=5, base=30, ceiling=3600)
    locks = [backoff.failure("x") for _ in range(14)]
    assert locks == [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert backoff.retry_after("x") == 3600
    clock.now += 3601
    assert backoff.retry_after("x") == 0


def test_a_locked_out_account_opens_again_once_the_lock_ends(client, clock):
    UserFactory(email="ada@example.org")
    for n in range(6):
        log_in(client, "ada@example.org", f"guess {n}")
    log_in(client, "ada@example.org")
    assert not logged_in(client)
    clock.now += 31
    log_in(client, "ada@example.org")
    assert logged_in(client)


def test_success_forgets_earlier_failures(rf):
    request = rf.post("/", REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        throttle.login_failed(request, "ada@example.org")
    throttle.login_succeeded(request, "ada@example.org")
    throttle.login_failed(request, "ada@example.org")
    throttle.check_login_allowed(request, "ada@example.org")  # one failure after success: free


def test_a_locked_guesser_learns_nothing_about_unconfirmed_accounts(client):
    UserFactory(email="new@example.org", is_active=False)
    for n in range(6):
        log_in(client, "new@example.org", f"guess {n}")
    response = log_in(client, "new@example.org")  # the right password
    assert "not confirmed" not in response.content.decode()


def test_one_address_trying_many_accounts_is_stopped(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login-ip": (3, 3600)}
    UserFactory(email="ada@example.org")
    for n in range(3):
        log_in(client, f"person{n}@example.org", "guess")
    log_in(client, "ada@example.org")
    assert not logged_in(client)
    log_in(client, "ada@example.org", ip=VICTIM)
    assert logged_in(client)


def test_the_admin_log_in_is_throttled_too(client):
    UserFactory(email="staff@example.org", is_staff=True)
    for n in range(6):
        log_in(client, "staff@example.org", f"guess {n}", url="admin:login")
    log_in(client, "staff@example.org", url="admin:login")
    assert not logged_in(client)


def sign_up(client, email, ip=ATTACKER):
    data = {"email": email, "display_name": "Ada", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    return client.post(reverse("accounts:signup"), data, REMOTE_ADDR=ip)


def test_sign_ups_are_limited_per_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (2, 3600)}
    for n in range(2):
        assert sign_up(client, f"bot{n}@example.org").status_code == 302
    response = sign_up(client, "bot2@example.org")
    assert response.status_code == 200 and "too often" in response.content.decode()
    assert not User.objects.filter(email="bot2@example.org").exists()
    assert sign_up(client, "ada@example.org", ip=VICTIM).status_code == 302


def test_sign_up_limit_default_stops_a_burst(client):
    created = sum(sign_up(client, f"bot{n}@example.org").status_code == 302 for n in range(40))
    assert created == ratelimit.limit_for("signup")[0] < 40
    assert User.objects.count() == created


@pytest.mark.parametrize(
    ("url", "data"),
    [("accounts:password-reset", {"email": "ada@example.org"}), ("accounts:resend-confirmation", {"email": "a@b.org"})],
)
def test_reset_and_confirmation_mails_are_limited_per_address(client, settings, mailoutbox, url, data):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password-reset": (1, 3600)}
    UserFactory(email="ada@example.org")
    assert client.post(reverse(url), data, REMOTE_ADDR=ATTACKER).status_code == 302
    response = client.post(reverse(url), data, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 200 and "too often" in response.content.decode()
