"""Both star formulas against DOMAIN.md 3.2 (j) and against every star-bearing row of OGP's sample data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from opengov.irm.stars import StarInputs, starred_2014, starred_current

# The copy of ../shared/data/ogp-commitments-sample.csv committed with the open data app (byte for byte).
SAMPLE = Path(__file__).resolve().parents[2] / "opendata" / "data" / "ogp-commitments-sample.csv"

STARRED = StarInputs(
    specificity="high",
    verifiable="yes",
    relevant="yes",
    relevance_access_to_information="yes",
    relevance_civic_participation="no",
    relevance_public_accountability="no",
    potential_impact="transformative",
    completion="complete",
)


def test_a_transformative_complete_relevant_specific_commitment_is_starred_by_both():
    assert starred_2014(STARRED) and starred_current(STARRED)


def test_moderate_impact_is_starred_by_the_2014_formula_only():
    moderate = StarInputs(**{**STARRED.__dict__, "potential_impact": "moderate"})
    assert starred_2014(moderate)
    assert not starred_current(moderate)


@pytest.mark.parametrize(
    "change",
    [
        {"specificity": "low"},
        {"specificity": "none"},
        {"relevance_access_to_information": "no"},
        {"potential_impact": "minor"},
        {"completion": "limited"},
        {"completion": "not_started"},
        {"completion": "NR"},
        {"potential_impact": "ND"},
        {"completion": ""},
    ],
)
def test_each_criterion_is_required_and_a_missing_value_never_counts(change):
    inputs = StarInputs(**{**STARRED.__dict__, **change})
    assert not starred_2014(inputs)
    assert not starred_current(inputs)


def test_technology_alone_is_not_relevance():
    inputs = StarInputs(
        **{**STARRED.__dict__, "relevance_access_to_information": "no", "relevant": "no"},
    )
    assert not starred_current(inputs)


def test_verifiable_stands_in_for_specificity_when_specificity_is_not_defined():
    assert starred_current(StarInputs(**{**STARRED.__dict__, "specificity": "ND", "verifiable": "yes"}))
    assert not starred_current(StarInputs(**{**STARRED.__dict__, "specificity": "ND", "verifiable": "NR"}))


def test_the_open_government_lens_stands_in_when_per_value_relevance_is_not_defined():
    codes = {f"relevance_{v}": "ND" for v in ("access_to_information", "civic_participation", "public_accountability")}
    assert starred_current(StarInputs(**{**STARRED.__dict__, **codes, "relevant": "yes"}))
    assert not starred_current(StarInputs(**{**STARRED.__dict__, **codes, "relevant": "ND"}))


# --- OGP's sample -------------------------------------------------------------------------------------------------

CODES = {"NA", "ND", "NR", ""}


def _level(label: str) -> str:
    """A CSV label as our slug (``Not Started`` -> ``not_started``); null codes stay as they are."""
    return label if label in CODES else label.strip().lower().replace(" ", "_")


def _yes_no(flag: str) -> str:
    return {"1": "yes", "0": "no"}.get(flag, flag)


def inputs_from_row(row: dict[str, str], completion_column: str) -> StarInputs:
    return StarInputs(
        specificity=_level(row["Specificity"]),
        verifiable={"Yes": "yes", "No": "no"}.get(row["Verifiable"], row["Verifiable"]),
        relevant=_yes_no(row["_Relevant"]),
        relevance_access_to_information=_yes_no(row["OGP Value Access To Information"]),
        relevance_civic_participation=_yes_no(row["OGP Value Civic Participation"]),
        relevance_public_accountability=_yes_no(row["OGP Value Public Accountability"]),
        potential_impact=_level(row["Potential Impact"]),
        completion=_level(row[completion_column]),
    )


STAR_COLUMNS = [
    ("Starred (2015 Only)", "Completion (Progress Report)", starred_2014, 112, 40),
    ("Starred (Current Formula) Progress Report", "Completion (Progress Report)", starred_current, 112, 19),
    ("Starred (Current Formula) End of Term", "Completion (End Of Term)", starred_current, 76, 13),
]


@pytest.fixture(scope="module")
def sample_rows():
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("star_column", "completion_column", "formula", "rows", "starred"), STAR_COLUMNS)
def test_every_sample_row_with_a_star_matches_our_formula(
    sample_rows, star_column, completion_column, formula, rows, starred
):
    checked = [row for row in sample_rows if row[star_column] in ("0", "1")]
    mismatches = [
        row["Commitment Unique Identifier"]
        for row in checked
        if formula(inputs_from_row(row, completion_column)) != (row[star_column] == "1")
    ]
    assert mismatches == []
    # The counts pin down that the rows were really read (and document them).
    assert len(checked) == rows
    assert sum(row[star_column] == "1" for row in checked) == starred


def test_in_the_sample_relevance_is_any_of_the_three_values_never_technology(sample_rows):
    three = ("OGP Value Access To Information", "OGP Value Civic Participation", "OGP Value Public Accountability")
    with_star = [row for row in sample_rows if row["Starred (2015 Only)"] in ("0", "1")]
    assert all(row["_Relevant"] == str(int(any(row[c] == "1" for c in three))) for row in with_star)
