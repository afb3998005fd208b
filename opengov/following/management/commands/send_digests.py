"""Record date-driven news (consultations opening and closing), then send the daily or weekly digests.

Idempotent: run it as often as you like; a change is never sent twice to anyone (Delivery rows)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from opengov.core import followables as registry
from opengov.following import actions, mailer
from opengov.following.models import Frequency


class Command(BaseCommand):
    help = "Send the daily (default) or weekly digests of what people follow."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--frequency", choices=[Frequency.DAILY, Frequency.WEEKLY], default=Frequency.DAILY)

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        recorded = 0
        for scheduled in registry.scheduled_functions():
            for news in scheduled(today):
                recorded += len(actions.record(news.kind, news.obj, news.targets, news.summary, news.key))
        sent = mailer.send_digests(options["frequency"])
        self.stdout.write(f"{recorded} changes recorded, {sent} digests sent.")
