"""Indicators computed through the cache, keyed by a data version (a change to the data under a number gives a new
key), and what is built from them: many at once, trends, a member against its region and the world.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.utils.translation import gettext_lazy as _

from .filters import Filters
from .registry import REGISTRY, Indicator, all_indicators
from .results import Result, Row, Share, compute_shares

CACHE_SECONDS = 24 * 3600

_VERSION_TABLES = (
    ("plans", "Commitment"),
    ("plans", "ActionPlan"),
    ("members", "Member"),
    ("members", "EligibilityScore"),
    ("irm", "Assessment"),
    ("irm", "Report"),
    ("insights", "ThirdPartyValue"),
    ("cocreation", "Contribution"),
    ("cocreation", "Response"),
    ("opendata", "CommitmentRecord"),  # OGP's "Carried Forward" mark (carried-forward)
)
SIGNAL_VERSION_KEY = "insights:signal-version"


def _public_only(app_label: str, name: str) -> tuple[str, list[Any]]:
    """The WHERE clause that keeps a table's (or its history's) rows to what the public may see, with its params.

    The version keys a public cache: if a researcher's edit of a draft moved it, anyone could tell that drafts are
    being edited from the cold, slower pages that follow. Drafts therefore never move it; publishing does.
    """
    from opengov.irm.models import Report
    from opengov.irm.workflow import ReportState

    if (app_label, name) == ("irm", "Report"):
        return " WHERE state = %s", [ReportState.PUBLISHED.value]
    if (app_label, name) == ("irm", "Assessment"):
        reports = connection.ops.quote_name(Report._meta.db_table)
        where = f" WHERE report_id IN (SELECT id FROM {reports} WHERE state = %s)"  # noqa: S608 - quoted table name
        return where, [ReportState.PUBLISHED.value]
    return "", []


def data_version() -> str:
    """A fingerprint of the public data under the indicators, in one query.

    New rows move MAX(id); edits made through the actions write a history row and move MAX(history_date)
    (indexed by django-simple-history). Anything else (bulk updates) is caught by the counter that
    signals.py bumps: signals only invalidate caches here, they never carry business rules. IRM drafts are left
    out (_public_only).
    """
    return fingerprint(_VERSION_TABLES, str(cache.get(SIGNAL_VERSION_KEY, 0)))


def fingerprint(tables: Iterable[tuple[str, str]], extra: str = "") -> str:
    """MAX(id) and, for models with history, MAX(history_date) of each table, in one query, hashed with ``extra``
    (shared with campaigns/targets.py, whose numbers read other tables)."""
    parts: list[str] = []
    params: list[Any] = []
    for app_label, name in tables:
        model = apps.get_model(app_label, name)
        where, where_params = _public_only(app_label, name)
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        parts.append(f"(SELECT MAX({pk}) FROM {table}{where})")  # noqa: S608 - quoted model table and column names
        params += where_params
        history = getattr(model, "history", None)
        if history is not None:
            htable = connection.ops.quote_name(history.model._meta.db_table)
            parts.append(f"(SELECT MAX(history_date) FROM {htable}{where})")  # noqa: S608 - quoted model table name
            params += where_params
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)  # noqa: S608 - table names from the models, no user input
        row = cursor.fetchone()
    raw = json.dumps([str(value) for value in row]) + extra
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def bump_version() -> None:
    try:
        cache.incr(SIGNAL_VERSION_KEY)
    except ValueError:
        cache.set(SIGNAL_VERSION_KEY, 1, None)


def _wanted(indicator: Indicator, breakdowns: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(b for b in breakdowns if b in indicator.dimensions))


def _cache_key(version: str, indicator: Indicator, filters: Filters, wanted: tuple[str, ...]) -> str:
    raw = f"{version}|{indicator.key}|{filters.token()}|{','.join(wanted)}"
    return "insights:result:" + hashlib.sha256(raw.encode()).hexdigest()


def compute_cached(
    indicator: Indicator, filters: Filters | None = None, breakdowns: Iterable[str] = (), version: str | None = None
) -> Result:
    """``indicator.compute`` through the cache; the key holds the data version, so stale entries are never read."""
    filters = filters or Filters()
    wanted = _wanted(indicator, breakdowns)
    key = _cache_key(version or data_version(), indicator, filters, wanted)
    result: Result | None = cache.get(key)  # the cache is untyped: it holds the Result set below
    if result is None:
        result = indicator.compute(filters, wanted)
        cache.set(key, result, CACHE_SECONDS)
    return result


def warm_cache(report: Callable[[str, float], None] | None = None) -> str:
    """Compute every indicator, its breakdowns and its trends into the cache for the current data version, so
    that no visitor waits for cold numbers after the data changed (``refresh_insights``, and a task after each
    open-data import). Cheap when the cache is already warm. ``report(key, seconds)`` follows each indicator."""
    version = data_version()
    for indicator in all_indicators():
        started = time.monotonic()
        breakdowns = [d for d in indicator.dimensions if d not in TREND_DIMENSIONS and d != "member"]
        compute_cached(indicator, Filters(), (), version)
        compute_cached(indicator, Filters(), (*breakdowns, "member"), version)
        for dim in breakdowns:
            compute_cached(indicator, Filters(), (dim,), version)
        for by in TREND_DIMENSIONS:
            trend(indicator, Filters(), by, version)
        if report is not None:
            report(indicator.key, time.monotonic() - started)
    return version


def compute_many(
    keys: Iterable[str], filters: Filters | None = None, breakdowns: Iterable[str] = (), version: str | None = None
) -> dict[str, Result]:
    """Several indicators through the cache (one read for all of them). Those missing that are ``Share``s of
    one family are computed together: one query plus one per breakdown for all of them (the same numbers as
    computing each alone; test_indicators checks it)."""
    filters = filters or Filters()
    version = version or data_version()
    wanted = {key: _wanted(REGISTRY[key], breakdowns) for key in keys}
    cache_keys = {key: _cache_key(version, REGISTRY[key], filters, wanted[key]) for key in wanted}
    results: dict[str, Result] = {}
    found = cache.get_many(list(cache_keys.values()))
    together: dict[tuple[str, tuple[str, ...]], dict[str, Share]] = {}
    for key, cache_key in cache_keys.items():
        if cache_key in found:
            results[key] = found[cache_key]
            continue
        fn = REGISTRY[key].compute_fn
        if isinstance(fn, Share):
            together.setdefault((fn.family, wanted[key]), {})[key] = fn
        else:
            results[key] = REGISTRY[key].compute(filters, wanted[key])
            cache.set(cache_key, results[key], CACHE_SECONDS)
    for (_family, dims), shares in together.items():
        computed = compute_shares(shares, filters, dims)
        cache.set_many({cache_keys[key]: computed[key] for key in shares}, CACHE_SECONDS)
        results.update(computed)
    return {key: results[key] for key in wanted}


TREND_DIMENSIONS = {"year": _("Submission year"), "cycle": _("Action plan cycle")}


def trend(
    indicator: Indicator, filters: Filters | None = None, by: str = "year", version: str | None = None
) -> list[Row]:
    """The indicator over submission years or action-plan cycles (a breakdown, so the same queries)."""
    if by not in TREND_DIMENSIONS or by not in indicator.dimensions:
        return []
    filters = (filters or Filters()).without(by)
    return compute_cached(indicator, filters, (by,), version).breakdown.get(by, [])


@dataclass
class Comparison:
    member: Result
    region: Result
    world: Result


def compare_member(indicator: Indicator, member: Any, version: str | None = None) -> Comparison:
    """A member against its region and the world, on the same definition."""
    version = version or data_version()
    return Comparison(
        member=compute_cached(indicator, Filters(member=member.slug), (), version),
        region=compute_cached(indicator, Filters(region=member.region), (), version),
        world=compute_cached(indicator, Filters(), (), version),
    )


def results_by_member(keys: Iterable[str], version: str | None = None) -> dict[str, dict[str, Row]]:
    """{indicator key: {member slug: Row}}: every member's value in one grouped query per indicator (per family
    of shares: compute_many).

    What the Global Report uses for its member pages instead of computing member by member.
    """
    results = compute_many(keys, Filters(), ("member",), version)
    return {key: {row.key: row for row in result.breakdown.get("member", [])} for key, result in results.items()}
