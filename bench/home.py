"""Benchmark of the home page with every app's live block, on the benchmark's data.

    .venv/bin/python bench/home.py [--requests 200] [--fresh]

Runs in-process (Django's test client, DEBUG off, the page cache off so every request renders the page) against
PostgreSQL: creates (or reuses) ``opengov_bench_home``, migrates, seeds the benchmark's members, plans and 10,000
commitments (bench/seed.py), then what the blocks show: a running campaign with its targets, an Open Gov Week
edition with 300 events, 40 open consultations, 40 IRM reports open for public comment and 30 featured stories.
Times N requests three ways: the blocks' caches warm (core.freshness, the normal case), every cache cleared before
each request (the first visitor after a write everywhere), and with the page cache on for an anonymous visitor.
Prints median and p95 in milliseconds and the queries of each. A report, not a test. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import percentile, setup_django, timed  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_bench_home"
COMMITMENTS = 10_000
TARGET_MS = 50.0


def seed_blocks() -> None:
    """What the home page's blocks show, created once (a re-run finds it and adds nothing)."""
    from django.utils import timezone

    from opengov.accounts.models import User
    from opengov.campaigns import catalogue
    from opengov.cocreation.models import Consultation
    from opengov.events.models import Edition, Event
    from opengov.irm.models import Report
    from opengov.plans.models import ActionPlan
    from opengov.stories.models import Story

    today = timezone.localdate()
    campaign = catalogue.ensure(catalogue.OPEN_GOV_CHALLENGE)
    if campaign.ends_on < today:
        campaign.ends_on = today + datetime.timedelta(days=365)
        campaign.save(update_fields=["ends_on"])
    if Consultation.objects.filter(title__startswith="Bench consultation").exists():
        return
    plans = list(ActionPlan.objects.order_by("pk")[:40])
    author, _ = User.objects.get_or_create(email="bench-home@example.org", defaults={"display_name": "Bench"})
    Consultation.objects.bulk_create(
        Consultation(
            action_plan=plan,
            title=f"Bench consultation {i}",
            timeline_published_on=today - datetime.timedelta(days=30),
            opens_on=today - datetime.timedelta(days=10),
            closes_on=today + datetime.timedelta(days=10 + i),
        )
        for i, plan in enumerate(plans)
    )
    taken = set(Report.objects.filter(product="results_report").values_list("action_plan_id", flat=True))
    Report.objects.bulk_create(
        Report(
            action_plan=plan,
            product="results_report",
            state="public_comment",
            comment_opens_on=today - datetime.timedelta(days=3),
            comment_closes_on=today + datetime.timedelta(days=20 + i),
        )
        for i, plan in enumerate(plans)
        if plan.pk not in taken
    )
    edition, _ = Edition.objects.get_or_create(
        year=today.year + 1,
        defaults={
            "starts_on": today + datetime.timedelta(days=60),
            "ends_on": today + datetime.timedelta(days=64),
            "theme_en": "Open government for everyone",
            "submissions_open_on": today - datetime.timedelta(days=30),
            "submissions_close_on": today + datetime.timedelta(days=64),
        },
    )
    start = timezone.now() + datetime.timedelta(days=60)
    countries = ["IT", "FR", "KE", "MX", "PH", "ID", "BR", "CA", "ES", "NG"]
    Event.objects.bulk_create(
        Event(
            edition=edition,
            title=f"Bench event {i}",
            slug=f"bench-event-{i}",
            description="A public debate.",
            organiser_name=f"Organiser {i % 40}",
            organiser_type="civil_society",
            country=countries[i % 10],
            city="Rome",
            format="in_person",
            starts_at=start + datetime.timedelta(hours=i),
            ends_at=start + datetime.timedelta(hours=i + 2),
            timezone="UTC",
            languages="|en|",
            topics="|civic_space|",
            event_type="debate",
            contact_email="organiser@example.org",
            submitted_by=author,
            state="approved",
            approved_at=timezone.now(),
        )  # fmt: skip
        for i in range(300)
    )
    now = timezone.now()
    Story.objects.bulk_create(
        Story(
            author=author,
            status="featured",
            title=f"Bench story {i}",
            summary="A city published its budget.",
            body="The story.",
            country="AL",
            consent_publish=True,
            submitted_at=now,
            published_at=now,
            featured_at=now - datetime.timedelta(minutes=i),
        )  # fmt: skip
        for i in range(30)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database")
    args = parser.parse_args()

    setup_django(DEFAULT_DATABASE_URL, args.fresh)
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)

    from bench import seed

    seed.ensure_skeleton()
    seed.seed_commitments(COMMITMENTS)
    seed_blocks()

    client = Client()

    def home() -> None:
        response = client.get("/")
        assert response.status_code == 200, response.status_code

    rows = []
    for label, page_cache, before in (
        ("blocks cached (freshness), page rendered", False, lambda: None),
        ("every cache cleared before each request", False, cache.clear),
        ("anonymous, page cache on", True, lambda: None),
    ):
        settings.PAGE_CACHE_ENABLED = page_cache
        cache.clear()
        home()
        # Public reads may go to the replica alias (core/db_routing.py): count the queries on every connection.
        with ExitStack() as stack:
            captured = [stack.enter_context(CaptureQueriesContext(connections[alias])) for alias in connections]
            before()
            home()
        queries = sum(len(c) for c in captured)  # now: the log is read lazily and a reconnection empties it
        times = timed(home, args.requests, before)
        rows.append((label, statistics.median(times), percentile(times, 95), queries))

    print(f"\nHome page, {COMMITMENTS:,} commitments, N={args.requests} (target: median under {TARGET_MS:.0f} ms)")
    print(f"{'case':<45} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, median, p95, queries in rows:
        print(f"{label:<45} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
