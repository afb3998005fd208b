"""Issue 10.2-10.4 on the OGP import: no partial writes, summaries that agree, stale files held back, real OGP
member codes (UK, Kosovo, locals), spreadsheet serial dates, null codes kept in every column."""

from __future__ import annotations

import pytest

from opengov.members.models import Member
from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv
from opengov.plans.models import ActionPlan, Commitment

from .test_import_ogp import edit, export_bytes, rows_of, to_bytes

pytestmark = pytest.mark.django_db


def set_row(data: bytes, key: str, **cells: str) -> bytes:
    for column, value in cells.items():
        data = edit(data, key, column, value)
    return data


# --- 10.3: errors found at the member or plan step stop the write too ----------------------------------------


def test_a_row_rejected_at_the_plan_step_stops_the_whole_write(sample_bytes):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    # AL0002 claims a new plan AP_ALB99 with the number of Albania's first plan: found only when plans are compared.
    data = set_row(sample_bytes, "AL0002", **{"Action Plan ID": "AP_ALB99"})
    data = set_row(data, "AL0003", **{"Commitment Title": "A good row's new title"})

    report = import_ogp_csv(SYSTEM, data, filename="clash.csv")

    assert [(issue.key, issue.column) for issue in report.errors] == [("AL0002", "Action Plan ID")]
    assert not report.applied and "Nothing was written" in report.summary()
    assert Commitment.objects.get(ogp_id="AL0003").title != "A good row's new title"  # the good row waits too
    assert not ActionPlan.objects.filter(ogp_id="AP_ALB99").exists()

    report = import_ogp_csv(SYSTEM, data, filename="clash.csv", skip_bad_rows=True)
    assert report.applied and Commitment.objects.get(ogp_id="AL0003").title == "A good row's new title"


def test_a_truncated_file_says_what_would_have_changed_not_that_it_changed(sample_bytes):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    data = set_row(sample_bytes, "AL0003", **{"Commitment Title": "New title"})
    rows = rows_of(data)
    rows[-1] = rows[-1][:60]  # the file ends part-way through its last record
    truncated = to_bytes(rows)

    report = import_ogp_csv(SYSTEM, truncated, filename="truncated.csv")

    summary = report.summary()
    assert not report.applied and report.rows.rejected == 1
    assert "1 updated" not in summary and "1 to update" in summary
    assert "Nothing was written" in summary
    assert Commitment.objects.get(ogp_id="AL0003").title != "New title"


def test_the_row_counts_add_up(sample_bytes):
    report = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    r = report.rows
    assert r.created + r.updated + r.unchanged + r.held + r.rejected == len(rows_of(sample_bytes)) - 1
    assert report.entity("commitments").created == r.created


# --- 10.4: member identity from the plan id, OGP's own codes ---------------------------------------------------


def sample_members(data: bytes) -> set[tuple[str, str, str, str, str]]:
    rows = rows_of(data)
    col = {name: i for i, name in enumerate(rows[0])}
    return {
        (
            r[0][:-4],
            r[col["Action Plan ID"]][3:-2],
            r[col["Code"]],
            r[col["Country/Locality"]],
            r[col["National Or Local"]],
        )
        for r in rows[1:]
    }


def test_every_member_of_the_sample_is_identified_by_its_plan_id(sample_bytes):
    from django_countries import countries

    report = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    assert report.applied and not report.errors
    for prefix, stem, code, place, kind in sample_members(sample_bytes):
        member = Member.objects.get(ogp_code=prefix)
        assert ActionPlan.objects.filter(member=member, ogp_id__startswith=f"AP_{stem}").exists()
        if kind in ("Local", "Legacy Local"):
            assert member.parent.country.code == stem[:2], place  # AP_ARBA: a local of Argentina
            assert member.name == place.rsplit(", ", 1)[0]
        else:
            assert (member.iso3, member.country.code) == (code, countries.alpha2(stem)), place
            assert member.name == place


def derived_row(template: list[str], header: list[str], **cells: str) -> list[str]:
    row = list(template)
    for column, value in cells.items():
        row[header.index(column)] = value
    return row


