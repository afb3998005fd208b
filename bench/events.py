"""Benchmark of Open Gov Week at scale: 150,000 events over 6 editions in 190 countries, on PostgreSQL.

    .venv/bin/python bench/events.py [--requests 100] [--fresh]

Runs in-process (Django's test client, DEBUG off) against the database ``opengov_bench_events``: seeds 15,000
approved events, counts the queries of every list, grows to 150,000 and counts again (equal counts: flat), then
prints medians and p95 in milliseconds for the list and calendar pages, the map's bounding-box answers (cold: the
cache emptied before each request; and cached), an iCal feed of 2,000 events, the size of the map's first view
(gzip, what a browser downloads), and the time to bulk-upload 5,000 rows. A report, not a test: it fails only when
the harness cannot run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gzip
import io
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import CPU, ensure_database, percentile, timed  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_bench_events"
SIZES = (15_000, 150_000)
YEARS = (2021, 2022, 2023, 2024, 2025, 2026)
ITALY_PER_EDITION = 2_000  # so that one country's feed for one edition holds 2,000 events
TARGETS = {"list": 50.0, "calendar": 50.0, "bbox": 50.0, "ical": 300.0, "first_view_kb": 100.0, "upload_s": 20.0}


def line(label: str, times: list[float]) -> None:
    print(
        f"  {label:<40} {statistics.median(times):7.1f} {percentile(times, 95):7.1f} {statistics.median(CPU):7.1f}",
        flush=True,
    )


def seed(target: int) -> None:
    """Approved events up to ``target``: Italy 2,000 per edition, the rest spread over every country."""
    from django.utils.text import slugify
    from django_countries import countries

    from opengov.accounts.models import User
    from opengov.events.choices import EventType, Format, OrganiserType, Topic, join_codes
    from opengov.events.models import Edition, Event
    from opengov.events.places import PLACES

    have = Event.objects.count()
    if have >= target:
        return
    user, _ = User.objects.get_or_create(email="bench-organiser@example.org", defaults={"display_name": "Bench"})
    editions = []
    for year in YEARS:
        start = datetime.date(year, 5, 17)
        edition, _ = Edition.objects.get_or_create(
            year=year,
            defaults={
                "starts_on": start, "ends_on": start + datetime.timedelta(days=4), "theme_en": f"Theme {year}",
                "submissions_open_on": start - datetime.timedelta(days=120),
                "submissions_close_on": start + datetime.timedelta(days=30),
            },
        )  # fmt: skip
        editions.append(edition)
    known = {code: (city, lat, lng, zone) for code, city, lat, lng, zone in PLACES}
    codes = [code for code, _name in countries][:190]
    rng = random.Random(have)
    topics, types = Topic.values, EventType.values
    rows = []
    for n in range(have, target):
        edition = editions[n % len(editions)]
        # every edition gets its share of Italian events (ITALY_PER_EDITION of them at full size)
        every = SIZES[-1] // (ITALY_PER_EDITION * len(YEARS))
        code = "IT" if (n // len(editions)) % every == 0 else rng.choice(codes)
        city, lat, lng, zone = known.get(code, (f"City {code}", rng.uniform(-50, 65), rng.uniform(-170, 170), "UTC"))
        online = rng.random() < 0.25
        start = datetime.datetime.combine(
            edition.starts_on + datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, -5, 12])),
            datetime.time(rng.randint(6, 20), rng.choice([0, 30])),
            tzinfo=datetime.UTC,
        )
        title = f"{rng.choice(['Forum', 'Hackathon', 'Webinar', 'Debate', 'Workshop'])} on open government {n}"
        rows.append(
            Event(
                edition=edition, slug=slugify(title)[:80], title=title, description="Benchmark event.",
                organiser_name=f"Organiser {code} {n % 40}", organiser_type=rng.choice(OrganiserType.values),
                country=code, city="" if online else city,
                latitude=None if online else round(lat + rng.uniform(-2, 2), 4),
                longitude=None if online else round(max(-180, min(180, lng + rng.uniform(-2, 2))), 4),
                format=Format.ONLINE if online else rng.choice([Format.IN_PERSON, Format.HYBRID]),
                online_url="https://meet.example.org/x" if online else "",
                starts_at=start, ends_at=start + datetime.timedelta(hours=rng.choice([1, 2, 3])), timezone=zone,
                languages=join_codes(rng.sample(["en", "es", "fr", "pt", "ar"], k=rng.choice([1, 2]))),
                topics=join_codes(rng.sample(topics, k=rng.choice([1, 2, 3]))), event_type=rng.choice(types),
                contact_email="bench@example.org", submitted_by=user, state="approved", approved_at=start,
            )
        )  # fmt: skip
        rows[-1].set_region()
        if len(rows) == 10_000:
            Event.objects.bulk_create(rows, batch_size=2_000)
            rows = []
    Event.objects.bulk_create(rows, batch_size=2_000)
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum does to a table after a large load
        cursor.execute("VACUUM ANALYZE events_event")


def urls() -> dict[str, str]:
    return {
        "list": "/events/",
        "list, filtered": "/events/?edition=2026&region=europe&topic=civic_space&format=in_person",
        "list, page 50": "/events/?edition=2025&page=50",
        "calendar (official week)": "/events/calendar/?edition=2026",
        "calendar, filtered": "/events/calendar/?edition=2025&country=IT",
        "map page": "/events/map/",
        "bbox world z2": "/events/map/clusters.json?bbox=-180,-85,180,85&zoom=2",
        "bbox Europe z5": "/events/map/clusters.json?bbox=-12,35,32,60&zoom=5",
        "bbox Italy z8": "/events/map/clusters.json?bbox=10,40,14,44&zoom=8",
        "statistics": "/events/statistics/?edition=2026",
        "API list": "/api/v1/events/?edition=2026&country=IT",
    }


def count_queries(client) -> dict[str, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = {}
    for name, url in urls().items():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        out[name] = len(ctx.captured_queries)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengov.settings.dev")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
    ensure_database(url, args.fresh)

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.DEBUG = False
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    client = Client()
    counts = {}
    for size in SIZES:
        started = time.perf_counter()
        seed(size)
        print(f"seeded {size:,} events ({time.perf_counter() - started:.1f} s)", flush=True)
        counts[size] = count_queries(client)

    print(f"\nQueries per request (cold cache), {SIZES[0]:,} -> {SIZES[1]:,} events:")
    for name in urls():
        a, b = counts[SIZES[0]][name], counts[SIZES[1]][name]
        # a box with no lone event skips the query for single events: fewer queries is not growth
        print(f"  {name:<28} {a:>3} -> {b:>3}  {'flat' if b <= a else 'GROWS'}")

    print(f"\nTimings at {SIZES[-1]:,} events, {args.requests} requests each (ms): median  p95")
    # "cached": what a visitor meets between two changes to the events (counts, calendar days, clusters and
    # statistics are cached under the data version); "cold": the first request after a change.
    for name, path in urls().items():
        for label, before in (("cached", None), ("cold", cache.clear)):
            times = timed(lambda p=path: client.get(p), args.requests if label == "cached" else 10, before=before)
            line(f"{name} ({label})", times)
    rng = random.Random(1)
    boxes = []
    for _ in range(args.requests):
        zoom = rng.randint(3, 10)
        span = 360 / 2**zoom * 4
        west, south = rng.uniform(-180, 180 - span), rng.uniform(-60, 70 - span / 2)
        box = f"{west:.3f},{south:.3f},{west + span:.3f},{south + span / 2:.3f}"
        boxes.append(f"/events/map/clusters.json?bbox={box}&zoom={zoom}")
    it = iter(boxes * 2)
    cold_random = timed(lambda: client.get(next(it)), args.requests - 3, before=cache.clear)
    print(
        f"  {'random boxes z3-z10 (cold)':<34} {statistics.median(cold_random):7.1f} {percentile(cold_random, 95):7.1f}"
    )
    world = urls()["bbox world z2"]
    cached = timed(lambda: client.get(world), args.requests)
    print(f"  {'bbox world z2 (cached)':<34} {statistics.median(cached):7.1f} {percentile(cached, 95):7.1f}")

    from opengov.events.feeds import link_for

    feed = link_for("country=IT&edition=2026")
    feed_path = f"/events/feeds/{feed.key}.ics"
    entries = client.get(feed_path).content.count(b"BEGIN:VEVENT")
    ical = timed(lambda: client.get(feed_path), max(10, args.requests // 5))
    line(f"iCal feed of {entries:,} events", ical)

    print("\nMap first view, gzip-compressed bytes (what the browser downloads):")
    page = client.get("/events/map/").content
    parts = {
        "page (HTML with the first clusters)": page,
        "world outlines (GeoJSON)": client.get("/events/map/world.geojson").content,
    }
    from django.contrib.staticfiles import finders

    # Every stylesheet and script the page itself names (site-wide ones included), not a list kept by hand.
    for name in sorted(set(re.findall(r'(?:src|href)="/static/([^"?]+\.(?:js|css))', page.decode()))):
        parts[name] = Path(finders.find(name)).read_bytes()
    total = 0
    for name, body in parts.items():
        size = len(gzip.compress(body, 9))
        total += size
        print(f"  {name:<48} {size / 1024:7.1f} KB")
    data = sum(len(gzip.compress(parts[k], 9)) for k in list(parts)[:2])
    print(f"  {'total':<48} {total / 1024:7.1f} KB (data: {data / 1024:.1f} KB; the rest are cacheable libraries)")

    from opengov.accounts.actions import grant_role
    from opengov.accounts.models import Role, User
    from opengov.events.bulk import check_and_import, template_rows
    from opengov.events.models import Edition

    su, _ = User.objects.get_or_create(email="bench-su@example.org", defaults={"display_name": "SU"})
    grant_role(None, su, Role.SUPPORT_UNIT)
    header, example = template_rows()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for n in range(5_000):
        row = list(example)
        row[0] = f"Uploaded event {n}"
        writer.writerow(row)
    edition = Edition.objects.get(year=YEARS[-1])
    started = time.perf_counter()
    report = check_and_import(su, edition, out.getvalue().encode(), "bench.csv")
    upload_s = time.perf_counter() - started
    print(f"(load average now {', '.join(f'{v:.1f}' for v in os.getloadavg())})")
    print(
        f"\nBulk upload of 5,000 rows: {upload_s:.1f} s ({report.imported:,} imported, {len(report.problems)} problems)"
    )
    from opengov.events.models import Event

    Event.objects.filter(title__startswith="Uploaded event ").delete()

    print("\nTargets: list/calendar median < 50 ms, bbox median < 50 ms, iCal of 2,000 < 300 ms, "
          "first view < 100 KB, upload of 5,000 rows < 20 s.")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
