"""Issue 10.3: with the mail server down, sign-up, a new confirmation link and password reset answer as usual
(no 500): account e-mails go through the task queue after commit, like notifications, and a failed sending is
the task's failure, not the request's. With the server up, the same e-mails arrive."""

from __future__ import annotations

import socket

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django_tasks.signals import task_enqueued

from opengov.accounts.models import User
from opengov.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def mail_server_down(settings):
    """A real SMTP backend pointed at a local port nobody listens on: every connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email="ada@example.org"):
    data = {"email": email, "display_name": "Ada", "password1": PASSWORD, "password2": PASSWORD}
    return client.post(reverse("accounts:signup"), data)


def test_sign_up_with_the_mail_server_down_answers_normally(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)

    assert response.status_code == 302 and response.url == reverse("accounts:signup-done")
    user = User.objects.get(email="ada@example.org")
    assert not user.is_active  # the account waits for its link; "send a new link" works once mail is back


def test_a_new_link_and_a_password_reset_with_the_mail_server_down(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    UserFactory(email="unconfirmed@example.org", is_active=False, email_confirmed_at=None)
    UserFactory(email="ada@example.org")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        resend = client.post(reverse("accounts:resend-confirmation"), {"email": "unconfirmed@example.org"})
        reset = client.post(reverse("accounts:password-reset"), {"email": "ada@example.org"})

    assert len(callbacks) == 2  # both e-mails were queued (and their sending failed in the task, not here)

    assert resend.status_code in (200, 302)
    assert reset.status_code == 302 and reset.url == reverse("accounts:password-reset-done")


def test_account_mails_are_sent_by_a_task_after_commit(client, django_capture_on_commit_callbacks):
    enqueued = []

    def record(sender, task_result, **kwargs):
        enqueued.append(task_result.task.name)

    task_enqueued.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            sign_up(client)
        assert (mail.outbox, enqueued) == ([], [])  # nothing sent or queued inside the transaction ...
        for callback in callbacks:
            callback()
    finally:
        task_enqueued.disconnect(record)
    assert enqueued == ["send_account_email"]  # ... a task is queued after commit and sends it
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
