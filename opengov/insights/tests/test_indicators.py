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
    assert (result.numerator, result.denominator) == (1, 5)  # b is continued by c


def test_carried_forward_also_reads_ogps_mark_on_imported_commitments(world):
    """OGP's data marks a commitment "Carried Forward" = 1 without saying which commitment continues it."""
    from opengov.opendata.models import CommitmentRecord

    def record(key, mark):
        CommitmentRecord.objects.create(commitment=world[key], cells={"Carried Forward": mark, "CHECKSUM": "x"})

    record("a", "1")  # marked only
    record("b", "1")  # marked and linked: counted once
    record("d", "0")
    record("e", "ND")
    result = indicators.compute_cached(indicators.get("carried-forward"), Filters(), ("region", "cycle"))
    assert (result.numerator, result.denominator) == (2, 5)
    assert {r.key: (r.numerator, r.denominator) for r in result.breakdown["region"]} == {
        "europe": (2, 3),
        "americas": (0, 2),
    }
    assert {r.key: (r.numerator, r.denominator) for r in result.breakdown["cycle"]} == {"1": (2, 4), "2": (0, 1)}
    # A new mark on a record changes the cached number (the record is under the data version).
    CommitmentRecord.objects.filter(commitment=world["d"]).update(cells={"Carried Forward": "1"})
    CommitmentRecord.objects.get(commitment=world["d"]).save()
    assert indicators.compute_cached(indicators.get("carried-forward")).numerator == 3


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


def compliant_member():
    """A member whose ended plan (2020-2021) meets every computed minimum requirement."""
    import datetime

    from opengov.factories import (
        ConsultationFactory,
        ContributionFactory,
        DocumentFactory,
        ForumFactory,
        ForumSeatFactory,
        MeetingFactory,
        ResponseFactory,
    )
    from opengov.plans.phases import Phase

    member = MemberFactory()
    plan = ActionPlanFactory(
        member=member,
        number=1,
        phase=Phase.ENDED,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 12, 31),
    )
    forum = ForumFactory(member=member)
    ForumSeatFactory(forum=forum, sector="government")
    ForumSeatFactory(forum=forum, sector="civil_society")
    for year in (2019, 2020, 2021):
        for month in (1, 4, 7, 10):
            MeetingFactory(forum=forum, held_on=datetime.date(year, month, 5))
            DocumentFactory(member=member, published_on=datetime.date(year, month, 5))
    consultation = ConsultationFactory(
        action_plan=plan, timeline_published_on=datetime.date(2019, 9, 1), opens_on=datetime.date(2019, 9, 15)
    )
    ResponseFactory(contribution=ContributionFactory(consultation=consultation))
    return plan


def test_cocreation_compliance_agrees_with_each_plans_checklist_in_fixed_queries(db):
    """The indicator reads every latest plan's checklist at once (cocreation.standards.checklists_for); the
    verdicts are those of plan_checklist, plan by plan, and the query count does not grow with the members."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opengov.cocreation.standards import NOT_ASSESSED, NOT_MET, plan_checklist
    from opengov.cocreation.tests.test_standards import varied_plans
    from opengov.plans.models import ActionPlan
    from opengov.plans.phases import Phase

    def expected() -> tuple[int, int]:
        met = judged = 0
        for member_id in set(ActionPlan.objects.values_list("member_id", flat=True)):
            plan = (
                ActionPlan.objects.filter(member_id=member_id)
                .exclude(phase=Phase.CO_CREATION)
                .order_by("-number")
                .first()
            )
            if plan is None:
                continue
            checklist = plan_checklist(plan)
            if all(r.status == NOT_ASSESSED for r in checklist):
                continue
            judged += 1
            met += not any(r.status == NOT_MET for r in checklist)
        return met, judged

    def computed() -> tuple[tuple[int | None, int | None], int]:
        with CaptureQueriesContext(connection) as ctx:
            result = indicators.get("cocreation-compliance").compute(Filters(), ("region", "kind", "member"))
        assert sum(r.denominator for r in result.breakdown["member"]) == result.denominator
        return (result.numerator, result.denominator), len(ctx)

    varied_plans(3)
    compliant_member()
    few, few_queries = computed()
    assert few == expected() and few[0] == 1
    varied_plans(9)
    many, many_queries = computed()
    assert many == expected() and many[1] > few[1]
    assert many_queries == few_queries <= 10


def test_shares_of_a_family_computed_together_equal_each_alone(world, django_assert_max_num_queries):
    """compute_many reads the IRM shares in one query plus one per breakdown; the numbers are each one's own."""
    from django.core.cache import cache

    keys = ["verifiable", "relevant", "ambitious", "high-completion", "strong-results", "starred", "commitments"]
    dims = ("region", "year", "policy_area", "member")
    for filters in (Filters(), Filters(region=Region.EUROPE), Filters(policy_area="inclusion")):
        cache.clear()
        version = indicators.data_version()
        # IRM shares: 1 total + 4 breakdowns + 1 naming policy areas; commitments: the same again.
        with django_assert_max_num_queries(12):
            together = indicators.compute_many(keys, filters, dims, version)
        for key in keys:
            alone = indicators.get(key).compute(filters, dims)
            assert together[key] == alone, (key, filters)
        # Read back from the cache: no computation.
        with django_assert_max_num_queries(0):
            assert indicators.compute_many(keys, filters, dims, version) == together
    # By hand: only a is tagged (Gender, in the Inclusion group), Complete in both of its reports.
    result = together["high-completion"]
    assert (result.numerator, result.denominator) == (1, 1)
    assert [(r.key, r.numerator, r.denominator) for r in result.breakdown["year"]] == [("2014", 1, 1)]
