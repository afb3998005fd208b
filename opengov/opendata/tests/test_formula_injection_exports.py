"""Issue 10.5: a title that is a spreadsheet formula is inert in every download (OWASP CSV injection), and the
OGP CSV still round-trips exactly: the importer removes the one quote the export added."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv
from opengov.opendata.models import ImportJob
from opengov.plans import actions
from opengov.plans.models import Commitment

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/x","Click me")'
DDE = "\t=cmd|' /C calc'!A0"
BULLETS = "- Ministry of State,\n- Any other relevant ministry"


@pytest.fixture
def poisoned(sample_bytes, support_unit):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    commitment = Commitment.objects.get(ogp_id="AL0002")
    changes = {"title": HYPERLINK, "lead_institution": DDE, "supporting_institutions": BULLETS}
    actions.update_commitment(support_unit, commitment, changes, commitment.version)
    return commitment


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_row(data: bytes, key_column: str, key: str) -> dict[str, str]:
    return next(row for row in csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")) if row[key_column] == key)


def test_the_commitments_csv_and_the_zip_neutralise_formulas(client, poisoned):
    row = csv_row(body(client.get("/data/commitments.csv")), "ogp_id", "AL0002")
    assert row["title"] == "'" + HYPERLINK
    assert row["lead_institution"] == "'" + DDE

    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/data/ogp-open-data.zip"))))
    row = csv_row(archive.read("commitments.csv"), "ogp_id", "AL0002")
    assert (row["title"], row["lead_institution"]) == ("'" + HYPERLINK, "'" + DDE)


def test_the_xlsx_holds_text_not_formulas(client, poisoned):
    workbook = load_workbook(io.BytesIO(body(client.get("/data/commitments.xlsx"))))
    sheet = workbook["commitments"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    cells = {}
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)  # no formula anywhere in the workbook
        if row[header.index("ogp_id")].value == "AL0002":
            cells = dict(zip(header, row, strict=True))
    assert cells["title"].value == "'" + HYPERLINK and cells["title"].data_type == "s"


def test_json_is_not_a_spreadsheet_and_keeps_the_text(client, poisoned):
    rows = json.loads(body(client.get("/data/commitments.json")))["rows"]
    assert next(r for r in rows if r["ogp_id"] == "AL0002")["title"] == HYPERLINK


def test_the_ogp_csv_neutralises_and_round_trips_exactly(client, poisoned):
    exported = body(client.get("/data/ogp-commitments-database.csv"))
    row = csv_row(exported, "Commitment Unique Identifier", "AL0002")
    assert row["Commitment Title"] == "'" + HYPERLINK
    assert row["Supporting Institution(s)"] == "'" + BULLETS
    assert "'-1" not in exported.decode()  # a number is not a formula: OGP's -1 scores stay numbers

    # Back the other way: the importer removes the quote, so re-importing the export changes nothing.
    report = import_ogp_csv(SYSTEM, exported, filename="export.csv")
    assert (report.rows.updated, report.rows.unchanged) == (0, 259)
    poisoned.refresh_from_db()
    assert (poisoned.title, poisoned.lead_institution, poisoned.supporting_institutions) == (
        HYPERLINK,
        DDE,
        BULLETS,
    )


def test_the_import_issues_report_neutralises_the_values_it_quotes(
    client, support_unit, sample_bytes, django_capture_on_commit_callbacks
):
    client.force_login(support_unit)
    bad = sample_bytes.replace(b",Europe,", b',"=HYPERLINK(""http://evil.example/x"")",', 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("opendata:import"), {"kind": "ogp_csv", "file": SimpleUploadedFile("ogp.csv", bad)})
    job = ImportJob.objects.get()
    report = body(client.get(reverse("opendata:import-job-report", args=[job.pk])))
    values = [row["value"] for row in csv.DictReader(io.StringIO(report.decode(), newline=""))]
    assert '\'=HYPERLINK("http://evil.example/x")' in values
    assert not any(value.startswith("=") for value in values)
