"""Benchmark of the public pages and the API under gunicorn, on PostgreSQL, with 10,000 commitments.

    make bench            # or: .venv/bin/python bench/run.py [--requests 200] [--fresh]

Steps: create (or reuse) the database ``opengov_bench``, migrate, seed 1,000 commitments, count the SQL
queries per page in-process, seed up to 10,000, count again, collect static files, start gunicorn on a free
loopback port, warm up, time N sequential requests per URL, print median and p95, stop gunicorn whatever
happens. Timing is a report: the process fails only when the harness itself cannot run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database, log  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_bench"
TARGET_MEDIAN_MS = 50.0
SIZES = (1_000, 10_000)
WARMUP_PER_URL = 20
REQUEST_TIMEOUT_S = 10.0
STARTUP_TIMEOUT_S = 60.0


@dataclass
class UrlResult:
    name: str
    path: str
    queries: dict[int, int | None] = field(default_factory=dict)  # size -> queries per request
    status: int | None = None
    timings_ms: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def median(self) -> float | None:
        return statistics.median(self.timings_ms) if self.timings_ms else None

    @property
    def p95(self) -> float | None:
        if len(self.timings_ms) < 2:
            return self.median
        return statistics.quantiles(self.timings_ms, n=20, method="inclusive")[18]


def bench_environment(database_url: str) -> dict[str, str]:
    """The production settings, made to run on loopback over plain HTTP against the bench database."""
    return {
        "DJANGO_SETTINGS_MODULE": "opengov.settings.production",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        # A fresh random key per run: nothing signed by the bench outlives it.
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(60),
        # The anonymous API throttle would otherwise turn the timed requests into 429s.
        "API_ANON_RATE": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }


def pick_urls() -> list[UrlResult]:
    """The URLs to time, chosen from the data: the member with most plans and one of its commitments."""
    from django.db.models import Count

    from bench.seed import BUSY_MEMBER
    from opengov.members.models import Member
    from opengov.plans.models import Commitment

    member = (
        Member.objects.filter(ogp_code=BUSY_MEMBER).first()
        or Member.objects.annotate(n=Count("action_plans")).order_by("-n").first()
    )
    commitment = Commitment.objects.filter(action_plan__member=member).order_by("ogp_id").first()
    return [
        UrlResult("Home page (every app's live blocks)", "/"),
        UrlResult("Members directory", "/members/"),
        UrlResult(f"Member page ({member.name})", f"/members/{member.slug}/"),
        UrlResult(f"Commitment page ({commitment.ogp_id})", f"/commitments/{commitment.ogp_id}/"),
        UrlResult("Commitments API list", "/api/v1/commitments/"),
    ]


def count_queries(results: list[UrlResult], size: int) -> None:
    """SQL queries per request, measured in-process with the test client against the same database."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A page that raises is reported with its status (500), not as a crash of the harness.
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    from opengov.plans.models import Commitment

    log(f"Counting queries per request at {Commitment.objects.count():,} commitments")
    for result in results:
        client.get(result.path)  # first hit fills per-process caches (content types, home numbers...)
        cache.clear()
        client.get(result.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(result.path)
        result.status = response.status_code
        result.queries[size] = len(captured) if response.status_code == 200 else None


def count_queries_at(results: list[UrlResult], size: int) -> None:
    """Count at exactly ``size`` commitments. A reused database may hold more: the extra rows (the latest
    ones, seeded round-robin like the rest) are deleted inside a transaction that is rolled back."""
    from django.db import connection, transaction

    from opengov.plans.models import Commitment, EvidenceLink, Milestone, ProgressUpdate

    if Commitment.objects.count() <= size:
        count_queries(results, size)
        return
    with transaction.atomic():
        cut = Commitment.objects.order_by("pk").values_list("pk", flat=True)[size - 1]
        q = connection.ops.quote_name
        tags = q(Commitment.policy_areas.through._meta.db_table)
        evidence, updates = q(EvidenceLink._meta.db_table), q(ProgressUpdate._meta.db_table)
        milestones, commitments = q(Milestone._meta.db_table), q(Commitment._meta.db_table)
        # Raw deletes: the ORM's cascade would load 9,000 rows (and write their history) only to roll back.
        # Table names come from model metadata, values are parameters: nothing user-supplied is interpolated.
        statements = [
            f"DELETE FROM {evidence} WHERE progress_update_id IN (SELECT id FROM {updates} WHERE commitment_id > %s)",  # noqa: S608, E501
            *(f"DELETE FROM {table} WHERE commitment_id > %s" for table in (updates, milestones, tags)),  # noqa: S608
            f"DELETE FROM {commitments} WHERE id > %s",  # noqa: S608
        ]
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, [cut])
        count_queries(results, size)
        transaction.set_rollback(True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, float]:
    """One GET on loopback; returns (status, milliseconds). A new connection each time, as a browser's first."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "Accept": "text/html,application/json"})
        response = conn.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "opengov.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"]
    log(f"Starting: {' '.join(command)}")
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})


def wait_until_up(proc: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {proc.returncode} during start-up")
        try:
            if get(port, "/health/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer /health/ within {STARTUP_TIMEOUT_S:.0f} s")


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    """Stop our gunicorn (and only it): TERM to the master, which stops its workers; KILL if it hangs."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    log("gunicorn stopped")


