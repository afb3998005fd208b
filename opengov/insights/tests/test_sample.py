"""Every indicator on OGP's sample, against values computed here straight from the CSV (csv module only).

The CSV holds two IRM reports per commitment (the importer's mapping, opendata/importers/ogp_irm.py): the
"Progress Report" columns (design indicators + mid-term completion) exist when that report's publication
year is a year; the "End Of Term" columns (design indicators repeated + final completion + results) likewise.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command

from opengov.insights import indicators
from opengov.insights.indicators import Filters
from opengov.irm.models import Assessment
from opengov.irm.stars import stars_of
from opengov.plans.taxonomy import TAXONOMY

SAMPLE = Path(__file__).resolve().parents[2] / "opendata" / "data" / "ogp-commitments-sample.csv"
NULLS = {"NA", "ND", "NR", ""}


def level(value: str) -> bool:
    return value.strip() not in NULLS


@pytest.fixture
def sample(db):
    call_command("import_ogp", str(SAMPLE), quiet_issues=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with SAMPLE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def reports(row: dict[str, str]) -> list[dict[str, str]]:
    """The CSV row's IRM reports as {indicator column: cell}, with the report's own completion and star."""
    out = []
    if row["Report Publication Year (Progress Report)"].strip().isdigit():
        out.append(
            {
                **row,
                "completion": row["Completion (Progress Report)"],
                "star": row["Starred (Current Formula) Progress Report"],
                "diog": "",
                "early": "",
            }
        )
    if row["Report Publication Year (End Of Term)"].strip().isdigit():
        out.append(
            {
                **row,
                "completion": row["Completion (End Of Term)"],
                "star": row["Starred (Current Formula) End of Term"],
                "diog": row["Did It Open Government (Overall)"],
                "early": row["Early Results"],
            }
        )
    return out


def verifiable(r):
    if level(r["Specificity"]):
        return r["Specificity"] in ("Medium", "High")
    return r["Verifiable"] == "Yes"


RULES = {
    # key: (counted in the denominator, meets the criterion) on one report of one CSV row
    "verifiable": (lambda r: level(r["Verifiable"]) or level(r["Specificity"]), verifiable),
    "relevant": (lambda r: level(r["_Relevant"]), lambda r: r["_Relevant"] == "1"),
    "ambitious": (
        lambda r: level(r["Potential Impact"]) or level(r["Potential for Results"]),
        lambda r: (
            r["Potential Impact"] in ("Moderate", "Transformative") or r["Potential for Results"] == "Substantial"
        ),
    ),
    "high-completion": (lambda r: level(r["completion"]), lambda r: r["completion"] in ("Substantial", "Complete")),
    "strong-results": (
        lambda r: level(r["diog"]) or level(r["early"]),
        lambda r: r["diog"] in ("Major", "Outstanding") or r["early"] in ("Significant", "Outstanding"),
    ),
    "starred": (lambda r: level(r["Potential Impact"]) and level(r["completion"]), lambda r: star(r)),
}


def star(r):
    """OGP's current star formula on the CSV labels (DOMAIN.md 3.2 j), written independently of irm.stars."""
    values = [r[f"OGP Value {v}"] for v in ("Access To Information", "Civic Participation", "Public Accountability")]
    relevant = "1" in values if any(level(v) for v in values) else r["_Relevant"] == "1"
    return (
        verifiable(r)
        and relevant
        and r["Potential Impact"] == "Transformative"
        and r["completion"] in ("Substantial", "Complete")
    )


def test_the_star_formula_here_matches_ogps_star_columns(sample):
    """Where OGP's sheet gives a star verdict (0/1), the formula above agrees; 2017-2019 reports say ND."""
    checked = 0
    for row in sample:
        for r in reports(row):
            if r["star"] in ("0", "1") and level(r["Potential Impact"]) and level(r["completion"]):
                assert star(r) == (r["star"] == "1"), row["Commitment Unique Identifier"]
                checked += 1
    assert checked > 100


def expected(rows, key, group=None):
    """{group: (numerator, denominator)} counting commitments, as indicators.py documents."""
    counted, met = RULES[key]
    out: dict = defaultdict(lambda: [0, 0])
    for row in rows:
        rs = [r for r in reports(row) if counted(r)]
        if not rs:
            continue
        g = group(row) if group else None
        out[g][1] += 1
        out[g][0] += any(met(r) for r in rs)
    return {g: tuple(v) for g, v in out.items()}


