"""Each indicator against hand-computed values on small, explicit data (the CSV sample test is separate)."""

from __future__ import annotations

import pytest

from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, policy_area
from opengov.insights import indicators
from opengov.insights.indicators import Filters
from opengov.irm.models import Product
from opengov.irm.workflow import ReportState
from opengov.members.models import MemberKind, Region

from .helpers import assess


@pytest.fixture
def world(db):
    """Two members in two regions; commitments with every kind of IRM verdict, including null codes."""
    europe = MemberFactory(name="Albania", slug="albania", ogp_code="AL", iso3="ALB", region=Region.EUROPE)
    americas = MemberFactory(name="Chile", slug="chile", ogp_code="CL", iso3="CHL", region=Region.AMERICAS)
    al1 = ActionPlanFactory(member=europe, number=1, start_year=2014, end_year=2016)
    al2 = ActionPlanFactory(member=europe, number=2, start_year=2016, end_year=2018)
    cl1 = ActionPlanFactory(member=americas, number=1, start_year=2014, end_year=2016)
    gender = policy_area("Gender")
    c = {}
    c["a"] = CommitmentFactory(action_plan=al1, ogp_id="AL0001", policy_areas=[gender])
    c["b"] = CommitmentFactory(action_plan=al1, ogp_id="AL0002")
    c["c"] = CommitmentFactory(action_plan=al2, ogp_id="AL0003", carried_forward_from=c["b"])
    c["d"] = CommitmentFactory(action_plan=cl1, ogp_id="CL0001")
    c["e"] = CommitmentFactory(action_plan=cl1, ogp_id="CL0002")
    # a: star (High, relevant, Transformative, Complete); b: Moderate + Limited; c: NR everywhere;
    # d: ND design, Substantial; e: draft report only (not published: invisible).
    assess(
        c["a"],
        specificity="high",
        verifiable="yes",
        relevant="yes",
        potential_impact="transformative",
        completion="complete",
    )
    assess(c["a"], product=Product.END_OF_TERM_REPORT, completion="complete", diog_overall="major")
    assess(
        c["b"], specificity="low", verifiable="no", relevant="yes", potential_impact="moderate", completion="limited"
    )
    assess(c["b"], product=Product.END_OF_TERM_REPORT, completion="substantial", diog_overall="marginal")
    assess(c["c"], specificity="NR", verifiable="NR", relevant="NR", potential_impact="NR", completion="NR")
    assess(
        c["d"],
        specificity="ND",
        verifiable="ND",
        relevant="no",
        potential_impact="ND",
        potential_for_results="substantial",
        completion="substantial",
        early_results="no_notable_results",
    )
    assess(c["e"], product=Product.ACTION_PLAN_REVIEW, state=ReportState.DRAFT, verifiable="yes", relevant="yes")
    return c


def value(key, **filters):
    return indicators.get(key).compute(Filters(**filters))


def test_commitments_are_counted_by_region_year_area_and_member(world):
    result = indicators.get("commitments").compute(Filters(), ("region", "year", "policy_area", "member"))
    assert result.value == 5
    assert {r.key: r.numerator for r in result.breakdown["region"]} == {"europe": 3, "americas": 2}
    assert {r.key: r.numerator for r in result.breakdown["year"]} == {"2014": 4, "2016": 1}
    assert {r.key: r.numerator for r in result.breakdown["member"]} == {"albania": 3, "chile": 2}
    [inclusion] = result.breakdown["policy_area"]
    assert inclusion.raw_label == "Inclusion" and inclusion.numerator == 1


def test_verifiable_counts_specificity_and_leaves_null_codes_out(world):
    # a: yes; b: "no" (Low); c: NR (out); d: ND (out); e: draft (out)
    result = value("verifiable")
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_relevant_ambitious_completion_results(world):
    assert (value("relevant").numerator, value("relevant").denominator) == (2, 3)  # a, b yes; d no
    assert (value("ambitious").numerator, value("ambitious").denominator) == (3, 3)  # a T, b Mod, d Substantial PfR
    # Highest completion: a Complete, b Substantial at end of term, d Substantial; c NR is left out.
    assert (value("high-completion").numerator, value("high-completion").denominator) == (3, 3)
    # a Major; b Marginal; d no notable results.
    assert (value("strong-results").numerator, value("strong-results").denominator) == (1, 3)


def test_starred_needs_every_criterion_in_one_assessment(world):
    result = value("starred")
    # Judged: a (both levels), b (Moderate + Limited); d has no potential impact level.
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_carried_forward_share(world):
    result = value("carried-forward")
    assert (result.numerator, result.denominator) == (1, 5)


def test_filters_region_member_area_year_cycle(world):
    assert value("commitments", region=Region.AMERICAS).value == 2
    assert value("commitments", member="albania", cycle=2).value == 1
    assert value("commitments", policy_area="inclusion").value == 1  # the group includes Gender
    assert value("commitments", year=2016).value == 1
    assert value("commitments", kind=MemberKind.LOCAL).value == 0
    assert value("high-completion", region=Region.EUROPE).denominator == 2


def test_no_assessed_commitment_gives_no_value_not_zero(world):
    result = value("verifiable", region=Region.AFRICA_MIDDLE_EAST)
    assert result.value is None and result.denominator == 0


def test_members_by_status_and_eligibility(world):
    from opengov.factories import EligibilityScoreFactory

    EligibilityScoreFactory(
        member=world["a"].action_plan.member,
        year=2024,
        fiscal_transparency=4,
        access_to_information=4,
        asset_disclosure=4,
        citizen_engagement=4,
    )
    members = indicators.get("members").compute(Filters(), ("status", "region"))
    assert members.value == 2
    assert {r.key: r.numerator for r in members.breakdown["status"]} == {"active": 2}
    eligible = indicators.get("eligible-members").compute(Filters())
    assert (eligible.numerator, eligible.denominator) == (1, 1)  # Chile has no score sheet: left out


def test_trend_over_years_and_cycles(world):
    rows = indicators.trend(indicators.get("commitments"), by="cycle")
    assert [(r.key, r.numerator) for r in rows] == [("1", 4), ("2", 1)]


def test_compute_has_a_fixed_query_count(world, django_assert_max_num_queries):
    indicator = indicators.get("high-completion")
    # One total, one per breakdown, one to name the policy areas.
    with django_assert_max_num_queries(8):
        indicator.compute(Filters(), ("region", "kind", "year", "cycle", "policy_area", "member"))


def test_cache_is_refreshed_when_the_data_changes(world):
    indicator = indicators.get("commitments")
    assert indicators.compute_cached(indicator).value == 5
    CommitmentFactory(action_plan=world["a"].action_plan, ogp_id="AL0009")
    assert indicators.compute_cached(indicator).value == 6
