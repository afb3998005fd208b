"""Bulk upload: the template round-trips, every problem is reported as (row, column, value, reason), all or nothing
by default, "import the good rows" on request, dry runs import nothing, hubs only for their countries, only the
Support Unit approves at once, files that are not CSV or XLSX are refused with a clear message."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from opengov.events.bulk import COLUMNS, FileRejected, check_and_import, template_rows
from opengov.events.choices import State
from opengov.events.models import Event, UploadJob


def _csv(rows: list[dict[str, str]]) -> bytes:
    header, example = template_rows()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, value) for column, value in zip(header, example, strict=True)])
    return out.getvalue().encode()


def test_template_imports_as_it_is(client, support_unit, edition, italy):
    response = client.get(reverse("events:upload-template", args=["xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["events"][1]] == list(COLUMNS)
    report = check_and_import(support_unit, edition, response.content, "template.xlsx")
    assert report.problems == [] and report.imported == 1
    event = Event.objects.get()
    assert event.state == State.SUBMITTED and event.member == italy
    csv_template = client.get(reverse("events:upload-template", args=["csv"])).content
    assert check_and_import(support_unit, edition, csv_template, "t.csv", dry_run=True).good == 1


def test_bad_rows_are_reported_and_nothing_is_imported(support_unit, edition):
    data = _csv(
        [{}, {"country": "XX"}, {"start": "18/05/2026"}, {"topics": "cats"}, {"format": "online", "online_url": ""}]
    )
    report = check_and_import(support_unit, edition, data, "events.csv")
    found = {(p["row"], p["column"]) for p in report.problems}
    assert {(3, "country"), (4, "start"), (5, "topics"), (6, "online_url")} <= found
    assert all(p["reason"] for p in report.problems)
    assert next(p for p in report.problems if p["row"] == 3)["value"] == "XX"
    assert report.good == 1 and report.imported == 0
    assert not Event.objects.exists()  # all or nothing


def test_import_the_good_rows(support_unit, edition):
    report = check_and_import(
        support_unit, edition, _csv([{}, {"country": "XX"}, {"title": "Second"}]), "e.csv", import_good_rows=True
    )
    assert report.imported == 2 and len(report.problems) == 1
    assert set(Event.objects.values_list("title", flat=True)) == {"Second", template_rows()[1][0]}


def test_dry_run_imports_nothing(support_unit, edition):
    report = check_and_import(support_unit, edition, _csv([{}, {}]), "e.csv", dry_run=True)
    assert report.good == 2 and report.imported == 0 and not Event.objects.exists()


def test_hub_uploads_for_its_countries_only(spain_moderator, italy_moderator, edition):
    report = check_and_import(spain_moderator, edition, _csv([{}]), "e.csv")  # the template row is Italian
    assert report.problems[0]["column"] == "country" and report.imported == 0
    ok = check_and_import(italy_moderator, edition, _csv([{}]), "e.csv")
    assert ok.imported == 1
    with pytest.raises(FileRejected):
        check_and_import(italy_moderator, edition, _csv([{}]), "e.csv", approve=True)


def test_support_unit_may_approve_at_once(support_unit, edition):
    check_and_import(support_unit, edition, _csv([{}]), "e.csv", approve=True)
    event = Event.objects.get()
    assert event.state == State.APPROVED and event.approved_at
    assert [d.decision for d in event.decisions.order_by("pk")] == ["submitted", "approved"]
    assert event.history.count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"title;description\nx;y\n", "e.csv", "Columns missing"),
        (b"PK\x03\x04garbage", "e.xlsx", "not a readable XLSX"),
        ("é".encode("latin-1") * 10, "e.csv", "UTF-8"),
    ],
)
def test_bad_files(support_unit, edition, content, name, message):
    with pytest.raises(FileRejected, match=message):
        check_and_import(support_unit, edition, content, name)


def test_xlsx_with_dates_as_cells(support_unit, edition):
    import datetime

    header, example = template_rows()
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    row = list(example)
    row[header.index("start")] = datetime.datetime(2031, 5, 18, 10, 0)
    row[header.index("end")] = datetime.datetime(2031, 5, 18, 12, 0)
    sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    assert check_and_import(support_unit, edition, out.getvalue(), "e.xlsx").imported == 1


def test_upload_page_runs_a_job_with_a_report(client, italy_moderator, edition, django_capture_on_commit_callbacks):
    client.force_login(italy_moderator)
    page = client.get(reverse("events:upload"))
    assert "approve" not in page.context["form"].fields  # only the Support Unit approves at once
    upload = SimpleUploadedFile("events.csv", _csv([{}, {"country": "XX"}]), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:upload"), {"edition": edition.pk, "file": upload})
    job = UploadJob.objects.get()
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "done" and job.imported == 0 and job.problems[0]["row"] == 3
    shown = client.get(job.get_absolute_url()).content.decode()
    assert "XX" in shown and "nothing is imported" in shown
    report = client.get(job.get_absolute_url() + "?format=csv").content.decode()
    assert report.splitlines()[0] == "row,column,value,reason"
    not_csv = SimpleUploadedFile("events.pdf", b"%PDF-1.4", content_type="application/pdf")
    refused = client.post(reverse("events:upload"), {"edition": edition.pk, "file": not_csv})
    assert refused.status_code == 400 and "file" in refused.context["form"].errors


def test_upload_page_is_for_hubs_and_the_support_unit(client, participant):
    client.force_login(participant)
    assert client.get(reverse("events:upload")).status_code == 403