REGIONS = {
    "Europe": "europe",
    "Americas": "americas",
    "Asia and the Pacific": "asia_pacific",
    "Africa and the Middle East": "africa_middle_east",
}


@pytest.mark.parametrize("key", list(RULES))
def test_irm_indicators_match_the_csv(sample, key):
    result = indicators.get(key).compute(Filters(), ("region", "year"))
    [(num, den)] = expected(sample, key).values()
    assert (result.numerator, result.denominator) == (num, den)
    assert result.value == round(100 * num / den, 1)
    by_region = {REGIONS[g]: v for g, v in expected(sample, key, lambda r: r["Region"]).items()}
    assert {r.key: (r.numerator, r.denominator) for r in result.breakdown["region"]} == by_region
    by_year = expected(sample, key, lambda r: r["Year Of Submission"])
    assert {r.key: (r.numerator, r.denominator) for r in result.breakdown["year"]} == by_year


def test_every_assessment_is_in_its_commitments_plan(sample):
    """The IRM shares read the plan through the report (irm rows family): the import keeps them equal."""
    from django.db.models import F

    assert Assessment.objects.count() > 0
    assert not Assessment.objects.exclude(report__action_plan_id=F("commitment__action_plan_id")).exists()


def test_commitment_counts_match_the_csv(sample):
    result = indicators.get("commitments").compute(Filters(), ("region", "year", "cycle", "policy_area", "member"))
    assert result.value == len(sample)
    assert {r.key: r.numerator for r in result.breakdown["region"]} == {
        REGIONS[k]: n for k, n in Counter(r["Region"] for r in sample).items()
    }
    assert {r.key: r.numerator for r in result.breakdown["year"]} == dict(
        Counter(r["Year Of Submission"] for r in sample)
    )
    assert {r.key: r.numerator for r in result.breakdown["cycle"]} == dict(
        Counter(r["Action Plan Number"] for r in sample)
    )
    groups = Counter()
    for row in sample:
        for parent, children in TAXONOMY:
            if any(row.get(col, "").strip() == "1" for col in (parent, *children)):
                groups[parent] += 1
    assert {r.raw_label: r.numerator for r in result.breakdown["policy_area"]} == dict(groups)
    national = Counter(r["Country/Locality"] for r in sample if r["National Or Local"] == "National")
    by_member = {r.label: r.numerator for r in result.breakdown["member"]}
    assert {name: by_member.get(name) for name in national} == dict(national)


def test_stars_agree_with_irm_stars(sample):
    """The starred query is irm.stars.starred_current, row by row (one definition, two spellings)."""
    by_python = {a.commitment_id for a in Assessment.objects.published() if stars_of(a).current}
    by_query = set(Assessment.objects.published().filter(indicators.STAR_NUM).values_list("commitment_id", flat=True))
    assert by_python == by_query and by_python


def test_carried_forward_on_the_sample(sample):
    # The import keeps OGP's "Carried Forward" mark on the commitment's record but links no continuation
    # (plans.Commitment.carried_forward_from): the share is the rows marked 1 (not 0, ND or NR), counted here.
    marked = [row for row in sample if row["Carried Forward"].strip() == "1"]
    assert len(marked) == 15  # the sample: 15 marked 1, 43 marked 0, 130 ND, 71 NR
    result = indicators.get("carried-forward").compute(Filters(), ("region", "year"))
    assert (result.numerator, result.denominator) == (len(marked), len(sample))
    assert result.value == round(100 * len(marked) / len(sample), 1)
    by_region = Counter(REGIONS[row["Region"]] for row in marked)
    all_regions = Counter(REGIONS[row["Region"]] for row in sample)
    assert {r.key: (r.numerator, r.denominator) for r in result.breakdown["region"]} == {
        region: (by_region[region], n) for region, n in all_regions.items()
    }
    by_year = Counter(row["Year Of Submission"] for row in marked)
    assert {r.key: r.numerator for r in result.breakdown["year"]} == {
        year: by_year[year] for year in {row["Year Of Submission"] for row in sample}
    }


def test_filters_on_the_sample(sample):
    europe = [r for r in sample if r["Region"] == "Europe"]
    result = indicators.get("high-completion").compute(Filters(region="europe", year=2014))
    rows = [r for r in europe if r["Year Of Submission"] == "2014"]
    [(num, den)] = expected(rows, "high-completion").values()
    assert (result.numerator, result.denominator) == (num, den)
