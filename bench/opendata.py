"""Benchmark of the OGP commitments-database import and export (docs/opendata.md, bench/README.md).

    .venv/bin/python bench/opendata.py [--rows 100000] [--skip-sqlite]

1. The real sample (259 rows) into a fresh SQLite file and into a fresh PostgreSQL database
   (``opengov_bench_opendata``; DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432).
2. A generated file of N commitments (default 100,000) in the same 171-column format: the sample's rows
   dealt round-robin over 50 synthetic members x 20 plans, ids renumbered, ``Full Text`` cut to 600
   characters (keeps the file near 150 MB). Imported into PostgreSQL, then imported again (no change).
3. Export of those N commitments, streamed to /dev/null, with the growth of the process's peak resident
   memory (RSS, so C allocations count too). Not tracemalloc: it slows this allocation-heavy loop threefold
   (a 15 s export measured 47 s under it).
Each step runs in its own process (Django's database is fixed at start-up); numbers are printed, never
asserted: targets are sample < 3 s, import < 60 s, re-import < 30 s, export < 30 s and < 100 MB.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "opengov" / "opendata" / "data" / "ogp-commitments-sample.csv"
PG_SERVER = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/opengov").rsplit("/", 1)[0]
PG_NAME = "opengov_bench_opendata"


def generate(rows: int, path: Path) -> None:
    source = list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"), newline="")))
    header, body = source[0], source[1:]
    col = {name: header.index(name) for name in header}
    per_member, per_plan = 2000, 100
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        for n in range(rows):
            row = list(body[n % len(body)])
            m, k = divmod(n, per_member)
            code = "Q" + chr(65 + m // 26 % 26) + chr(65 + m % 26)
            plan = k // per_plan + 1
            start = 2011 + plan % 12
            row[col["Commitment Unique Identifier"]] = f"{code}{k + 1:04d}"
            row[col["Country/Locality"]] = f"Benchland {code}"
            row[col["Code"]] = code
            row[col["National Or Local"]] = "National"
            row[col["Action Plan Number"]] = str(plan)
            row[col["Action Plan ID"]] = f"AP_{code}{plan:02d}"
            row[col["Year Of Submission"]] = str(start)
            row[col["Action Plan End Year"]] = str(start + 2)
            row[col["Action Plan Duration (Years)"]] = "2"
            row[col["Region"]] = "Europe"
            row[col["Full Text"]] = row[col["Full Text"]][:600]
            row[col["URL"]] = f"https://www.opengovpartnership.org/members/benchland/commitments/{code}{k + 1:04d}"
            writer.writerow(row)


def run_step(database_url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "opengov.settings.dev"}
    result = subprocess.run(
        [sys.executable, __file__, "--step", *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"step {args} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1]


def step(kind: str, path: str = "") -> None:
    import django

    django.setup()
    from django.core.management import call_command

    if kind == "migrate":
        call_command("migrate", verbosity=0)
        print("migrated")
        return
    if kind == "import":
        from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv

        started = time.perf_counter()
        report = import_ogp_csv(SYSTEM, Path(path), skip_bad_rows=True, limit=2**31)
        elapsed = time.perf_counter() - started
        r = report.rows
        counts = f"{r.created} created, {r.updated} updated, {r.unchanged} unchanged, {r.rejected} rejected"
        print(f"{elapsed:.2f} s ({counts}), peak RSS {_peak_rss_mb():.0f} MB")
        return
    if kind == "export":
        from opengov.opendata.exporters.ogp_csv import export_ogp_csv

        before = _rss_mb()
        started = time.perf_counter()
        with open(os.devnull, "w", newline="", encoding="utf-8") as out:
            count = export_ogp_csv(out)
        elapsed = time.perf_counter() - started
        # Peak resident memory of the process (ru_maxrss, KB on Linux) over what it held before the export.
        growth = _peak_rss_mb() - before
        print(f"{elapsed:.2f} s, {count} commitments, peak memory growth {growth:.1f} MB (RSS)")


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def reset_pg() -> str:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}"')
        conn.execute(f'CREATE DATABASE "{PG_NAME}"')
    return f"{PG_SERVER}/{PG_NAME}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--step", nargs="+")
    args = parser.parse_args()
    if args.step:
        step(*args.step)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_sqlite:
            sqlite = f"sqlite:///{tmp}/bench.sqlite3"
            run_step(sqlite, "migrate")
            print(f"sample import, SQLite:      {run_step(sqlite, 'import', str(SAMPLE))}", flush=True)
        pg = reset_pg()
        run_step(pg, "migrate")
        print(f"sample import, PostgreSQL:  {run_step(pg, 'import', str(SAMPLE))}", flush=True)
        pg = reset_pg()
        run_step(pg, "migrate")
        big = Path(tmp) / "generated.csv"
        generate(args.rows, big)
        print(f"generated {args.rows:,} rows, {big.stat().st_size / 2**20:.0f} MB", flush=True)
        print(f"import, PostgreSQL:         {run_step(pg, 'import', str(big))}", flush=True)
        print(f"re-import (no change):      {run_step(pg, 'import', str(big))}", flush=True)
        print(f"export, PostgreSQL:         {run_step(pg, 'export')}", flush=True)


if __name__ == "__main__":
    main()
