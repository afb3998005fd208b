"""Benchmark of IRM work: saving an assessment, a member page with 500 assessed commitments, the procedural
review over 500 members and 3,000 action plans, the IRM staff's workspace with 500 reports in progress and the
researcher's report page listing 500 commitments.

    .venv/bin/python bench/irm.py [--requests 100] [--fresh]

Runs in-process (Django's test client, DEBUG off) against PostgreSQL: creates (or reuses) the database
``opengov_bench_irm``, migrates, seeds with bulk inserts, then prints medians and p95 in milliseconds.
Targets: save median < 100 ms; member page median < 80 ms; procedural review < 5 s; workspace and report page
median < 150 ms. A report, not a test.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import setup_django, timed  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_bench_irm"
MEMBERS, PLANS_PER_MEMBER, PAGE_COMMITMENTS = 500, 6, 500


def summary(label: str, values: list[float], target: float) -> None:
    p95 = statistics.quantiles(values, n=100, method="inclusive")[94] if len(values) > 1 else values[0]
    median = statistics.median(values)
    verdict = "ok" if median < target else "OVER TARGET"
    print(f"{label:<48} median {median:8.1f} ms   p95 {p95:8.1f} ms   (target < {target:.0f} ms: {verdict})")


def seed() -> None:
    from opengov.irm.models import Assessment, Report
    from opengov.members.models import Member
    from opengov.plans.models import ActionPlan, Commitment

    if Member.objects.filter(ogp_code__startswith="IB").count() >= MEMBERS:
        return
    members = Member.objects.bulk_create(
        [
            Member(name=f"IRM bench {i}", slug=f"irm-bench-{i}", ogp_code=f"IB{i:03d}", iso3="IBX", region="europe")
            for i in range(MEMBERS)
        ]
    )
    plans = ActionPlan.objects.bulk_create(
        [
            ActionPlan(
                member=m,
                number=n + 1,
                ogp_id=f"AP_IB{i:03d}{n + 1:02d}",
                start_year=2011 + 2 * n,
                end_year=2013 + 2 * n,
                submitted_on=datetime.date(2011 + 2 * n + (1 if i % 7 == 0 and n == 3 else 0), 8, 31),
                phase="ended",
            )
            for i, m in enumerate(members)
            for n in range(PLANS_PER_MEMBER)
        ]
    )
    # Every member's last plan gets a published Results Report with five assessed commitments; one member in
    # ten shows no progress. One member in five has a published Action Plan Review (co-creation checklist).
    last_plans = [p for p in plans if p.number == PLANS_PER_MEMBER]
    reports = Report.objects.bulk_create(
        [Report(action_plan=p, product="results_report", state="published") for p in last_plans]
        + [Report(action_plan=p, product="action_plan_review", state="published") for p in last_plans[::5]]
    )
    commitments = Commitment.objects.bulk_create(
        [
            Commitment(action_plan=p, ogp_id=f"IB{i:03d}{k:02d}"[:3] + f"{i * 5 + k:04d}", number=str(k + 1), title="x")
            for i, p in enumerate(last_plans)
            for k in range(5)
        ]
    )
    by_plan = {r.action_plan_id: r for r in reports if r.product == "results_report"}
    Assessment.objects.bulk_create(
        [
            Assessment(
                report=by_plan[c.action_plan_id],
                commitment=c,
                verifiable="yes",
                completion="not_started" if c.action_plan.member_id % 10 == 0 else "substantial",
            )
            for c in commitments
        ]
    )
    # The member page: 500 commitments, each assessed in a published End-of-Term Report.
    page_member = Member.objects.create(name="Benchland IRM", slug="benchland-irm", ogp_code="BQ", region="europe")
    plan = ActionPlan.objects.create(
        member=page_member, number=1, ogp_id="AP_BQX01", start_year=2014, end_year=2016, phase="ended"
    )
    report = Report.objects.create(action_plan=plan, product="end_of_term_report", state="published")
    draft = Report.objects.create(action_plan=plan, product="progress_report", state="draft")
    page_commitments = Commitment.objects.bulk_create(
        [
            Commitment(action_plan=plan, ogp_id=f"BQ{k:04d}", number=str(k + 1), title=f"Commitment {k}")
            for k in range(PAGE_COMMITMENTS)
        ]
    )
    Assessment.objects.bulk_create(
        [
            Assessment(
                report=report,
                commitment=c,
                specificity="high",
                verifiable="yes",
                relevance_access_to_information="yes",
                potential_impact=("transformative", "moderate", "minor")[k % 3],
                completion=("complete", "substantial", "limited")[k % 3],
            )
            for k, c in enumerate(page_commitments)
        ]
        + [Assessment(report=draft, commitment=page_commitments[0], verifiable="yes")]
    )


WORKSPACE_REPORTS = 500


def seed_workspace() -> None:
    """Reports in progress for the staff's workspace: a draft or open Progress Report on 500 plans, with a
    comment on each open one and a declaration waiting on every tenth plan (idempotent)."""
    from opengov.accounts.models import User
    from opengov.irm.models import Assignment, Report, ReportComment
    from opengov.plans.models import ActionPlan

    if Report.objects.filter(product="midterm_review", action_plan__member__ogp_code__startswith="IB").exists():
        return
    plans = list(ActionPlan.objects.filter(member__ogp_code__startswith="IB", number=5).order_by("pk"))
    plans = plans[:WORKSPACE_REPORTS]
    reports = Report.objects.bulk_create(
        [
            Report(
                action_plan=p,
                product="midterm_review",
                state=("draft", "public_comment", "final")[i % 3],
                due_date=datetime.date(2025 + i % 3, 1 + i % 12, 1),
            )
            for i, p in enumerate(plans)
        ]
    )
    author, _ = User.objects.get_or_create(email="bench-commenter@example.org")
    ReportComment.objects.bulk_create(
        [ReportComment(report=r, author=author, text="A comment") for r in reports if r.state == "public_comment"]
    )
    candidates = User.objects.bulk_create(
        [User(email=f"bench-candidate-{i}@example.org") for i in range(0, len(plans), 10)]
    )
    now = datetime.datetime.now(tz=datetime.UTC)
    Assignment.objects.bulk_create(
        [
            Assignment(researcher=u, action_plan=plans[i * 10], no_conflict_confirmed=True, declared_at=now)
            for i, u in enumerate(candidates)
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database")
    args = parser.parse_args()

    url = setup_django(DEFAULT_DATABASE_URL, args.fresh)
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    seed()
    seed_workspace()

    from opengov.accounts.actions import grant_role
    from opengov.accounts.models import Role, User
    from opengov.irm.actions import run_procedural_review, save_assessment
    from opengov.irm.models import Assessment, Finding, Report
    from opengov.members.models import Member

    # 1. Saving an assessment (the researcher's path: rule, lock, version check, validation, history).
    plan_report = Report.objects.select_related("action_plan").get(
        product="progress_report", action_plan__ogp_id="AP_BQX01"
    )
    researcher, _ = User.objects.get_or_create(email="bench-researcher@example.org")
    grant_role(None, researcher, Role.IRM_RESEARCHER, plan_report.action_plan)
    assessment = Assessment.objects.select_related("commitment").get(report=plan_report)
    levels = ["modest", "substantial", "unclear"]
    state = {"i": 0}

    def save() -> None:
        current = Assessment.objects.get(pk=assessment.pk)
        state["i"] += 1
        user = User.objects.get(pk=researcher.pk)
        save_assessment(
            user, plan_report, assessment.commitment, {"potential_for_results": levels[state["i"] % 3]}, current.version
        )

    summary("save an assessment (irm.actions.save_assessment)", timed(save, args.requests), 100)

    # 2. The member page with 500 assessed commitments (stars computed from published assessments).
    client = Client()
    member = Member.objects.get(slug="benchland-irm")
    url = member.get_absolute_url()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    print(f"member page queries with {PAGE_COMMITMENTS} assessed commitments: {len(ctx)}")

    def page() -> None:
        cache.clear()
        client.get(url)

    summary(f"member page, {PAGE_COMMITMENTS} assessed commitments", timed(page, args.requests), 80)

    # 3. The IRM staff's workspace (500 reports in progress, their researchers, comments, declarations) and the
    # researcher's report page listing every commitment of a 500-commitment plan.
    staff, _ = User.objects.get_or_create(email="bench-irm-staff@example.org")
    grant_role(None, staff, Role.IRM_STAFF)
    for label, user, page_url, target in (
        (f"IRM staff workspace, {WORKSPACE_REPORTS} reports in progress", staff, "/irm/workspace/", 150),
        (f"report page, {PAGE_COMMITMENTS} commitments (researcher)", researcher, plan_report.get_absolute_url(), 150),
    ):
        reader = Client()
        reader.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert reader.get(page_url).status_code == 200
        print(f"{label}: {len(ctx)} queries")
        summary(label, timed(lambda reader=reader, page_url=page_url: reader.get(page_url), args.requests), target)

    # 4. Procedural review over 500 members and 3,000 plans (first run records, second finds nothing new).
    Finding.objects.filter(member__ogp_code__startswith="IB").delete()
    Finding.objects.filter(member__slug="benchland-irm").delete()
    start = time.perf_counter()
    recorded = run_procedural_review(None, today=datetime.date(2026, 1, 1))
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = run_procedural_review(None, today=datetime.date(2026, 1, 1))
    second = time.perf_counter() - start
    plans = sum(1 for _ in Member.objects.filter(ogp_code__startswith="IB"))
    print(
        f"procedural review, {plans} members / {plans * PLANS_PER_MEMBER} plans: first run {first:.2f} s "
        f"({len(recorded)} findings), re-run {second:.2f} s ({len(again)} new)  (target < 5 s: "
        f"{'ok' if max(first, second) < 5 else 'OVER TARGET'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