def time_urls(results: list[UrlResult], port: int, requests: int) -> None:
    for result in results:
        for _ in range(WARMUP_PER_URL):
            get(port, result.path)
        for _ in range(requests):
            try:
                status, ms = get(port, result.path)
            except OSError:
                result.errors += 1
                continue
            if status != 200:
                result.errors += 1
                result.status = status
            result.timings_ms.append(ms)


def fmt(value: float | int | None, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def print_report(results: list[UrlResult], requests: int, counts: dict[str, int]) -> None:
    log("")
    log(
        f"Data: {counts['members']:,} members, {counts['plans']:,} action plans, {counts['commitments']:,} "
        f"commitments, {counts['milestones']:,} milestones. gunicorn -w 2, {requests} sequential requests per URL "
        f"after {WARMUP_PER_URL} warm-up, new connection per request, {os.cpu_count()} CPUs."
    )
    header = ["URL", "path", "status", "median ms", "p95 ms", *(f"queries @{s:,}" for s in SIZES), "target"]
    rows = []
    for r in results:
        ok = r.median is not None and r.median < TARGET_MEDIAN_MS and not r.errors
        verdict = "PASS" if ok else "FAIL"
        if r.errors:
            verdict += f" ({r.errors} errors)"
        rows.append(
            [
                r.name,
                r.path,
                str(r.status),
                fmt(r.median),
                fmt(r.p95),
                *(fmt(r.queries.get(s), "d") for s in SIZES),
                verdict,
            ]
        )
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    log(line.format(*header))
    log(line.format(*("-" * w for w in widths)))
    for row in rows:
        log(line.format(*row))
    log("")
    log(f"Target: median < {TARGET_MEDIAN_MS:.0f} ms per URL. Query counts must not grow with the data.")
    grow = [r.path for r in results if None not in r.queries.values() and len(set(r.queries.values())) > 1]
    if grow:
        log("WARNING: query count changes with the data size for: " + ", ".join(grow))


def data_counts() -> dict[str, int]:
    from opengov.members.models import Member
    from opengov.plans.models import ActionPlan, Commitment, Milestone

    return {
        "members": Member.objects.count(),
        "plans": ActionPlan.objects.count(),
        "commitments": Commitment.objects.count(),
        "milestones": Milestone.objects.count(),
    }


def run(args: argparse.Namespace) -> int:
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    env = bench_environment(database_url)
    os.environ.update(env)
    ensure_database(database_url, args.fresh)

    import django

    django.setup()
    from django.core.management import call_command

    from bench import seed

    log("Migrating")
    call_command("migrate", verbosity=0)
    # Production settings use hashed static names: templates fail without the manifest, in-process too.
    log("Collecting static files")
    call_command("collectstatic", interactive=False, verbosity=0)
    seed.ensure_skeleton()
    results: list[UrlResult] | None = None
    for size in SIZES:
        step: Callable[[str], None] = log
        started = time.monotonic()
        added = seed.seed_commitments(size, log=step)
        log(f"{size:,} commitments ready (+{added:,} in {time.monotonic() - started:.1f} s)")
        if results is None:
            results = pick_urls()
        count_queries_at(results, size)
    assert results is not None

    counts = data_counts()
    # Close our connections so the benchmark's gunicorn workers are the only clients while timing.
    from django.db import connections

    connections.close_all()

    proc = None
    try:
        port = free_port()
        proc = start_gunicorn(env, port)
        wait_until_up(proc, port)
        log(f"Timing {len(results)} URLs x {args.requests} requests on 127.0.0.1:{port}")
        time_urls(results, port, args.requests)
    finally:
        stop(proc)
    print_report(results, args.requests, counts)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per URL (default 200)")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database first")
    args = parser.parse_args()
    args.requests = max(1, min(args.requests, 5000))  # bounded: this is a local measurement, not a load test
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
