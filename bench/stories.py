"""Benchmark of OpenStories and campaigns: the stories page at 5,000 and 50,000 stories, every campaign target over
100,000 commitments (cold, from cache, refreshed after a change), and a 24-month trend.

    .venv/bin/python bench/stories.py [--stories 50000] [--commitments 100000] [--requests 30] [--fresh]

Runs in-process (DEBUG off, dev settings) against PostgreSQL in its own database ``opengov_bench_stories``
(``DATABASE_URL`` overrides it). Seeds with bulk_create (bench/seed.py for members, plans, commitments and tags;
here: stories with topics and links, Open Gov Challenge submissions). Prints medians, 90th percentiles and maxima.
Targets: stories page median under 50 ms with the same number of queries at 5,000 and 50,000 stories; every target
under 300 ms cold and under 20 ms from cache; a 24-month trend under 1 s cold. A report, not a test.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import log, ms, setup_django  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_bench_stories"
PAGE_TARGET_MS = 50.0
COLD_TARGET_MS = 300.0
WARM_TARGET_MS = 20.0
TREND_TARGET_MS = 1000.0
BATCH = 5000
PAGES = ("/stories/", "/stories/?region=europe", "/stories/?topic=fiscal-openness&year=2025", "/stories/?page=40")


def line(name: str, values: list[float], target: float | None) -> str:
    median = statistics.median(values)
    p90 = statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]
    verdict = ("PASS" if median < target else "FAIL") if target else "—"
    return f"{name:<58} {median:>9.1f} {p90:>9.1f} {max(values):>9.1f} {target or '—':>8}  {verdict}"


def seed_stories(target: int) -> int:
    """Stories up to ``target``: 70 % published, 5 % featured, the rest pending or declined; one topic each."""
    from django.db import transaction
    from django.utils import timezone

    from opengov.accounts.models import User
    from opengov.members.models import Member
    from opengov.plans.models import PolicyArea
    from opengov.stories.models import Format, Language, Story

    existing = Story.objects.count()
    if existing >= target:
        return 0
    author, _ = User.objects.get_or_create(email="bench-author@example.org", defaults={"display_name": "Bench"})
    members = list(Member.objects.values_list("pk", "region", "country"))
    groups = list(PolicyArea.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    rng = random.Random(existing)  # noqa: S311 - bench content
    now = timezone.now()
    statuses = ["published"] * 70 + ["featured"] * 5 + ["submitted"] * 15 + ["declined"] * 10
    for start in range(existing, target, BATCH):
        rows = []
        for k in range(start, min(start + BATCH, target)):
            member_id, region, country = members[k % len(members)]
            status = rng.choice(statuses)
            day = now - datetime.timedelta(days=rng.randrange(0, 5 * 365), minutes=k)
            public = status in ("published", "featured")
            rows.append(
                Story(
                    title=f"Story {k}: open {rng.choice(['budgets', 'contracts', 'courts', 'water', 'schools'])}",
                    summary="How a reform changed a public service, told by the people it served.",
                    body="A long text. " * 80,
                    language=rng.choice(Language.values),
                    country=country or "",
                    member_id=member_id,
                    region=region,
                    format=rng.choice(Format.values),
                    author=author,
                    status=status,
                    consent_publish=True,
                    submitted_at=day,
                    published_at=day if public else None,
                    featured_at=day if status == "featured" else None,
                )
            )
        with transaction.atomic():
            stories = Story.objects.bulk_create(rows, batch_size=BATCH)
            through = Story.topics.through
            through.objects.bulk_create(
                [through(story_id=s.pk, policyarea_id=rng.choice(groups)) for s in stories], batch_size=BATCH
            )
            # History rows: the page's fingerprint reads them, as in production (every action writes one).
            historical = Story.history.model  # type: ignore[attr-defined]
            names = [f.attname for f in Story._meta.concrete_fields if f.attname != "version"]
            historical.objects.bulk_create(
                [historical(**{n: getattr(s, n) for n in names}, history_date=now, history_type="+") for s in stories],
                batch_size=BATCH,
            )
    return target - existing


def seed_submissions(n: int) -> None:
    from opengov.accounts.models import User
    from opengov.campaigns.models import Campaign, ChallengeSubmission
    from opengov.members.models import Member

    campaign = Campaign.objects.get(slug="open-gov-challenge")
    if campaign.submissions.exists():
        return
    user = User.objects.get(email="bench-author@example.org")
    areas = list(campaign.themes.all())
    members = list(Member.objects.all()[:n])
    ChallengeSubmission.objects.bulk_create(
        [
            ChallengeSubmission(campaign=campaign, member=m, institution="Ministry", country=m.country or "FR",
                                title="Reform", description="d", area=areas[i % len(areas)],
                                status="accepted" if i % 3 else "submitted", submitted_by=user)
            for i, m in enumerate(members)
        ]
    )  # fmt: skip


def time_pages(client, requests: int) -> tuple[list[str], dict[str, int]]:
    """Each page twice: rendered (the page cache off: what the first visitor after a change waits for, and the
    query count that must stay flat) and as anonymous visitors meet it between changes (core/pagecache.py)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lines, counts = [], {}
    for url in PAGES:
        for cached in (False, True):
            settings.PAGE_CACHE_ENABLED = cached
            cache.clear()
            client.get(url)  # warm-up: the figures and filter choices are computed once per data change
            runs = []
            for _ in range(requests):
                runs.append(ms(lambda url=url: client.get(url)))
            with CaptureQueriesContext(connection) as q:
                response = client.get(url)
            assert response.status_code == 200, url
            if cached:
                lines.append(line(f"{url} (from the page cache)", runs, PAGE_TARGET_MS))
            else:
                counts[url] = len(q)
                lines.append(line(f"{url} (rendered, {len(q)} queries)", runs, PAGE_TARGET_MS))
    settings.PAGE_CACHE_ENABLED = True
    return lines, counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=50_000)
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()

    setup_django(DEFAULT_DATABASE_URL, args.fresh)
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]

    from bench import seed
    from opengov.campaigns import catalogue, progress, targets
    from opengov.campaigns.models import Target
    from opengov.plans.models import Commitment

    log("Migrating")
    call_command("migrate", verbosity=0)
    seed.ensure_skeleton()
    started = time.monotonic()
    seed.seed_commitments(args.commitments, log=lambda m: None)
    catalogue.ensure_campaigns()
    header = f"{'what':<58} {'median':>9} {'p90':>9} {'max':>9} {'target':>8}  verdict (ms)"
    report: list[str] = [header]
    client = Client()

    small = min(5000, args.stories)
    seed_stories(small)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"Stories page at {small:,} stories")
    lines, small_counts = time_pages(client, args.requests)
    report += [f"-- {small:,} stories", *lines]
    seed_stories(args.stories)
    seed_submissions(150)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"Data: {Commitment.objects.count():,} commitments ({time.monotonic() - started:.0f} s)")
    lines, big_counts = time_pages(client, args.requests)
    report += [f"-- {args.stories:,} stories", *lines]
    flat = all(small_counts[u] == big_counts[u] for u in PAGES)
    report.append(f"queries flat from {small:,} to {args.stories:,} stories: {'yes' if flat else 'NO'} "
                  f"({small_counts} -> {big_counts})")  # fmt: skip

    report.append(f"-- campaign targets over {Commitment.objects.count():,} commitments")
    for target in Target.objects.select_related("campaign").order_by("campaign__slug"):
        cold = []
        for _ in range(args.cold_runs):
            cache.clear()
            cold.append(ms(lambda target=target: progress.measure(target, with_members=False)))
        report.append(line(f"{target.indicator}: value + trend, cold", cold, COLD_TARGET_MS))
        cache.clear()
        with_members = []
        for _ in range(args.cold_runs):
            cache.clear()
            with_members.append(ms(lambda target=target: progress.measure(target)))
        report.append(line(f"{target.indicator}: with members and commitments, cold", with_members, None))
        warm = [ms(lambda target=target: progress.measure(target, with_members=False)) for _ in range(args.requests)]
        report.append(line(f"{target.indicator}: from cache", warm, WARM_TARGET_MS))

    # A 24-month trend: Open Response's window stretched to 24 months for the bench (April 2020 - March 2022).
    response = Target.objects.get(indicator="open-response-action")
    wide = Target(campaign=response.campaign, title="24 months", indicator=response.indicator, threshold=50,
                  window_starts_on=datetime.date(2020, 4, 1), deadline=datetime.date(2022, 3, 31))  # fmt: skip
    trend_runs = []
    for _ in range(args.cold_runs):
        cache.clear()
        trend_runs.append(ms(lambda: progress.measure(wide, with_members=False)))
    months = len(progress.measure(wide, with_members=False).trend)
    report.append(line(f"open-response-action: {months}-month trend, cold", trend_runs, TREND_TARGET_MS))

    # The cache is refreshed when the data under it changes: a new Gender commitment in a 2019 plan.
    from opengov.plans.models import ActionPlan, PolicyArea

    gender = Target.objects.get(indicator="gender-inclusion-action")
    before = progress.measure(gender, with_members=False)
    counted = {line.member_id for line in before.counted}
    plan = ActionPlan.objects.filter(start_year__lte=2019, end_year__gte=2019, phase__in=targets.DELIVERED_PHASES)
    plan = plan.exclude(member_id__in=counted).first()
    if plan is not None:
        c = Commitment.objects.create(action_plan=plan, ogp_id="ZZ9999", number="999", title="Bench gender commitment")
        c.policy_areas.add(PolicyArea.objects.get(label="Gender"))
        after = progress.measure(gender, with_members=False)
        refreshed = "yes" if after.numerator == before.numerator + 1 else "NO"
        report.append(
            f"cache refreshed after a change: {before.numerator}/{before.denominator} -> "
            f"{after.numerator}/{after.denominator} ({refreshed})"
        )
        c.policy_areas.clear()
        Commitment.objects.filter(pk=c.pk).delete()
    log("\n".join(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
