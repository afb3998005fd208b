"""Insights pages: they render, say what each number means, and keep a fixed query budget."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, policy_area
from opengov.insights import indicators
from opengov.members.models import Region

from .helpers import assess
from .test_indicators import world  # noqa: F401 - fixture


def test_overview_shows_every_indicator_with_its_definition(client, world):  # noqa: F811
    response = client.get("/insights/")
    assert response.status_code == 200
    html = response.content.decode()
    for indicator in indicators.all_indicators():
        assert str(indicator.title) in html
        assert str(indicator.formula) in html
    assert 'role="img"' in html and "<caption>" in html and 'scope="row"' in html


def test_indicator_page_with_filters_and_member_comparison(client, world):  # noqa: F811
    response = client.get("/insights/indicators/high-completion/", {"member": "albania", "region": "europe"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "compared with its region and the world" in html
    assert "Filters applied" in html


def test_bad_filters_are_reported_not_crashing(client, world):  # noqa: F811
    response = client.get("/insights/indicators/commitments/", {"year": "abc", "region": "mars"})
    assert response.status_code == 200
    assert "were not understood" in response.content.decode()


def test_unknown_indicator_is_404(client, db):
    assert client.get("/insights/indicators/nope/").status_code == 404


def test_csv_download_has_the_table_numbers(client, world):  # noqa: F811
    response = client.get("/insights/indicators/commitments/data.csv", {"breakdown": "region"})
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "Region,Number"
    assert sorted(lines[1:]) == ["Americas,2.0", "Europe,3.0"]


def test_member_snapshot(client, world):  # noqa: F811
    response = client.get("/insights/members/albania/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Commitment performance" in html and "Global average" in html
    assert any(label in html for label in ("Focus on implementation", "Focus on design", "Pending IRM review"))


def _page_queries(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _grow(n):
    area = policy_area("Gender")
    for i in range(n):
        member = MemberFactory(region=Region.AFRICA_MIDDLE_EAST)
        plan = ActionPlanFactory(member=member, number=1, start_year=2015 + i % 3, end_year=2018)
        c = CommitmentFactory(action_plan=plan, policy_areas=[area])
        assess(c, specificity="high", relevant="yes", potential_impact="moderate", completion="limited")


@pytest.mark.parametrize(
    "url",
    ["/insights/", "/insights/indicators/starred/", "/insights/indicators/members/", "/insights/members/albania/"],
)
def test_query_budget_does_not_grow_with_rows(client, world, url):  # noqa: F811
    _grow(3)
    small = _page_queries(client, url)
    _grow(6)
    assert _page_queries(client, url) == small


def test_chart_numbers_and_table_numbers_agree(client, world):  # noqa: F811
    from opengov.insights.charts import bar_chart

    indicator = indicators.get("high-completion")
    rows = indicator.compute(indicators.Filters(), ("region",)).breakdown["region"]
    chart = bar_chart(indicator, rows, "t", "Region")
    spec_values = {v["category"]: v["value"] for v in chart.spec()["data"]["values"]}
    table_values = {label: cells[0].value for label, cells in chart.table_rows()}
    assert spec_values == table_values == {"Europe": 100.0, "Americas": 100.0}
    # And the rendered page: each table cell's data-value equals the chart's number.
    html = client.get("/insights/").content.decode()
    table = re.search(r'data-chart="high-completion-by-region">(.*?)</table>', html, re.S).group(1)
    cells = dict(re.findall(r'<th scope="row">([^<]+)</th>\s*<td class="num" data-value="([^"]*)"', table))
    assert {k: float(v) for k, v in cells.items()} == spec_values
    svg = chart.svg
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg


def test_refresh_command_warms_the_cache(world, django_assert_max_num_queries):  # noqa: F811
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("refresh_insights", stdout=out)
    assert "high-completion" in out.getvalue()
    with django_assert_max_num_queries(1):  # the data version; every result comes from the cache
        indicators.compute_cached(indicators.get("high-completion"))


def test_no_template_comment_leaks_into_pages(client, world):  # noqa: F811
    html = client.get("/insights/members/albania/").content.decode()
    assert "{#" not in html and "{%" not in html


def test_filter_errors_are_tied_to_their_fields(client, world):  # noqa: F811
    html = client.get("/insights/indicators/commitments/", {"year": "abc"}).content.decode()
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_year-error"' in html and 'id="id_year-error"' in html
