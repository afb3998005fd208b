"""Benchmark of the staff support queue (20,000 requests) and a coalition of 500 member governments whose
plans hold 20,000 commitments in its policy areas.

    .venv/bin/python bench/support.py [--requests 100] [--fresh]

Runs in-process (Django's test client, DEBUG off) against PostgreSQL: creates (or reuses) the database
``opengov_bench_support``, migrates, seeds a tenth of the data, counts the queries of each page, seeds the rest,
counts again (equal counts: flat with size), then times N requests per page and prints median and p95 in
milliseconds against the 50 ms target. A report, not a test: it fails only when the harness cannot run.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import cpu_median, percentile, setup_django, timed  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_bench_support"
TARGET_MS = 50.0
REQUESTS = (2_000, 20_000)
GOVERNMENTS = (50, 500)
COMMITMENTS_PER_GOVERNMENT = 40  # 500 x 40 = 20,000 commitments in the coalition's areas


def code(i: int) -> str:
    """Three capital letters (Z + two), unique per i < 676: the bench members' OGP codes."""
    return "Z" + chr(65 + i // 26) + chr(65 + i % 26)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database")
    args = parser.parse_args()

    setup_django(DEFAULT_DATABASE_URL, args.fresh)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)

    from opengov.accounts.actions import grant_role
    from opengov.accounts.models import Role, User
    from opengov.coalitions.models import Coalition, Participant
    from opengov.irm.models import Assessment, Report
    from opengov.members.models import Member
    from opengov.plans.models import ActionPlan, Commitment, PolicyArea
    from opengov.support.models import StaffCoverage, SupportRequest

    staff, created = User.objects.get_or_create(email="bench-staff@example.org", defaults={"is_staff": True})
    if created:
        grant_role(None, staff, Role.SUPPORT_UNIT)
        StaffCoverage.objects.create(user=staff, region="europe")
    requester, _ = User.objects.get_or_create(email="bench-requester@example.org")
    area = PolicyArea.objects.get(label="Gender")
    coalition, _ = Coalition.objects.get_or_create(
        slug="bench-coalition", defaults={"name": "Bench coalition", "description": "Bench."}
    )
    coalition.policy_areas.set(PolicyArea.objects.filter(label="Inclusion"))  # Gender is one of its sub-areas

    def seed_governments(n: int) -> None:
        have = Member.objects.filter(ogp_code__startswith="Z", name__startswith="Benchland").count()
        members = Member.objects.bulk_create(
            [
                Member(name=f"Benchland {i}", slug=f"benchland-{i}", ogp_code=code(i), iso3=code(i), region="europe")
                for i in range(have, n)
            ]
        )
        plans = ActionPlan.objects.bulk_create(
            [
                ActionPlan(member=m, number=1, ogp_id=f"AP_{m.ogp_code}01", start_year=2022, end_year=2024,
                           duration_years=2, phase="implementation")
                for m in members
            ]
        )  # fmt: skip
        commitments = Commitment.objects.bulk_create(
            [
                Commitment(action_plan=p, ogp_id=f"{p.member.ogp_code}{j:04d}", number=str(j + 1),
                           title=f"Gender budgeting step {j} of {p.member.name}")
                for p in plans
                for j in range(COMMITMENTS_PER_GOVERNMENT)
            ],
            batch_size=2000,
        )  # fmt: skip
        Commitment.policy_areas.through.objects.bulk_create(
            [Commitment.policy_areas.through(commitment_id=c.pk, policyarea_id=area.pk) for c in commitments],
            batch_size=5000,
        )
        reports = Report.objects.bulk_create(
            [Report(action_plan=p, product="results_report", state="published", published_on=datetime.date(2025, 1, 1))
             for p in plans]
        )  # fmt: skip
        by_plan = {r.action_plan_id: r for r in reports}
        Assessment.objects.bulk_create(
            [Assessment(report=by_plan[c.action_plan_id], commitment=c, completion="substantial", verifiable="yes")
             for c in commitments[::2]],
            batch_size=2000,
        )  # fmt: skip
        Participant.objects.bulk_create(
            [Participant(coalition=coalition, kind="government", member=m) for m in members]
        )

    def seed_requests(n: int) -> None:
        have = SupportRequest.objects.count()
        members = list(Member.objects.filter(name__startswith="Benchland").order_by("pk")[:50])
        now = datetime.datetime.now(datetime.UTC)
        SupportRequest.objects.bulk_create(
            [
                SupportRequest(
                    member=members[i % len(members)], requester=requester, topic="implementation",
                    subject=f"Question {i}", message="How do we report progress?",
                    status=("new", "in_progress", "waiting", "resolved", "closed")[i % 5],
                    assigned_to=staff if i % 3 else None, created_at=now - datetime.timedelta(hours=i),
                    first_response_at=None if i % 4 == 0 else now - datetime.timedelta(hours=i - 1),
                )
                for i in range(have, n)
            ],
            batch_size=5000,
        )  # fmt: skip

    client = Client()
    client.force_login(staff)
    pages = {
        "support queue (all, page 1)": "/support/queue/?view=all&status=any",
        "support queue (all, page 200)": "/support/queue/?view=all&status=any&page=200",
        "support queue (mine, open)": "/support/queue/?view=mine",
        "support queue (overdue)": "/support/queue/?view=overdue",
        "support API list (staff)": "/api/v1/support/requests/",
        "coalition page 1": "/coalitions/bench-coalition/",
        "coalition page 400": "/coalitions/bench-coalition/?page=400",
        "coalition API": "/api/v1/coalitions/bench-coalition/",
    }
    counts: dict[str, list[int]] = {name: [] for name in pages}
    for requests, governments in zip(REQUESTS, GOVERNMENTS, strict=True):
        seed_governments(governments)
        seed_requests(requests)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        for name, path in pages.items():
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
            counts[name].append(len(ctx))
    n_commitments = Commitment.objects.filter(action_plan__member__name__startswith="Benchland").count()
    print(
        f"Support queue of {SupportRequest.objects.count():,} requests; coalition of "
        f"{coalition.participants.count():,} governments with {n_commitments:,} commitments in its areas "
        "(PostgreSQL, in-process, DEBUG off, signed in as Support Unit staff)"
    )
    print(f"{'page':<32}{'queries':>14}{'median ms':>11}{'p95 ms':>9}{'app CPU':>9}{'target':>8}  verdict")
    for name, path in pages.items():
        values = timed(lambda path=path: client.get(path), args.requests)
        median = statistics.median(values)
        verdict = "PASS" if median < TARGET_MS else "FAIL"
        queries = " / ".join(str(c) for c in counts[name])
        print(
            f"{name:<32}{queries:>14}{median:>11.1f}{percentile(values, 95):>9.1f}{cpu_median():>9.1f}"
            f"{TARGET_MS:>8.0f}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
