"""Public influence (IAP2) in insights: the indicator (plans whose development reached at least Involve, each
judged by its latest published report that assesses it) and the member snapshot's "Public influence" section."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.factories import ActionPlanFactory, IrmReportFactory, MemberFactory
from opengov.insights import indicators
from opengov.insights.indicators import Filters
from opengov.insights.snapshot import snapshot_for, snapshots_for
from opengov.members.models import Member, Region


@pytest.fixture
def plans(db):
    """Albania (Europe): plan 1 Involve; plan 2 Collaborate in its Action Plan Review (2021) but Consult in its
    later Results Report (2023): the later report counts. Chile (Americas): plan 1 Inform; plan 2 Empower in a
    draft only (not counted); plan 3 published without a level (left out)."""
    albania = MemberFactory(name="Albania", slug="albania", region=Region.EUROPE)
    chile = MemberFactory(name="Chile", slug="chile", region=Region.AMERICAS)
    p = {
        "al1": ActionPlanFactory(member=albania, number=1, start_year=2018, end_year=2020),
        "al2": ActionPlanFactory(member=albania, number=2, start_year=2020, end_year=2022),
        "cl1": ActionPlanFactory(member=chile, number=1, start_year=2018, end_year=2020),
        "cl2": ActionPlanFactory(member=chile, number=2, start_year=2020, end_year=2022),
        "cl3": ActionPlanFactory(member=chile, number=3, start_year=2022, end_year=2024),
    }

    def report(plan, product, year, state="published", **values):
        return IrmReportFactory(action_plan=p[plan], product=product, state=state, publication_year=year, **values)

    p["al1_review"] = report("al1", "action_plan_review", 2019, iap2_level_development="involve")
    report("al2", "action_plan_review", 2021, iap2_level_development="collaborate", participation_open=True)
    p["al2_results"] = report(
        "al2", "results_report", 2023, iap2_level_development="consult", iap2_level_implementation="inform"
    )
    report("cl1", "action_plan_review", 2019, iap2_level_development="inform", forum_met_regularly=False)
    report("cl2", "action_plan_review", 2021, state="draft", iap2_level_development="empower")
    report("cl3", "action_plan_review", 2023)
    return p


def test_public_influence_counts_plans_by_their_latest_assessment(plans):
    result = indicators.get("public-influence").compute(Filters(), ("region", "cycle", "member", "year"))
    # Denominator: al1, al2, cl1 (cl2 only in a draft, cl3 not assessed). Numerator: al1 only (al2's latest
    # report says Consult).
    assert (result.numerator, result.denominator, result.value) == (1, 3, 33.3)
    assert {r.key: (r.numerator, r.denominator) for r in result.breakdown["region"]} == {
        "europe": (1, 2),
        "americas": (0, 1),
    }
    assert {r.key: (r.numerator, r.denominator) for r in result.breakdown["cycle"]} == {"1": (1, 2), "2": (0, 1)}
    assert {r.key: (r.numerator, r.denominator) for r in result.breakdown["year"]} == {"2018": (1, 2), "2020": (0, 1)}
    assert {r.label: (r.numerator, r.denominator) for r in result.breakdown["member"]} == {
        "Albania": (1, 2),
        "Chile": (0, 1),
    }


def test_public_influence_filters_and_ignores_policy_areas(plans):
    indicator = indicators.get("public-influence")
    assert (indicator.compute(Filters(region="europe")).numerator, indicator.compute(Filters(cycle=2)).denominator) == (
        1,
        1,
    )
    by_area = indicator.compute(Filters(policy_area="gender"))
    assert by_area.denominator == 3 and "policy_area" not in by_area.filters_applied
    assert "policy_area" not in indicator.dimensions


def test_public_influence_reads_a_fixed_number_of_queries(plans):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            indicators.get("public-influence").compute(Filters(), ("region", "kind", "year", "cycle", "member"))
        return len(ctx)

    few = queries()
    for i in range(5):
        plan = ActionPlanFactory(member=MemberFactory(), number=1, start_year=2016 + i, end_year=2018 + i)
        IrmReportFactory(action_plan=plan, state="published", iap2_level_development="collaborate")
    assert queries() == few == 6


def test_the_snapshot_shows_the_latest_assessed_level_with_its_report(plans):
    albania = Member.objects.get(slug="albania")
    findings = {f.field: f for f in snapshot_for(albania).influence}
    development = findings["iap2_level_development"]
    assert (development.label, development.report) == ("Consult", plans["al2_results"])
    assert findings["iap2_level_implementation"].label == "Inform"
    assert findings["participation_open"].label == "Open to any interested party"
    assert (findings["forum_met_regularly"].label, findings["forum_met_regularly"].assessed) == ("Not assessed", False)
    chile = Member.objects.get(slug="chile")
    chile_findings = {f.field: f for f in snapshot_for(chile).influence}
    assert chile_findings["iap2_level_development"].label == "Inform"  # the draft's Empower is not public
    assert chile_findings["forum_met_regularly"].label == "No"  # a "no", not "not assessed"
    many = {s.member.slug: s for s in snapshots_for(Member.objects.all())}
    assert many["albania"].influence == snapshot_for(albania).influence


def test_the_snapshot_page_and_the_report_page_say_it(client, plans):
    html = client.get("/insights/members/albania/").content.decode()
    section = html[html.index("Public influence") :]
    assert "Public influence during development" in section and "Consult" in section
    assert plans["al2_results"].get_absolute_url() in section
    assert "Multi-stakeholder forum met regularly" in section and "Not assessed" in section
    other = MemberFactory(name="Nowhere", slug="nowhere")
    html = client.get(f"/insights/members/{other.slug}/").content.decode()
    section = html[html.index("Public influence") : html.index("snap-nowhere-forum")]
    assert section.count('<span class="muted">Not assessed</span>') == 4
