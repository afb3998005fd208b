"""Real data first: the sample of OGP's commitments database shipped with this app (data/, credit "Open Government
Partnership, commitments database") is imported before any app generates demo content, so the generated demo adds
only what the sample lacks and the two never collide (members/demo.py, plans/demo.py).
"""

from __future__ import annotations

from pathlib import Path

from opengov.core.seeding import SeedLog
from opengov.members.demo import CREDIT

from .importers.ogp_csv import SYSTEM, import_ogp_csv

SEED_FIRST = True  # the generated demo builds on the real rows (core/seeding.py)

SAMPLE_PATH = Path(__file__).resolve().parent / "data" / "ogp-commitments-sample.csv"
SAMPLE_CREDIT = "Open Government Partnership, commitments database"
NOTICE = (
    f"Real data: the sample of the {SAMPLE_CREDIT} (CC BY 4.0), imported first. Member names, codes and regions: "
    f"{CREDIT}. Other demo content (generated plans after the real ones) is illustrative."
)


def seed(log: SeedLog) -> None:
    """The real sample of OGP's database, through the open data import (idempotent: a second run finds every row
    unchanged and writes nothing)."""
    result = import_ogp_csv(SYSTEM, SAMPLE_PATH, filename=SAMPLE_PATH.name, skip_bad_rows=True)
    if result.rows.created:
        log.created("real commitments imported (sample)", result.rows.created)
