"""Third-party indicators: the Support Unit imports a CSV (atomic, every error located); values show up on
member snapshots with their source and licence."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opengov.insights.models import ThirdPartyDataset, ThirdPartyValue
from opengov.insights.thirdparty import ThirdPartyImportError, import_csv

GOOD = "country,year,Press freedom score,Open budget index\nALB,2022,55.5,47\nAlbania,2023,57,\nAM,2023,60.25,61\n"


def test_import_matches_countries_by_code_or_name_and_skips_empty_cells(albania, armenia):
    dataset = import_csv(GOOD, source="RSF", licence="CC BY 4.0")
    values = {(v.member.slug, v.indicator, v.year): v.value for v in dataset.values.select_related("member")}
    assert values == {
        ("albania", "Press freedom score", 2022): 55.5,
        ("albania", "Open budget index", 2022): 47.0,
        ("albania", "Press freedom score", 2023): 57.0,
        ("armenia", "Press freedom score", 2023): 60.25,
        ("armenia", "Open budget index", 2023): 61.0,
    }


def test_every_error_is_located_and_nothing_is_written(albania):
    text = "country,year,Score\nAtlantis,2022,1\nALB,20x2,2\nALB,2023,12,5\nALB,2024,n/a\nALB,2024,3\nALB,2024,4\n"
    with pytest.raises(ThirdPartyImportError) as info:
        import_csv(text, source="S", licence="L")
    errors = [(e.row, e.column, e.reason) for e in info.value.errors]
    assert errors[0] == (2, "country", "Unknown country “Atlantis”.")
    assert errors[1][:2] == (3, "year") and "not a year" in errors[1][2]
    assert errors[2][0] == 4 and "Expected 3 cells" in errors[2][2]
    assert errors[3][:2] == (5, "Score") and "not a number" in errors[3][2]
    assert errors[4][:2] == (7, "Score") and "line 6" in errors[4][2]
    assert not ThirdPartyDataset.objects.exists() and not ThirdPartyValue.objects.exists()


def test_header_must_name_country_and_year(db):
    with pytest.raises(ThirdPartyImportError) as info:
        import_csv("nation,when,x\n", source="S", licence="L")
    assert info.value.errors[0].row == 1


def test_only_the_support_unit_imports_through_the_page(client, participant, support_unit, albania):
    client.force_login(participant)
    assert client.get("/insights/third-party/import/").status_code == 403
    client.force_login(support_unit)
    upload = SimpleUploadedFile("rsf.csv", GOOD.replace("AM,2023,60.25,61\n", "").encode())
    response = client.post(
        "/insights/third-party/import/", {"source": "RSF", "licence": "CC BY 4.0", "file": upload}, follow=True
    )
    assert "Imported 3 values" in response.content.decode()
    bad = SimpleUploadedFile("bad.csv", b"country,year,x\nNowhere,2020,1\n")
    response = client.post("/insights/third-party/import/", {"source": "S", "licence": "L", "file": bad})
    html = response.content.decode()
    assert "Nothing was imported" in html and "Unknown country" in html


def test_values_appear_on_the_member_snapshot_with_source_and_licence(client, albania, armenia):
    import_csv(GOOD, source="Reporters Without Borders", licence="CC BY 4.0", source_url="https://rsf.org/")
    html = client.get("/insights/members/albania/").content.decode()
    assert "Press freedom score" in html and "Reporters Without Borders" in html and "CC BY 4.0" in html
    assert 'role="img"' in html  # two years of press freedom: a chart with its table


def test_command(albania, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "x.csv"
    path.write_text("country,year,Score\nALB,2022,1.5\n")
    call_command("import_third_party", str(path), source="S", licence="L")
    assert ThirdPartyValue.objects.get().value == 1.5
