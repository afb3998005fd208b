"""`manage.py load_demo_data [--reset]`: every app's demo data (core/seeding.py), then the demo log-ins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from opengov.accounts import demo as accounts_demo
from opengov.core import seeding
from opengov.opendata import demo as opendata_demo


class Command(BaseCommand):
    help = (
        "Import the real sample of OGP's commitments database, then every app's demo data (members, plans, "
        "co-creation, IRM, insights, events, stories, campaigns, governance, support, coalitions, follows; "
        "docs/demo.md), idempotent, then print the demo log-ins. Real data and member names, codes and regions: "
        "Open Government Partnership; the generated rest is illustrative."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo rows first (only those this command creates), then load them again.",
        )
        parser.add_argument("--no-logins", action="store_true", help="Do not print the demo log-ins.")

    def handle(self, *args: Any, reset: bool = False, no_logins: bool = False, **options: Any) -> None:
        started, cpu_started = time.monotonic(), time.process_time()
        if reset:
            with transaction.atomic():
                deleted = seeding.reset_all()
            self.stdout.write("Deleted demo rows: " + ", ".join(f"{n} {what}" for what, n in deleted.items()))
        log = seeding.SeedLog(self.stdout.write)
        with transaction.atomic():  # all or nothing
            for label, seed in seeding.seeders():
                app_started = time.monotonic()
                seed(log)
                self.stdout.write(f"Seeded the demo data of {label} ({time.monotonic() - app_started:.1f} s).")
        # CPU time beside the wall time: on a busy machine the wall time says more about the neighbours.
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
        self.stdout.write(self.style.SUCCESS(f"{log.summary()} ({elapsed:.1f} s, {cpu:.1f} s of CPU)"))
        self.stdout.write(opendata_demo.NOTICE)
        if not no_logins:
            self.print_logins()

    def print_logins(self) -> None:
        rows = accounts_demo.login_table()
        width = max(len(role) for role, _, _ in rows)
        email_width = max(len(email) for _, email, _ in rows)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo log-ins (password for all: {accounts_demo.DEMO_PASSWORD})"))
        self.stdout.write(f"  {'Role':<{width}}  {'E-mail':<{email_width}}  Password")
        for role, email, password in rows:
            self.stdout.write(f"  {role:<{width}}  {email:<{email_width}}  {password}")
        self.stdout.write("")
