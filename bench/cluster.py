"""Two app servers behind HAProxy, a task worker, PostgreSQL (optionally with a hot standby) and Redis, on this one
machine; a load test of 100 users for 5 minutes that kills one app server half-way; then a check that every write
the servers acknowledged is in the database.

    .venv/bin/python bench/cluster.py [--users 100] [--duration 300] [--replica] [--no-kill] [--commitments 10000]

Needs: PostgreSQL on 127.0.0.1:5432 (trust), Redis on 127.0.0.1:6379, HAProxy (apt-get install haproxy), locust
(pip install locust), and for --replica the PostgreSQL server tools (pg_createcluster, pg_basebackup). Prints
throughput, p50/p95/p99 per kind of request, failures before, during and after the kill, lost writes, and (with
--replica) how many transactions the standby served. Stops everything it started, whatever happens.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_environment, ensure_database, get, log, wait_until_up  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/opengov_cluster"
REPLICA_PORT = 5433
REPLICA_URL = f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/opengov_cluster"
BALANCER_PORT = 8100
APP_PORTS = (8101, 8102)
REDIS_URL = "redis://127.0.0.1:6379/3"
PG_VERSION = "15"
STANDBY_CLUSTER = "opengov_standby"


def run(command: list[str], **kwargs: object) -> None:
    subprocess.run(command, check=True, **kwargs)  # noqa: S603 — fixed commands of this script


def manage(env: dict[str, str], *args: str) -> None:
    run([sys.executable, "manage.py", *args], cwd=ROOT, env={**os.environ, **env})


def prepare_data(env: dict[str, str], commitments: int) -> None:
    """Migrate, seed commitments, and write the load fixture (writers with tokens, an open consultation)."""
    manage(env, "migrate", "--noinput", "-v0")
    script = f"""
import json, django
django.setup()
from bench.seed import seed_commitments
seed_commitments({commitments}, log=lambda m: None)
from bench.load_fixture import build
print(json.dumps(build()))
"""
    output = subprocess.check_output(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env={**os.environ, **env}, text=True
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load-fixture.json").write_text(output.strip().splitlines()[-1])
    (RESULTS / "acknowledged.jsonl").write_text("")


def start_standby() -> None:
    """A second PostgreSQL cluster on port 5433, streaming from the primary (pg_basebackup -R)."""
    subprocess.run(["pg_dropcluster", "--stop", PG_VERSION, STANDBY_CLUSTER], capture_output=True)  # noqa: S603,S607
    run(["pg_createcluster", PG_VERSION, STANDBY_CLUSTER, "-p", str(REPLICA_PORT)], stdout=subprocess.DEVNULL)
    data = Path(f"/var/lib/postgresql/{PG_VERSION}/{STANDBY_CLUSTER}")
    shutil.rmtree(data)
    run(["pg_basebackup", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-D", str(data), "-R", "-X", "stream"])
    run(["chown", "-R", "postgres:postgres", str(data)])
    run(["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, STANDBY_CLUSTER, "start"])
    log(f"Hot standby streaming on port {REPLICA_PORT}")


def stop_standby() -> None:
    subprocess.run(["pg_dropcluster", "--stop", PG_VERSION, STANDBY_CLUSTER], capture_output=True)  # noqa: S603,S607


def standby_transactions() -> int:
    import psycopg

    with psycopg.connect(REPLICA_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        row = conn.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = 'opengov_cluster'").fetchone()
    return int(row[0]) if row else 0


def start_app_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """One app server: its own gunicorn master (own process group, so it can be killed whole)."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-c", "deploy/gunicorn.conf.py", "opengov.wsgi"]
    server_env = {**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "3"}
    proc = subprocess.Popen(command, cwd=ROOT, env=server_env, start_new_session=True, stdout=subprocess.DEVNULL)  # noqa: S603
    wait_until_up(proc, port)
    return proc


def start_balancer() -> subprocess.Popen[bytes]:
    template = (ROOT / "deploy" / "haproxy.cfg").read_text()
    config = template.replace("bind :80", f"bind 127.0.0.1:{BALANCER_PORT}")
    config = config.replace("server app1 10.0.0.11:8000", f"server app1 127.0.0.1:{APP_PORTS[0]}")
    config = config.replace("server app2 10.0.0.12:8000", f"server app2 127.0.0.1:{APP_PORTS[1]}")
    config = config.replace("    log stdout format raw local0 info\n", "")
    path = RESULTS / "haproxy.cfg"
    path.write_text(config)
    proc = subprocess.Popen(["haproxy", "-f", str(path)], start_new_session=True)  # noqa: S603,S607
    for _ in range(50):
        try:
            if get(BALANCER_PORT, "/health/")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("HAProxy did not answer")


def kill_group(proc: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def run_load(users: int, duration: int, kill_after: int | None, victim: subprocess.Popen[bytes]) -> float | None:
    locust = Path(sys.executable).with_name("locust")
    command = [
        str(locust),
        "-f",
        "bench/locustfile.py",
        "--headless",
        "-u",
        str(users),
        "-r",
        str(max(1, users // 10)),
        "-t",
        f"{duration}s",
        "--host",
        f"http://127.0.0.1:{BALANCER_PORT}",
        "--csv",
        str(RESULTS / "load"),
        "--csv-full-history",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    load = subprocess.Popen(command, cwd=ROOT)  # noqa: S603
    killed_at = None
    if kill_after is not None:
        time.sleep(kill_after)
        log(f"Killing app server 1 (SIGKILL to gunicorn master and workers) at t={kill_after} s")
        killed_at = time.time()
        kill_group(victim, signal.SIGKILL)
    load.wait()
    return killed_at


def report(killed_at: float | None) -> None:
    with open(RESULTS / "load_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    log("")
    log(f"{'kind':<32} {'requests':>9} {'failures':>9} {'rps':>8} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in rows:
        log(
            f"{row['Name']:<32} {row['Request Count']:>9} {row['Failure Count']:>9} "
            f"{float(row['Requests/s']):>8.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    if killed_at is not None:
        with open(RESULTS / "load_stats_history.csv", encoding="utf-8") as f:
            history = list(csv.DictReader(f))
        window = [
            row
            for row in history
            if row["Name"] == "Aggregated" and killed_at - 1 <= float(row["Timestamp"]) <= killed_at + 10
        ]
        if window:
            requests = int(window[-1]["Total Request Count"]) - int(window[0]["Total Request Count"])
            failures = int(window[-1]["Total Failure Count"]) - int(window[0]["Total Failure Count"])
            share = 100 * failures / requests if requests else 0.0
            log(f"During the switch (10 s after the kill): {failures} failed of {requests} requests ({share:.2f} %)")


def check_writes(env: dict[str, str]) -> None:
    script = """
import json, django
django.setup()
from bench.load_fixture import missing
print(json.dumps(missing([json.loads(line) for line in open('bench/results/acknowledged.jsonl') if line.strip()])))
"""
    result = json.loads(
        subprocess.check_output([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, **env}, text=True)  # noqa: S603
        .strip()
        .splitlines()[-1]
    )
    log(f"Acknowledged writes: {result['acknowledged']}; missing from the database: {result['missing']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=int, default=300, help="seconds")
    parser.add_argument("--commitments", type=int, default=10_000)
    parser.add_argument("--replica", action="store_true", help="start a hot standby and read public pages from it")
    parser.add_argument("--no-kill", action="store_true", help="keep both app servers up")
    args = parser.parse_args()

    env = {**bench_environment(DATABASE_URL), "REDIS_URL": REDIS_URL, "API_ANON_RATE": "1000000/minute"}
    ensure_database(DATABASE_URL, fresh=False)
    prepare_data(env, args.commitments)
    manage(env, "collectstatic", "--noinput", "-v0")
    processes: list[subprocess.Popen[bytes]] = []
    try:
        if args.replica:
            start_standby()
            env["DATABASE_REPLICA_URL"] = REPLICA_URL
            before = standby_transactions()
        apps = [start_app_server(env, port) for port in APP_PORTS]
        processes += apps
        processes.append(start_balancer())
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker"],
                cwd=ROOT,
                env={**os.environ, **env},  # noqa: S603
                start_new_session=True,
                stdout=subprocess.DEVNULL,
            )
        )
        log(f"Load: {args.users} users for {args.duration} s through HAProxy on :{BALANCER_PORT}")
        killed_at = run_load(args.users, args.duration, None if args.no_kill else args.duration // 2, apps[0])
        report(killed_at)
        check_writes(env)
        if args.replica:
            log(f"Transactions served by the standby during the run: {standby_transactions() - before}")
    finally:
        for proc in reversed(processes):
            kill_group(proc)
        if args.replica:
            stop_standby()


if __name__ == "__main__":
    main()
