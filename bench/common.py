"""What every benchmark script shares: its own PostgreSQL database, timing with the app's CPU beside the wall
clock, and percentiles. The scripts print; none of them asserts a time."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

# The app process's CPU time per call of the last ``timed()`` run (ms). On a loaded machine the wall clock also
# counts the time spent waiting for a core, the CPU time does not (and PostgreSQL's own time is in neither): the
# two side by side tell a slow page from a busy machine.
CPU: list[float] = []


def log(message: str) -> None:
    print(message, flush=True)


def ensure_database(database_url: str, fresh: bool) -> None:
    """Create the benchmark's PostgreSQL database if it is missing (``fresh``: drop it first)."""
    parts = urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        return
    name = parts.path.lstrip("/")
    import psycopg
    from psycopg import sql

    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            log(f"Dropping database {name}")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            log(f"Creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def percentile(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def ms(fn: Callable[[], object]) -> float:
    """Wall-clock milliseconds of one call."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def timed(fn: Callable[[], object], n: int, before: Callable[[], object] | None = None, warmup: int = 3) -> list[float]:
    """Wall-clock ms of ``n`` calls after ``warmup`` untimed ones; each call's CPU ms go to ``CPU``. ``before``
    runs untimed before every call (emptying a cache to time the cold path)."""
    for _ in range(warmup):
        if before:
            before()
        fn()
    out: list[float] = []
    CPU.clear()
    for _ in range(n):
        if before:
            before()
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - start) * 1000)
        CPU.append((time.process_time() - cpu) * 1000)
    return out


def cpu_median() -> float:
    return statistics.median(CPU) if CPU else float("nan")


def setup_django(default_url: str, fresh: bool) -> str:
    """Django on the benchmark's own PostgreSQL database (``DATABASE_URL`` overrides ``default_url``), created if
    missing (``fresh``: dropped first), with the dev settings unless the environment names others. Returns the URL."""
    import os

    url = os.environ.get("DATABASE_URL", default_url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengov.settings.dev")
    ensure_database(url, fresh)
    import django

    django.setup()
    return url
