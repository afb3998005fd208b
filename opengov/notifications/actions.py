"""The one way the platform tells people something: ``notify``.

Rows are written in the caller's transaction; the e-mails are sent by a background task enqueued after
commit, so a rolled-back action notifies nobody and a slow mail server never slows a request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(recipients: Iterable[Any], *, subject: str, body: str = "", url: str = "") -> list[Notification]:
    """Notify each distinct, active recipient in the app and by e-mail. Text is plain (never HTML)."""
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(Notification(recipient=user, subject=subject[:200], body=body, url=url))
    # PostgreSQL and SQLite (>= 3.35) both return the new ids from bulk_create.
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]
    if ids:
        from .tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return created


def mark_read(user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when no ids are given). Only the user's own."""
    rows = Notification.objects.filter(recipient=user).unread()
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())
