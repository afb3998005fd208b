from __future__ import annotations

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.utils import timezone
from django_tasks import task

from .models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification not yet e-mailed (idempotent: a retried task sends nothing twice)."""
    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related("recipient")
    with get_connection() as connection:
        for notification in pending:
            link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
            send_mail(
                subject=notification.subject,
                message=f"{notification.body}{link}",
                from_email=None,
                recipient_list=[notification.recipient.email],
                connection=connection,
            )
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent
