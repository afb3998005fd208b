"""Open data downloads, the data dictionary, the OGP database export and the import page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opengov.irm.models import Assessment
from opengov.opendata.exporters.entities import datasets
from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv
from opengov.opendata.models import ImportJob, JobState
from opengov.plans.models import Commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(sample_bytes):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    "slug", ["members", "action-plans", "commitments", "milestones", "assessments", "policy-areas"]
)
def test_every_entity_downloads_as_csv_json_and_xlsx(client, sample, slug):
    for fmt in ("csv", "json", "xlsx"):
        response = client.get(reverse("opendata:download", args=[slug, fmt]))
        assert response.status_code == 200, (slug, fmt)
        assert response["ETag"] and "license" in response["Link"]
        body = content(response)
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(body.decode())))
            assert rows[0] == [column.name for column in datasets()[slug].columns]
        elif fmt == "json":
            data = json.loads(body)
            assert data["licence"] == "CC BY 4.0" and "Open Government Partnership" in data["credit"]
        else:
            assert body[:2] == b"PK"


def test_commitments_csv_streams_every_commitment(client, sample):
    response = client.get("/data/commitments.csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(content(response).decode())))
    assert len(rows) == Commitment.objects.count() == 259
    assert next(r for r in rows if r["ogp_id"] == "AL0002")["title"] == "e-Acts"


def test_assessments_are_published_only(client, sample):
    report = Assessment.objects.filter(commitment__ogp_id="AL0003").first().report
    type(report).objects.filter(pk=report.pk).update(state="draft")
    rows = list(csv.DictReader(io.StringIO(content(client.get("/data/assessments.csv")).decode())))
    assert len(rows) == Assessment.objects.published().count() > 0
    assert not any(r["action_plan_id"] == report.action_plan.ogp_id for r in rows)


def test_an_unchanged_download_answers_not_modified(client, sample):
    first = client.get("/data/members.csv")
    again = client.get("/data/members.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert import_ogp_csv(SYSTEM, _changed_sample(), filename="changed.csv").entities["members"].updated == 1
    assert client.get("/data/members.csv", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def _changed_sample() -> bytes:
    from opengov.opendata.tests.conftest import SAMPLE

    return SAMPLE.read_bytes().replace(b",Albania,", b",Albania (Republic of),")


def test_the_dictionary_describes_every_field_with_licence_and_credit(client):
    page = client.get(reverse("opendata:dictionary")).content.decode()
    for dataset in datasets().values():
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page
    assert "CC BY 4.0" in page and "Open Government Partnership, commitments database" in page
    assert "Not Applicable" in page  # allowed values come from the IRM scales


def test_the_index_links_every_file(client):
    page = client.get(reverse("opendata:index")).content.decode()
    assert "/data/commitments.xlsx" in page and "/data/ogp-commitments-database.csv" in page


def test_the_ogp_database_export_is_the_171_columns(client, sample):
    response = client.get(reverse("opendata:ogp-database"))
    rows = list(csv.reader(io.StringIO(content(response).decode(), newline="")))
    assert len(rows[0]) == 171 and len(rows) == 260


def test_the_import_page_is_for_the_support_unit(client, participant):
    client.force_login(participant)
    assert client.get(reverse("opendata:import")).status_code == 403


def test_an_upload_runs_as_a_background_job_with_a_report(
    client, support_unit, sample_bytes, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client.force_login(support_unit)
    bad = sample_bytes.replace(b",Europe,", b",Atlantis,", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("opendata:import"), {"kind": "ogp_csv", "file": SimpleUploadedFile("ogp.csv", bad)}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == JobState.DONE and job.counts["rows"]["rejected"] == 1 and not Commitment.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Atlantis" in page and "Nothing was written" in page
    report = client.get(reverse("opendata:import-job-report", args=[job.pk])).content.decode()
    assert "Region" in report and "Atlantis" in report
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("opendata:import"),
            {"kind": "ogp_csv", "file": SimpleUploadedFile("ogp.csv", bad), "skip_bad_rows": "on"},
        )
    assert Commitment.objects.count() == 258
    # The insights numbers of the new data were computed right after the import: the overview reads them
    # from the cache (a data-version query and cache reads, no indicator query).
    from opengov.insights import indicators

    version = indicators.data_version()
    with django_assert_max_num_queries(0):
        for indicator in indicators.all_indicators():
            indicators.compute_cached(indicator, version=version)
    latest = ImportJob.objects.first()
    assert (
        latest.percent == 100 and Commitment.objects.get(ogp_id="AL0003").history.first().history_user == support_unit
    )


def test_a_wrong_file_fails_the_job_with_a_clear_error(client, support_unit, django_capture_on_commit_callbacks):
    client.force_login(support_unit)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("opendata:import"), {"kind": "ogp_csv", "file": SimpleUploadedFile("x.csv", b"a,b\r\n1,2\r\n")}
        )
    job = ImportJob.objects.get()
    assert job.state == JobState.FAILED and "expected columns" in job.error


def test_the_ogp_record_is_in_the_api(client, sample):
    response = client.get("/api/v1/ogp-records/AL0002/")
    assert response.status_code == 200
    body = response.json()
    assert body["start_date_given"] == "NA" and body["cells"]["Commitment Dummy"] == "1"
    assert client.get("/api/v1/ogp-records/").status_code == 200


def test_everything_in_one_zip_with_a_data_package_descriptor(client, sample):
    import csv as csv_module
    import io
    import json
    import zipfile

    response = client.get(reverse("opendata:bundle"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(content(response)))
    assert archive.testzip() is None
    package = json.loads(archive.read("datapackage.json"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    names = {resource["name"] for resource in package["resources"]}
    core = {"members", "action-plans", "commitments", "milestones", "assessments", "policy-areas"}
    assert core <= names and names == set(
        datasets()
    )  # with the datasets apps above register (events, stories, campaigns)
    assert set(archive.namelist()) == {"datapackage.json", *(f"{name}.csv" for name in names)}
    for resource in package["resources"]:
        inside = archive.read(resource["path"])
        # The same bytes as the dataset's own CSV download, and the descriptor names its columns in order.
        assert inside == content(client.get(reverse("opendata:download", args=[resource["name"], "csv"])))
        header = next(csv_module.reader(io.StringIO(inside.decode("utf-8"))))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    commitments = next(r for r in package["resources"] if r["name"] == "commitments")
    types = {f["name"]: f["type"] for f in commitments["schema"]["fields"]}
    assert types["start_date"] == "date" and types["access_to_information"] == "boolean"
    assert (
        "month (Month)"
        in next(f for f in commitments["schema"]["fields"] if f["name"] == "start_date_precision")["description"]
    )
    assert archive.read("commitments.csv").count(b"\r\n") > 1
    # Unchanged data: the client's copy is still good.
    again = client.get(reverse("opendata:bundle"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
