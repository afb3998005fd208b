"""Benchmark of a large consultation: 5,000 contributions listed (paginated, with counts) and a contribution submitted.

    .venv/bin/python bench/cocreation.py [--requests 200] [--fresh]

Runs in-process (Django's test client, DEBUG off) against PostgreSQL: creates (or reuses) the database
``opengov_bench_cocreation``, migrates, seeds one draft plan with a consultation of 1,000 contributions, counts
the queries of the consultation page and the contributions API, grows it to 5,000 and counts again (equal
counts: no N+1), then times N requests of the first page, a middle page and the API list, and N contribution
submissions through cocreation.actions.contribute (the same path as the page and the API). Prints median and
p95 in milliseconds. A report, not a test: it fails only when the harness cannot run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import percentile, setup_django, timed  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_bench_cocreation"
SIZES = (1_000, 5_000)
LIST_TARGET_MS = 80.0
SUBMIT_TARGET_MS = 100.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database")
    args = parser.parse_args()

    setup_django(DEFAULT_DATABASE_URL, args.fresh)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # the test client's host and template hooks
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.COCREATION_RATE_LIMITS = {"contribute": (10**9, 3600)}
    call_command("migrate", verbosity=0)

    from opengov.accounts.models import User
    from opengov.cocreation import actions
    from opengov.cocreation.models import Consultation, Contribution, Response
    from opengov.members.models import Member
    from opengov.plans.models import ActionPlan
    from opengov.plans.phases import Phase

    member, _ = Member.objects.get_or_create(
        ogp_code="BZ", defaults={"name": "Benchland", "slug": "benchland", "iso3": "BNZ", "region": "europe"}
    )
    plan, _ = ActionPlan.objects.get_or_create(
        ogp_id="AP_BNZ01",
        defaults={"member": member, "number": 1, "start_year": 2026, "end_year": 2028, "phase": Phase.CO_CREATION},
    )
    consultation, _ = Consultation.objects.get_or_create(
        action_plan=plan,
        title="Bench consultation",
        defaults={
            "timeline_published_on": datetime.date(2022, 1, 1),
            "opens_on": datetime.date(2022, 1, 15),
            "closes_on": datetime.date(2099, 12, 31),
        },
    )
    authors = list(User.objects.filter(email__startswith="bench-author"))
    if not authors:
        User.objects.bulk_create(
            [User(email=f"bench-author{i}@example.org", display_name=f"Author {i}") for i in range(200)]
        )
        authors = list(User.objects.filter(email__startswith="bench-author"))
    participant = authors[0]

    def seed_to(n: int) -> None:
        have = Contribution.objects.filter(consultation=consultation).count()
        rows = [
            Contribution(
                consultation=consultation,
                kind="proposal",
                author=authors[i % len(authors)],
                title=f"Proposal {i}",
                body=f"Text of proposal {i} with **Markdown** and a [link](https://example.org/{i}).",
                support_count=i % 37,
            )
            for i in range(have, n)
        ]
        created = Contribution.objects.bulk_create(rows, batch_size=1000)
        Response.objects.bulk_create(
            [
                Response(
                    contribution=c, outcome="not_adopted", justification="Out of scope.", responded_at=c.created_at
                )
                for c in created[::3]
                if c.pk
            ],
            batch_size=1000,
        )

    client = Client()
    page_url = consultation.get_absolute_url()
    middle_url = f"{page_url}?page=100"
    api_url = f"/api/v1/contributions/?consultation={consultation.pk}"
    counts: dict[str, list[int]] = {"page": [], "api": []}
    for size in SIZES:
        seed_to(size)
        for name, target in (("page", page_url), ("api", api_url)):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(target).status_code == 200
            counts[name].append(len(ctx))
    total = Contribution.objects.filter(consultation=consultation).count()
    print(f"Consultation with {total:,} contributions (PostgreSQL, in-process, DEBUG off)")
    print(f"Queries per request at {SIZES[0]:,} / {SIZES[1]:,}: page {counts['page']}, API {counts['api']}")

    results = {
        "consultation page 1": timed(lambda: client.get(page_url), args.requests),
        "consultation page 100": timed(lambda: client.get(middle_url), args.requests),
        "API contributions list": timed(lambda: client.get(api_url), args.requests),
    }
    n = [0]

    def submit() -> None:
        n[0] += 1
        actions.contribute(participant, consultation, kind="proposal", title=f"Bench {n[0]}", body="A new proposal.")

    results["submit (action)"] = timed(submit, args.requests)
    author = Client()
    author.force_login(participant)
    post_url = f"/consultations/{consultation.pk}/contribute/"

    def post() -> None:
        n[0] += 1
        response = author.post(post_url, {"kind": "proposal", "title": f"Bench {n[0]}", "body": "A new proposal."})
        assert response.status_code == 302, response.status_code

    results["submit (page POST)"] = timed(post, args.requests)
    print(f"{'what':<26}{'median ms':>10}{'p95 ms':>10}{'target':>9}  verdict")
    for name, values in results.items():
        target = SUBMIT_TARGET_MS if name.startswith("submit") else LIST_TARGET_MS
        median = statistics.median(values)
        verdict = "PASS" if median < target else "FAIL"
        print(f"{name:<26}{median:>10.1f}{percentile(values, 95):>10.1f}{target:>9.0f}  {verdict}")
    # Remove the submitted rows so reruns start from the same 5,000 (bench data only).
    Contribution.objects.filter(consultation=consultation, title__startswith="Bench ").delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
