"""Break the Roles measured on the committed sample of OGP's commitments database, checked against a count made
by hand from the CSV itself (csv module, not the importer): the members with a commitment tagged in the Inclusion
group in a plan running in 2019, over the members that had a plan by 2019."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest

from opengov.campaigns import catalogue, progress, targets
from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "opendata" / "data" / "ogp-commitments-sample.csv"


def hand_count(start: int, end: int) -> tuple[int, int, set[str]]:
    rows = list(csv.DictReader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    first_year: dict[str, int] = {}
    qualifying: set[str] = set()
    for row in rows:
        member = row["Country/Locality"]
        first, last = int(row["Year Of Submission"]), int(row["Action Plan End Year"])
        first_year[member] = min(first, first_year.get(member, 9999))
        tagged = any(row[label].strip() == "1" for label in targets.GENDER_AND_INCLUSION)
        if tagged and first <= end and last >= start:
            qualifying.add(member)
    members = {m for m, y in first_year.items() if y <= end}
    return len(qualifying & members), len(members), qualifying


def test_break_the_roles_matches_the_hand_count_on_the_sample():
    import_ogp_csv(SYSTEM, SAMPLE.read_bytes(), filename="sample.csv")
    campaign = catalogue.ensure(catalogue.BREAK_THE_ROLES)
    target = campaign.targets.get()
    measured = progress.measure(target, today=datetime.date(2026, 1, 1))
    numerator, denominator, names = hand_count(2019, 2019)
    assert denominator > 0 and numerator > 0
    assert (measured.numerator, measured.denominator) == (numerator, denominator)
    assert measured.value == round(100 * numerator / denominator, 1)
    assert {line.name for line in measured.counted} == {n.split(",")[0] for n in names}  # locals lose ", Country"
    assert measured.due and measured.met is (measured.value >= 30)
    # Every counted member shows at least one qualifying commitment, tagged in the Inclusion group.
    for line, commitments in measured.counted_rows:
        assert commitments, line.name
        for c in commitments:
            labels = {a.label for a in c.policy_areas.all()} | {
                a.parent.label for a in c.policy_areas.all() if a.parent
            }
            assert labels & set(targets.GENDER_AND_INCLUSION)
    # The trend is recomputed month by month and ends on the deadline's value.
    assert [row.key for row in measured.trend][:2] == ["2019-01", "2019-02"] and len(measured.trend) == 12
    assert measured.trend[-1].value == measured.value
