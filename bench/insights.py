"""Benchmark of insights: indicators and trends over 100,000 commitments, and a Global Report for 200 members.

    .venv/bin/python bench/insights.py [--commitments 100000] [--requests 50] [--fresh] [--skip-report]

Runs in-process (DEBUG off, dev settings) against PostgreSQL in its own database ``opengov_bench_insights``
(``DATABASE_URL`` overrides it). Seeds with bulk_create (bench/seed.py for members, plans, commitments and tags;
here: extra members up to 200, and two published IRM reports per ended plan with one assessment per commitment
and report, null codes included). Then times, cold (cache cleared) and from cache: every indicator, every trend,
the overview page and an indicator page; then builds a Global Report edition (HTML, then PDF) for all members.
Targets: indicators and trends under 1 s cold and under 20 ms from cache; report HTML under 60 s, PDF under 3 min.
A report, not a test: it fails only when the harness cannot run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import log, ms, setup_django  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_bench_insights"
MEMBERS = 200
COLD_TARGET_MS = 1000.0
WARM_TARGET_MS = 20.0
WARM_PAGE_TARGET_MS = 200.0
HTML_TARGET_S = 60.0
# The overview, one indicator page per kind (IRM share with its trends, carried forward, a plan indicator) and a
# member snapshot.
PAGES = (
    "/insights/",
    "/insights/indicators/high-completion/",
    "/insights/indicators/carried-forward/",
    "/insights/indicators/public-influence/",
    "/insights/members/albania/",
)
PDF_TARGET_S = 180.0
BATCH = 5000


def seed_extra_members() -> None:
    """Synthetic national members up to 200, with five plans of 20 commitments each (one policy area each)."""
    import datetime

    from django.db import transaction

    from opengov.members.models import Member, MemberKind, Region
    from opengov.plans.models import ActionPlan, Commitment, PolicyArea
    from opengov.plans.phases import Phase

    missing = MEMBERS - Member.objects.count()
    if missing <= 0:
        return
    regions = list(Region.values)
    areas = list(PolicyArea.objects.values_list("pk", flat=True))
    rng = random.Random(7)  # noqa: S311 - bench content
    with transaction.atomic():
        members = Member.objects.bulk_create(
            [
                Member(
                    name=f"Benchland {i:03d}",
                    slug=f"benchland-{i:03d}",
                    kind=MemberKind.NATIONAL,
                    ogp_code=f"Z{chr(65 + i // 26)}{chr(65 + i % 26)}",
                    iso3=f"Z{chr(65 + i // 26)}{chr(65 + i % 26)}",
                    region=regions[i % len(regions)],
                    join_date=datetime.date(2015, 1, 1),
                )
                for i in range(missing)
            ]
        )
        plans = ActionPlan.objects.bulk_create(
            [
                ActionPlan(
                    member=m,
                    number=n,
                    ogp_id=f"AP_{m.ogp_code}{n:02d}",
                    start_year=2012 + 2 * n,
                    end_year=2014 + 2 * n,
                    phase=Phase.ENDED if n < 5 else Phase.IMPLEMENTATION,
                )
                for m in members
                for n in range(1, 6)
            ]
        )
        commitments = Commitment.objects.bulk_create(
            [
                Commitment(
                    action_plan=p,
                    ogp_id=f"{p.member.ogp_code}{(p.number - 1) * 20 + k + 1:04d}",
                    number=str(k + 1),
                    title=f"Open data on {rng.choice(['budgets', 'contracts', 'courts', 'health', 'water'])} {k}",
                    description="Publish the data the public asks for, with a feedback channel.",
                )
                for p in plans
                for k in range(20)
            ],
            batch_size=BATCH,
        )
        tags = Commitment.policy_areas.through
        tags.objects.bulk_create(
            [tags(commitment_id=c.pk, policyarea_id=rng.choice(areas)) for c in commitments], batch_size=BATCH
        )


def seed_irm() -> int:
    """Two published reports per plan that has ended (by era) and an assessment per commitment and report."""
    from django.db import transaction

    from opengov.irm import scales
    from opengov.irm.models import Assessment, Product, Report
    from opengov.irm.workflow import ReportState
    from opengov.plans.models import ActionPlan, Commitment

    rng = random.Random(11)  # noqa: S311 - bench content
    plans = list(ActionPlan.objects.filter(start_year__lte=2022))
    reports = []
    for plan in plans:
        legacy = plan.start_year < 2020
        design = Product.PROGRESS_REPORT if legacy else Product.ACTION_PLAN_REVIEW
        final = Product.END_OF_TERM_REPORT if legacy else Product.RESULTS_REPORT
        for product in (design, final):
            reports.append(
                Report(action_plan=plan, product=product, state=ReportState.PUBLISHED, publication_year=plan.end_year)
            )
    with transaction.atomic():
        Report.objects.bulk_create(reports, batch_size=BATCH, ignore_conflicts=True)
    by_plan: dict[int, list[Report]] = {}
    for report in Report.objects.all():
        by_plan.setdefault(report.action_plan_id, []).append(report)

    def pick(scale, missing=0.15):
        if rng.random() < missing:
            return rng.choice(["NA", "ND", "NR"])
        return rng.choice(scale.values)

    rows = []
    total = 0
    # Only commitments not assessed yet: a rerun with more commitments assesses the new ones.
    ids = (
        Commitment.objects.filter(action_plan_id__in=list(by_plan), irm_assessments__isnull=True)
        .values_list("pk", "action_plan_id")
        .order_by()
    )
    for pk, plan_id in list(ids):
        for report in by_plan[plan_id]:
            legacy = report.product in (Product.PROGRESS_REPORT, Product.END_OF_TERM_REPORT)
            final = report.product in (Product.END_OF_TERM_REPORT, Product.RESULTS_REPORT)
            values = {
                "specificity": pick(scales.Specificity) if legacy else "ND",
                "verifiable": pick(scales.Verifiability),
                "relevant": pick(scales.YesNo),
                "relevance_access_to_information": pick(scales.YesNo),
                "potential_impact": pick(scales.PotentialImpact) if legacy else "ND",
                "potential_for_results": "ND" if legacy else pick(scales.PotentialForResults),
                "completion": pick(scales.Completion),
            }
            if final:
                values["diog_overall"] = pick(scales.DiogOverall) if legacy else "ND"
                values["early_results"] = "ND" if legacy else pick(scales.EarlyResults)
            rows.append(Assessment(report_id=report.pk, commitment_id=pk, **values))
        if len(rows) >= BATCH:
            Assessment.objects.bulk_create(rows, batch_size=BATCH)
            total += len(rows)
            rows = []
    Assessment.objects.bulk_create(rows, batch_size=BATCH)
    return Assessment.objects.count()


def seed_influence() -> int:
    """The IRM's process findings on the published reports that have none yet: a level of public influence
    during development on design reports, during implementation on final ones, open participation and the
    forum's regularity on both (about one report in ten left not assessed)."""
    from opengov.irm.models import Product, Report
    from opengov.irm.scales import PublicInfluence

    rng = random.Random(19)  # noqa: S311 - bench content
    design = {Product.PROGRESS_REPORT, Product.ACTION_PLAN_REVIEW, Product.DESIGN_REPORT}
    reports = list(Report.objects.filter(iap2_level_development="", iap2_level_implementation=""))
    for report in reports:
        if rng.random() < 0.1:
            continue
        level = rng.choices(PublicInfluence.values, weights=(2, 5, 4, 2, 1))[0]
        if report.product in design:
            report.iap2_level_development = level
        else:
            report.iap2_level_implementation = level
        report.participation_open = rng.random() < 0.7
        report.forum_met_regularly = rng.random() < 0.6
    fields = ["iap2_level_development", "iap2_level_implementation", "participation_open", "forum_met_regularly"]
    Report.objects.bulk_update(reports, fields, batch_size=BATCH)
    return Report.objects.exclude(iap2_level_development="", iap2_level_implementation="").count()


