"""Requests per second of cached anonymous pages beside a static file, measured side by side in one run (wrk).

    .venv/bin/python bench/throughput.py [--commitments 10000] [--duration 8]

gunicorn with 2 workers and the production settings, PostgreSQL, Redis, the benchmark's 10,000 commitments. For
the hashed stylesheet served by WhiteNoise and each page (`/`, `/members/`, a member page, a commitment page and
the commitments API list): `wrk -t2 -c8 -d8s`, and the page's rate as a share of the stylesheet's (the target is at
least 50 %). Then one conditional request per page (If-None-Match) to show the 304. Needs `wrk` (apt-get install
wrk).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402
    DEFAULT_DATABASE_URL,
    bench_environment,
    ensure_database,
    free_port,
    log,
    start_gunicorn,
    stop,
    wait_until_up,
)

REDIS_URL = "redis://127.0.0.1:6379/4"


def wrk(port: int, path: str, duration: int) -> float:
    output = subprocess.check_output(  # noqa: S603
        ["wrk", "-t2", "-c8", f"-d{duration}s", f"http://127.0.0.1:{port}{path}"], text=True
    )
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        log(f"  {path}: {errors.group(1)} non-2xx answers")
    return float(match.group(1)) if match else 0.0


def first(port: int, path: str) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status, dict(response.getheaders())


def conditional(port: int, path: str, etag: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"If-None-Match": etag})
    response = conn.getresponse()
    response.read()
    return response.status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commitments", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=8)
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    env = {**bench_environment(database_url), "REDIS_URL": REDIS_URL}
    os.environ.update(env)
    ensure_database(database_url, fresh=False)

    import django

    django.setup()
    from django.core.management import call_command
    from django.templatetags.static import static

    from bench import seed
    from opengov.members.models import Member
    from opengov.plans.models import Commitment

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed.ensure_skeleton()
    seed.seed_commitments(args.commitments, log=lambda message: None)
    member = Member.objects.order_by("name").first()
    commitment = Commitment.objects.order_by("id").first()
    assert member is not None and commitment is not None
    paths = {
        "static file (stylesheet)": static("core/site.css"),
        "/": "/",
        "/members/": "/members/",
        "member page": member.get_absolute_url(),
        "commitment page": commitment.get_absolute_url(),
        "API commitments list": "/api/v1/commitments/",
    }
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        wait_until_up(server, port)
        etags = {}
        for name, path in paths.items():
            status, headers = first(port, path)  # the miss that fills the cache
            etags[name] = headers.get("ETag", "")
            log(f"{name:<28} {path}: {status}, first answer X-Page-Cache={headers.get('X-Page-Cache', '-')}")
        rates = {name: wrk(port, path, args.duration) for name, path in paths.items()}
        revalidated = {name: conditional(port, path, etags[name]) for name, path in paths.items() if etags[name]}
    finally:
        stop(server)
    static_rate = rates.pop("static file (stylesheet)")
    log("")
    log(f"wrk -t2 -c8 -d{args.duration}s, gunicorn -w 2, {os.cpu_count()} CPUs, {args.commitments:,} commitments")
    log(f"{'what':<28} {'req/s':>9} {'share of static':>16}  target >= 50 %")
    log(f"{'static file (stylesheet)':<28} {static_rate:>9.0f} {'100.0 %':>16}")
    for name, rate in rates.items():
        share = 100 * rate / static_rate if static_rate else 0.0
        log(f"{name:<28} {rate:>9.0f} {share:>15.1f} %  {'PASS' if share >= 50 else 'FAIL'}")
    log(
        "Conditional requests (If-None-Match with the page's ETag): "
        + ", ".join(f"{name} {status}" for name, status in revalidated.items())
    )


if __name__ == "__main__":
    main()