def uk_file(sample_bytes: bytes, local_first: bool) -> bytes:
    """OGP's rows for the United Kingdom (UK0051, AP_GBR02) and a local member of it (AP_GBSC01)."""
    rows = rows_of(sample_bytes)
    header, template = rows[0], next(r for r in rows[1:] if r[0] == "AL0002")
    national = {
        "Country/Locality": "United Kingdom",
        "Code": "GBR",
        "Region": "Europe",
        "National Or Local": "National",
        "Action Plan ID": "AP_GBR02",
        "Action Plan Number": "2",
    }
    local = {
        "Country/Locality": "Scotland, United Kingdom",
        "Code": "GBSC",
        "Region": "Europe",
        "National Or Local": "Local",
        "Action Plan ID": "AP_GBSC01",
        "Action Plan Number": "1",
    }
    uk = [derived_row(template, header, **national, **{"Commitment Unique Identifier": f"UK00{n}"}) for n in (51, 52)]
    scotland = [derived_row(template, header, **local, **{"Commitment Unique Identifier": "SCO0001"})]
    return to_bytes([header, *(scotland + uk if local_first else uk + scotland)])


@pytest.mark.parametrize("local_first", [True, False])
def test_the_united_kingdom_and_its_locals_import_in_any_order(sample_bytes, local_first):
    report = import_ogp_csv(SYSTEM, uk_file(sample_bytes, local_first), filename="uk.csv")

    assert not report.errors, report.errors
    uk = Member.objects.get(iso3="GBR")
    assert (uk.name, uk.ogp_code, uk.country.code) == ("United Kingdom", "UK", "GB")
    assert Member.objects.get(ogp_code="SCO").parent == uk
    assert set(Commitment.objects.filter(action_plan__member=uk).values_list("ogp_id", flat=True)) == {
        "UK0051",
        "UK0052",
    }


def test_uk_rows_join_a_united_kingdom_created_earlier_as_a_locals_parent(sample_bytes):
    data = uk_file(sample_bytes, local_first=True)
    rows = rows_of(data)
    import_ogp_csv(SYSTEM, to_bytes([rows[0], rows[1]]), filename="scotland.csv")  # creates United Kingdom
    report = import_ogp_csv(SYSTEM, data, filename="uk.csv")
    assert not report.errors, report.errors
    assert Member.objects.filter(name="United Kingdom").count() == 1


def test_kosovo_keeps_its_own_code(sample_bytes):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    kosovo = Member.objects.get(iso3="XKX")
    assert (kosovo.ogp_code, kosovo.country.code, kosovo.kind) == ("XK", "XK", "other")


# --- 10.4: spreadsheet serial dates, null codes in every column ------------------------------------------------


def test_a_spreadsheet_serial_date_is_read_as_a_date_with_a_warning(sample_bytes):
    import datetime

    data = set_row(sample_bytes, "AL0002", **{"Start Date": "44439"})
    report = import_ogp_csv(SYSTEM, data, filename="serial.csv")

    assert Commitment.objects.get(ogp_id="AL0002").start_date == datetime.date(2021, 8, 31)
    notes = [i.reason for i in report.warnings if (i.key, i.column) == ("AL0002", "Start Date")]
    assert notes and "serial" in notes[0] and "2021-08-31" in notes[0]
    exported = rows_of(export_bytes())
    assert exported[[r[0] for r in exported].index("AL0002")][exported[0].index("Start Date")] == "44439"


IDENTITY = {
    "Commitment Unique Identifier",
    "Country/Locality",
    "Code",
    "Region",
    "National Or Local",
    "Action Plan Number",
    "Year Of Submission",
    "Action Plan End Year",
    "Action Plan Duration (Years)",
    "Action Plan ID",
    "Commitment Title",
    "Commitment Number",
}


@pytest.mark.parametrize("code", ["NR", "NA", "ND"])
def test_null_codes_survive_the_round_trip_in_every_column(sample_bytes, code):
    from opengov.opendata import columns as C

    rows = rows_of(sample_bytes)
    header, row = rows[0], next(r for r in rows[1:] if r[0] == "AL0002")
    row = [code if column not in IDENTITY else cell for column, cell in zip(header, row, strict=True)]
    report = import_ogp_csv(SYSTEM, to_bytes([header, row]), filename="nulls.csv")
    assert report.applied and not report.errors, report.errors

    exported = rows_of(export_bytes())
    assert exported[0] == list(C.COLUMNS)
    lost = {column: cell for column, cell in zip(exported[0], exported[1], strict=True) if column not in IDENTITY}
    assert {column: cell for column, cell in lost.items() if cell != code} == {}


