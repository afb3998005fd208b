"""The commitments explorer: facet filters with counts, sorting, downloads that keep the filters, API."""

from __future__ import annotations

import csv
import io
import json

from django.urls import reverse

from opengov.factories import AssessmentFactory


def test_facets_count_and_filter(client, corpus, armenia, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        page = client.get(reverse("search:explorer"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "5 commitments" in body and 'Armenia</a> <span class="count">(2)' in body
    page = client.get(reverse("search:explorer"), {"member": armenia.slug, "sort": "title"})
    body = page.content.decode()
    assert "2 commitments" in body
    assert body.index("Gender budgeting") < body.index("Open contracting portal")


def test_irm_verdicts_read_published_reports_only(client, corpus):
    commitment = corpus["commitments"]["contracting"]
    AssessmentFactory(report=corpus["published"], commitment=commitment, potential_impact="transformative")
    page = client.get(reverse("search:explorer"), {"verdict": "ambitious"})
    assert "1 commitment" in page.content.decode()
    draft_commitment = corpus["commitments"]["ownership"]
    AssessmentFactory(report=corpus["draft"], commitment=draft_commitment, potential_impact="transformative")
    page = client.get(reverse("search:explorer"), {"verdict": "ambitious"})
    assert "1 commitment" in page.content.decode()


def test_bad_filter_is_a_field_error(client, corpus):
    page = client.get(reverse("search:explorer"), {"year": "soon", "member": "nowhere"})
    assert page.status_code == 400
    assert "Enter a whole number." in page.content.decode()


def test_download_keeps_filters_and_neutralises_formulas(client, corpus, armenia):
    commitment = corpus["commitments"]["gender"]
    commitment.title = '=HYPERLINK("http://evil.example","x")'
    commitment.save()
    response = client.get(reverse("search:explorer-download", kwargs={"fmt": "csv"}), {"member": armenia.slug})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(r["ogp_id"] for r in rows) == ["AM0001", "AM0002"]
    assert next(r for r in rows if r["ogp_id"] == "AM0002")["title"] == "'" + commitment.title  # one prefix
    data = json.loads(
        b"".join(
            client.get(
                reverse("search:explorer-download", kwargs={"fmt": "json"}), {"member": armenia.slug}
            ).streaming_content
        )
    )
    assert len(data["rows"]) == 2
    xlsx = client.get(reverse("search:explorer-download", kwargs={"fmt": "xlsx"}), {"member": armenia.slug})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    page = client.get(reverse("search:explorer"), {"member": armenia.slug})
    assert f"download.csv?member={armenia.slug}" in page.content.decode()


def test_api_search_and_explorer(client, corpus, armenia):
    data = client.get("/api/v1/search/", {"q": "Albnia"}).json()
    assert data["corrections"] == {"albnia": "albania"} and data["results"][0]["kind"] == "member"
    assert client.get("/api/v1/search/", {"q": "x", "year": "soon"}).status_code == 400
    data = client.get("/api/v1/explorer/", {"member": armenia.slug}).json()
    assert data["count"] == 2 and {r["ogp_id"] for r in data["results"]} == {"AM0001", "AM0002"}
    assert {v["label"] for v in data["facets"]["member"]} == {"Armenia"}
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/search/" in schema and "/api/v1/explorer/" in schema