SAMPLE_CSV = ROOT / "opengov" / "opendata" / "data" / "ogp-commitments-sample.csv"
# The unmodelled columns an import keeps on each commitment's record (opendata.CommitmentRecord.cells).
RECORD_COLUMNS = (
    "Commitment Dummy", "Report Publication Year (Progress Report)", "Compound", "Specificity", "Verifiable",
    "_Relevant", "Potential Impact", "Completion (Progress Report)", "Starred (2015 Only)",
    "Starred (Current Formula) Progress Report", "Potential for Results", "Cluster (AP Review)",
    "Cluster Commitment ID(s)", "Report Publication Year (End Of Term)", "Completion (End Of Term)",
    "Change In Completion", "_ChangeCompletion", "Early Results", "Did It Open Government (Overall)",
    "Did It Open Government (Access To Information)", "Did It Open Government (Civic Participation)",
    "Did It Open Government: Public Accountability", "Starred (Current Formula) End of Term", "Carried Forward",
    "Most Recently Assessed", "Star - Most Recently Assessed", "IRM Assessed", "Updated? (Website)",
    "Active Commitment", "Max star", "Ambition Assessed", "Comp Assessed", "DIOG Assessed", "Midterm Only",
    "Max Completion", "Raw Completion", "High Completion", "High Ambition", "High DIOG",
    "Ambitious and complete, or DIOG", "Ambitious but not complete", "Complete but not ambitious",
    "Not complete or ambitious", "Not reviewed", "CHECKSUM", "IRM-Based Score", "Binding constraint",
    "Latest IRM Report", "Subnational in NAPs", "id",
)  # fmt: skip