def test_a_null_code_in_a_twin_column_survives_beside_a_label(sample_bytes):
    """OGP writes NR in _DIOGPA beside a label; the export must not recompute it to 0."""
    from opengov.opendata import columns as C

    rows = rows_of(sample_bytes)
    header = rows[0]
    row = next(r for r in rows[1:] if r[0] == "AL0002")
    for twin, (label, codes) in C.TWIN_CODES.items():
        row[header.index(label)] = next(iter(codes))  # a real label, whose code is a number
        row[header.index(twin)] = "NR"
    import_ogp_csv(SYSTEM, to_bytes([header, row]), filename="twins.csv")

    exported = rows_of(export_bytes())
    assert {twin: exported[1][exported[0].index(twin)] for twin in C.TWIN_CODES} == dict.fromkeys(C.TWIN_CODES, "NR")


# --- 10.2: an old file does not revert newer platform edits -----------------------------------------------------


HELD_REASON = "changed on the platform since"


@pytest.fixture
def stale_file(sample_bytes, support_unit):
    """The sample imported, then exported (an old file), then AL0002 edited on the platform."""
    from opengov.plans import actions

    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    old = export_bytes()
    commitment = Commitment.objects.get(ogp_id="AL0002")
    actions.update_commitment(support_unit, commitment, {"short_title": "Edited on the platform"}, commitment.version)
    return old


def test_an_old_file_does_not_revert_a_newer_platform_edit(stale_file):
    report = import_ogp_csv(SYSTEM, stale_file, filename="old.csv")

    assert Commitment.objects.get(ogp_id="AL0002").short_title == "Edited on the platform"
    assert report.applied and report.rows.held == 1 and report.entity("commitments").held == 1
    held = [issue for issue in report.warnings if HELD_REASON in issue.reason]
    assert [(issue.key, issue.column) for issue in held] == [("AL0002", "Short Title")]
    assert "1 held back" in report.summary()
    r = report.rows
    assert r.created + r.updated + r.unchanged + r.held + r.rejected == 259
    c = report.entity("commitments")
    assert (c.created, c.updated, c.unchanged + c.held) == (r.created, c.updated, 259 - c.updated - c.created)


def test_a_newer_file_updates_rows_nobody_edited_on_the_platform(stale_file):
    newer = set_row(stale_file, "AL0003", **{"Commitment Title": "OGP's new title"})
    report = import_ogp_csv(SYSTEM, newer, filename="newer.csv")
    assert Commitment.objects.get(ogp_id="AL0003").title == "OGP's new title"
    assert report.rows.held == 1  # AL0002 only


@pytest.mark.parametrize("choice", [{"file_wins": True}, {"file_wins_for": {"AL0002"}}])
def test_staff_may_let_the_file_win(stale_file, choice):
    report = import_ogp_csv(SYSTEM, stale_file, filename="old.csv", **choice)
    assert report.rows.held == 0
    assert Commitment.objects.get(ogp_id="AL0002").short_title != "Edited on the platform"


def test_the_command_lets_the_file_win_for_chosen_rows(stale_file, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "old.csv"
    path.write_bytes(stale_file)
    call_command("import_ogp", str(path), "--quiet-issues", verbosity=0)
    assert Commitment.objects.get(ogp_id="AL0002").short_title == "Edited on the platform"
    call_command("import_ogp", str(path), "--file-wins-for", "AL0002", "--quiet-issues", verbosity=0)
    assert Commitment.objects.get(ogp_id="AL0002").short_title != "Edited on the platform"


def test_staff_choose_per_row_on_the_job_page(client, support_unit, stale_file, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from opengov.core.testing import browser_form
    from opengov.opendata.models import ImportJob

    client.force_login(support_unit)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("opendata:import"), {"kind": "ogp_csv", "file": SimpleUploadedFile("old.csv", stale_file)})
    job = ImportJob.objects.get()
    page = client.get(job.get_absolute_url())
    assert job.counts["rows"]["held"] == 1 and "AL0002" in page.content.decode()
    choice = browser_form(page.content, containing="file_wins_for")
    assert choice["file_wins_for"] == "AL0002"  # each held row is offered, ticked
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opendata:import-job-rerun", args=[job.pk]), choice)
    rerun = ImportJob.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302 and response["Location"] == rerun.get_absolute_url()
    assert rerun.file_wins_for == ["AL0002"] and rerun.counts["rows"]["held"] == 0
    assert Commitment.objects.get(ogp_id="AL0002").short_title != "Edited on the platform"
