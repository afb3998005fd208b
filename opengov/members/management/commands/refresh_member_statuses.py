"""Daily: a status change recorded with a future date takes effect on that date (members.actions.refresh_status)."""

from typing import Any

from django.core.management.base import BaseCommand

from opengov.members.actions import refresh_status
from opengov.members.models import Member


class Command(BaseCommand):
    help = "Bring every member's current status in line with its dated status history (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        for member in Member.objects.all().iterator():
            before = (member.status, member.status_since)
            refresh_status(member)
            changed += (member.status, member.status_since) != before
        self.stdout.write(f"{changed} member status(es) updated.")