def seed_ogp_records() -> int:
    """An OGP database record for every commitment, as an import leaves it: the 50 unmodelled cells of a random
    row of OGP's sample (about 1.5 KB of JSON each), so "Carried Forward" is 1 on about 6 % of commitments."""
    import csv

    from opengov.opendata.models import CommitmentRecord
    from opengov.plans.models import Commitment

    with SAMPLE_CSV.open(encoding="utf-8-sig") as f:
        rows = [{k: row.get(k, "") for k in RECORD_COLUMNS} for row in csv.DictReader(f)]
    rng = random.Random(17)  # noqa: S311 - bench content
    missing = list(Commitment.objects.filter(ogp_record__isnull=True).values_list("pk", flat=True).order_by())
    for start in range(0, len(missing), BATCH):
        CommitmentRecord.objects.bulk_create(
            [CommitmentRecord(commitment_id=pk, cells=rng.choice(rows)) for pk in missing[start : start + BATCH]]
        )
    return CommitmentRecord.objects.count()


def seed_cocreation() -> str:
    """Co-creation evidence for every member, so the checklists have something to read: a forum with three
    government and three civil-society seats (rules public for four in five), about one meeting a quarter and a
    repository document every two months from 2011 to 2026 (some skipped), one consultation per plan with five
    contributions, four in five answered. Created once (skipped when forums exist)."""
    import datetime

    from django.db import transaction

    from opengov.accounts.models import User
    from opengov.cocreation.models import (
        Consultation,
        Contribution,
        Document,
        Forum,
        ForumSeat,
        Meeting,
        Response,
        Sector,
    )
    from opengov.members.models import Member
    from opengov.plans.models import ActionPlan

    if not Forum.objects.exists():
        rng = random.Random(13)  # noqa: S311 - bench content
        with transaction.atomic():
            author, _ = User.objects.get_or_create(email="bench-participant@example.org")
            forums = Forum.objects.bulk_create(
                [
                    Forum(
                        member=m,
                        name=f"{m.name} forum",
                        rules_of_participation="Open seats." if rng.random() < 0.8 else "",
                    )
                    for m in Member.objects.all()
                ]
            )
            ForumSeat.objects.bulk_create(
                [
                    ForumSeat(forum=f, name=f"Seat {k}", sector=sector)
                    for f in forums
                    for sector in (Sector.GOVERNMENT, Sector.CIVIL_SOCIETY)
                    for k in range(3)
                ],
                batch_size=BATCH,
            )
            days = [datetime.date(2011, 1, 15) + datetime.timedelta(days=30 * k) for k in range(16 * 12)]
            Meeting.objects.bulk_create(
                [
                    Meeting(forum=f, held_on=day, title="Forum meeting")
                    for f in forums
                    for day in days[::3]
                    if rng.random() > 0.15
                ],
                batch_size=BATCH,
            )
            Document.objects.bulk_create(
                [
                    Document(
                        member_id=f.member_id,
                        kind="minutes",
                        title="Minutes",
                        published_on=day,
                        url="https://example.org/minutes.pdf",
                    )
                    for f in forums
                    for day in days[::2]
                    if rng.random() > 0.2
                ],
                batch_size=BATCH,
            )
            plans = list(ActionPlan.objects.all())
            consultations = Consultation.objects.bulk_create(
                [
                    Consultation(
                        action_plan=plan,
                        title="Draft plan consultation",
                        timeline_published_on=datetime.date(plan.start_year - 1, 3, 1),
                        opens_on=datetime.date(plan.start_year - 1, 3, 1 + rng.choice([10, 14, 20])),
                        closes_on=datetime.date(plan.start_year - 1, 5, 1),
                    )
                    for plan in plans
                ],
                batch_size=BATCH,
            )
            contributions = Contribution.objects.bulk_create(
                [
                    Contribution(consultation=c, kind="proposal", author=author, title="Idea", body="Publish it.")
                    for c in consultations
                    for _k in range(5)
                ],
                batch_size=BATCH,
            )
            now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
            Response.objects.bulk_create(
                [
                    Response(contribution=c, outcome="adopted", justification="Included.", responded_at=now)
                    for c in contributions
                    if rng.random() < 0.8
                ],
                batch_size=BATCH,
            )
    return (
        f"{Forum.objects.count():,} forums, {Meeting.objects.count():,} meetings, "
        f"{Document.objects.count():,} documents, {Contribution.objects.count():,} contributions"
    )


