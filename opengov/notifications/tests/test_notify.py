import pytest
from django.core import mail
from django.urls import reverse

from opengov.factories import UserFactory
from opengov.notifications.actions import mark_read, notify
from opengov.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_notify_writes_one_row_per_distinct_active_recipient_and_emails_after_commit(
    django_capture_on_commit_callbacks,
):
    alice, bob, gone = UserFactory(), UserFactory(), UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice, bob, alice, gone, None], subject="Draft open for comment", body="Please comment.", url="/irm/")
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    assert "http" in mail.outbox[0].body and "/irm/" in mail.outbox[0].body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_nothing_is_emailed_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([UserFactory()], subject="x")
    from opengov.core.freshness import is_publisher

    assert len([callback for callback in callbacks if not is_publisher(callback)]) == 1  # the e-mail task
    assert mail.outbox == []


def test_resending_the_same_notifications_emails_nobody_twice(django_capture_on_commit_callbacks):
    from opengov.notifications.tasks import send_notification_emails

    with django_capture_on_commit_callbacks(execute=True):
        created = notify([UserFactory()], subject="x")
    send_notification_emails.enqueue([n.pk for n in created])
    assert len(mail.outbox) == 1


def test_the_inbox_shows_only_ones_own_notifications_as_plain_text(client):
    alice, bob = UserFactory(), UserFactory()
    notify([alice], subject="For Alice", body="<script>alert(1)</script>")
    notify([bob], subject="For Bob")
    client.force_login(alice)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "For Alice" in page and "For Bob" not in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "1 new" in client.get("/").content.decode()


def test_marking_read_touches_only_ones_own(client):
    alice, bob = UserFactory(), UserFactory()
    notify([alice, bob], subject="Both")
    client.force_login(alice)
    assert client.post(reverse("notifications:mark-read")).status_code == 302
    assert alice.notifications.unread().count() == 0
    assert bob.notifications.unread().count() == 1
    assert mark_read(bob, [alice.notifications.get().pk]) == 0


def test_the_inbox_needs_a_login_and_marking_needs_post(client):
    assert client.get(reverse("notifications:inbox")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("notifications:mark-read")).status_code == 405
