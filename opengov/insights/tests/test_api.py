"""The insights API: every indicator as JSON (schema-validated by the ``api`` client), same numbers as pages."""

from __future__ import annotations

import pytest

from opengov.insights import indicators

from .test_indicators import world  # noqa: F401 - fixture


def test_list_has_every_indicator_with_its_definition(api, world):  # noqa: F811
    response = api.get("/api/v1/insights/indicators/")
    assert response.status_code == 200
    assert {item["key"] for item in response.json()} == set(indicators.REGISTRY)
    assert all(item["definition"] and item["denominator_definition"] for item in response.json())


@pytest.mark.parametrize("key", list(indicators.REGISTRY))
def test_every_indicator_is_served(api, world, key):  # noqa: F811
    response = api.get(f"/api/v1/insights/indicators/{key}/", {"breakdown": "region"})
    assert response.status_code == 200
    body = response.json()
    result = indicators.get(key).compute(indicators.Filters(), ("region",))
    assert (body["value"], body["numerator"], body["denominator"]) == (
        result.value,
        result.numerator,
        result.denominator,
    )
    assert [r["key"] for r in body["breakdown"]["region"]] == [r.key for r in result.breakdown["region"]]


def test_filters_are_applied_and_echoed(api, world):  # noqa: F811
    body = api.get("/api/v1/insights/indicators/high-completion/", {"region": "europe", "year": 2014}).json()
    assert body["filters_applied"] == {"region": "europe", "year": 2014}
    assert (body["numerator"], body["denominator"]) == (2, 2)  # AL0001 Complete, AL0002 Substantial at end


def test_bad_filters_and_breakdowns_are_400(api, world):  # noqa: F811
    with api.invalid_request():
        assert api.get("/api/v1/insights/indicators/commitments/", {"year": "abc"}).status_code == 400
        assert api.get("/api/v1/insights/indicators/commitments/", {"breakdown": "planet"}).status_code == 400
    assert api.get("/api/v1/insights/indicators/nope/").status_code == 404


def test_trend_and_compare(api, world):  # noqa: F811
    body = api.get("/api/v1/insights/indicators/commitments/trend/", {"by": "cycle"}).json()
    assert [(p["key"], p["numerator"]) for p in body["points"]] == [("1", 4), ("2", 1)]
    body = api.get("/api/v1/insights/indicators/high-completion/compare/", {"member": "albania"}).json()
    assert body["member"]["filters_applied"] == {"member": "albania"}
    assert body["world"]["denominator"] == 3