def pdf_pages(pdf: bytes) -> int | str:
    """Page count by poppler's pdfinfo when installed (object streams hide the page objects from a regex)."""
    import shutil
    import subprocess
    import tempfile

    tool = shutil.which("pdfinfo")
    if not tool:
        return "?"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run([tool, f.name], capture_output=True, text=True, check=False).stdout  # noqa: S603
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(match.group(1)) if match else "?"


def report_line(name: str, values: list[float], target: float | None) -> str:
    """Median, 90th percentile and maximum of the runs; PASS/FAIL on the median when there is a target."""
    median = statistics.median(values)
    p90 = statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]
    verdict = ("PASS" if median < target else "FAIL") if target else "—"
    shown = f"{target:>8.0f}" if target else f"{'—':>8}"
    return f"{name:<52} {median:>9.1f} {p90:>9.1f} {max(values):>9.1f} {shown}  {verdict}"


def run(args: argparse.Namespace) -> int:
    setup_django(DEFAULT_DATABASE_URL, args.fresh)
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its INFO log is one line per page
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]

    from bench import seed
    from opengov.insights import indicators, report
    from opengov.insights.indicators import Filters
    from opengov.insights.models import Edition
    from opengov.members.models import Member
    from opengov.plans.models import Commitment

    log("Migrating")
    call_command("migrate", verbosity=0)
    seed.ensure_skeleton()
    started = time.monotonic()
    seed_extra_members()
    seed.seed_commitments(args.commitments, log=lambda m: None)
    assessments = seed_irm()
    cocreation = seed_cocreation()
    records = seed_ogp_records()
    influence = seed_influence()
    commitments = Commitment.objects.count()
    log(f"Data: {commitments:,} commitments, {assessments:,} IRM assessments ({time.monotonic() - started:.0f} s)")
    log(f"Co-creation: {cocreation}; {records:,} OGP database records; {influence:,} reports with IAP2 levels")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def time_indicators_and_pages(args: argparse.Namespace, lines: list[str]) -> None:
        # Cold: the cache is cleared before each computation (the database's own caches stay warm, as in production).
        chosen = [i for i in indicators.all_indicators() if not args.only or i.key in args.only.split(",")]
        for indicator in chosen:
            cold = []
            for _ in range(args.cold_runs):
                cache.clear()
                cold.append(ms(lambda indicator=indicator: indicators.compute_cached(indicator)))
            lines.append(report_line(f"{indicator.key}: value, cold", cold, COLD_TARGET_MS))
            for by in ("year", "cycle"):
                if by not in indicator.dimensions:
                    continue
                cold = []
                for _ in range(args.cold_runs):
                    cache.clear()
                    cold.append(ms(lambda indicator=indicator, by=by: indicators.trend(indicator, Filters(), by)))
                lines.append(report_line(f"{indicator.key}: trend by {by}, cold", cold, COLD_TARGET_MS))
        cache.clear()
        everything = []
        for indicator in indicators.all_indicators():
            indicators.compute_cached(indicator)
            for by in ("year", "cycle"):
                indicators.trend(indicator, Filters(), by)

        def all_from_cache() -> None:
            # As a page does: one data-version query, then cache reads.
            version = indicators.data_version()
            for i in indicators.all_indicators():
                indicators.compute_cached(i, version=version)
                indicators.trend(i, Filters(), "year", version)

        for _ in range(args.requests):
            everything.append(ms(all_from_cache))
        lines.append(report_line("all indicators + year trends, from cache", everything, WARM_TARGET_MS))
        one = [ms(lambda: indicators.compute_cached(indicators.get("high-completion"))) for _ in range(args.requests)]
        lines.append(report_line("one indicator, from cache", one, WARM_TARGET_MS))

        if args.skip_pages:
            return
        # Pages through the test client (templates, charts, middleware; no network). "cold" clears the whole
        # cache: numbers and chart SVGs are computed again. "numbers cold" moves the data version only: every
        # number is computed again, the charts (cached by the hash of their spec, which holds the data) are not.
        client = Client()
        for path in PAGES:
            cold, numbers_cold = [], []
            for _ in range(args.cold_runs):
                cache.clear()
                cold.append(ms(lambda path=path: client.get(path)))
                indicators.bump_version()
                numbers_cold.append(ms(lambda path=path: client.get(path)))
            warm = [ms(lambda path=path: client.get(path)) for _ in range(args.requests)]
            lines.append(report_line(f"page {path} cold", cold, None))
            lines.append(report_line(f"page {path} numbers cold", numbers_cold, None))
            lines.append(report_line(f"page {path} cached", warm, WARM_PAGE_TARGET_MS))

    lines = [f"{'what (ms unless said)':<52} {'median':>9} {'p90':>9} {'max':>9} {'target':>8}  verdict"]
    if not args.report_only:
        time_indicators_and_pages(args, lines)
    if not args.skip_report:
        cache.clear()
        edition = Edition.objects.create(title="Bench Global Report", year=2026)
        members = Member.objects.count()
        start = time.perf_counter()
        context = report.build_context(edition)
        html = report.render_html(context)
        html_s = time.perf_counter() - start
        start = time.perf_counter()
        pdf = report.render_pdf(html)
        pdf_s = time.perf_counter() - start
        lines.append(report_line(f"Global Report HTML ({members} members), s", [html_s], HTML_TARGET_S))
        pages = pdf_pages(pdf)
        lines.append(report_line(f"Global Report PDF ({pages} pages, {len(pdf) // 1024} KB), s", [pdf_s], PDF_TARGET_S))
        Edition.objects.filter(pk=edition.pk).delete()

    log("")
    log(f"Insights on PostgreSQL, {commitments:,} commitments, {assessments:,} assessments")
    for line in lines:
        log(line)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50, help="timed runs from cache (default 50)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold runs per indicator (default 3)")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database first")
    parser.add_argument("--skip-report", action="store_true", help="do not build the Global Report")
    parser.add_argument("--report-only", action="store_true", help="only build the Global Report")
    parser.add_argument("--only", default="", help="time only these indicators cold (keys, comma-separated)")
    parser.add_argument("--skip-pages", action="store_true", help="do not time the pages")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
