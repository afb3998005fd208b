"""Importing OGP's commitments database: counts, idempotence, history, bad rows, bad files, round trip."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from opengov.core.formula_injection import needs_prefix, restore
from opengov.irm.models import Assessment, Product, Report
from opengov.members.models import Member, MemberKind, Region
from opengov.opendata import columns as C
from opengov.opendata.exporters.ogp_csv import export_ogp_csv
from opengov.opendata.importers.base import SYSTEM_USER_EMAIL, FileRejected
from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv
from opengov.opendata.models import CommitmentRecord
from opengov.plans.models import ActionPlan, Commitment

pytestmark = pytest.mark.django_db


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def to_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def export_bytes() -> bytes:
    out = io.StringIO(newline="")
    export_ogp_csv(out)
    return out.getvalue().encode("utf-8")


def edit(data: bytes, key: str, column: str, value: str) -> bytes:
    rows = rows_of(data)
    index = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[index] = value
    return to_bytes(rows)


def test_the_sample_imports_every_row_and_entity(sample_bytes):
    report = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    assert report.applied and report.rows.created == 259 and report.rows.rejected == 0
    assert Commitment.objects.count() == 259
    assert ActionPlan.objects.count() == 107
    buenos_aires = Member.objects.get(ogp_code="BUE")
    assert buenos_aires.kind == MemberKind.LEGACY_LOCAL and buenos_aires.parent.name == "Argentina"
    assert Member.objects.get(ogp_code="XK").kind == MemberKind.OTHER
    # Nigeria is not in the A-K sample: it is created as Kaduna State's national parent.
    assert Member.objects.get(ogp_code="KAD").parent == Member.objects.get(name="Nigeria", ogp_code="NG")
    albania = Member.objects.get(ogp_code="AL")
    assert (albania.iso3, albania.region) == ("ALB", Region.EUROPE)
    first = Commitment.objects.get(ogp_id="AL0002")
    assert first.title == "e-Acts" and first.lead_institution == "Council of Ministers"
    assert first.action_plan.ogp_id == "AP_ALB01" and first.start_date is None
    record = first.ogp_record
    assert record.start_date_given == "NA" and record.cells["Commitment Dummy"] == "1"
    assert CommitmentRecord.objects.filter(cells__Specificity="High").exists()
    assert Report.objects.filter(product=Product.PROGRESS_REPORT).exists()
    assert Report.objects.filter(product=Product.ACTION_PLAN_REVIEW).exists()
    assert Assessment.objects.filter(specificity="high").exists()
    assert Assessment.objects.filter(specificity="ND").exists()


def test_the_same_file_twice_changes_nothing(sample_bytes):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    histories = Commitment.history.count(), CommitmentRecord.history.count(), Assessment.history.count()
    report = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    assert (report.rows.created, report.rows.updated, report.rows.unchanged) == (0, 0, 259)
    assert "Nothing changed" in report.summary()
    assert (Commitment.history.count(), CommitmentRecord.history.count(), Assessment.history.count()) == histories


def test_a_changed_row_updates_only_that_row_with_history(sample_bytes, support_unit):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    changed = edit(sample_bytes, "AL0002", "Commitment Title", "e-Acts (revised)")
    changed = edit(changed, "AL0002", "Youth", "1")
    report = import_ogp_csv(support_unit, changed, filename="changed.csv")
    assert (report.rows.updated, report.rows.unchanged) == (1, 258)
    commitment = Commitment.objects.get(ogp_id="AL0002")
    assert commitment.title == "e-Acts (revised)"
    assert commitment.policy_areas.filter(label="Youth").exists()
    last = commitment.history.first()
    assert last.history_user == support_unit and last.history_change_reason == "import changed.csv"
    assert last.history_type == "~"
    assert Commitment.objects.get(ogp_id="AL0003").history.count() == 1


def test_command_line_imports_are_attributed_to_the_system_user(sample_bytes):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    created = Commitment.objects.get(ogp_id="AL0002").history.first()
    assert created.history_user.email == SYSTEM_USER_EMAIL
    assert created.history_change_reason == "import sample.csv"


def test_only_the_support_unit_may_import(sample_bytes, participant, albania_editor):
    for user in (participant, albania_editor):
        with pytest.raises(PermissionDenied):
            import_ogp_csv(user, sample_bytes)
    assert not Commitment.objects.exists()


def test_a_bad_row_changes_nothing_unless_told_to_skip(sample_bytes):
    bad = edit(sample_bytes, "AL0003", "Region", "Atlantis")
    bad = edit(bad, "AL0050", "Youth", "yes")
    report = import_ogp_csv(SYSTEM, bad, filename="bad.csv")
    assert not report.applied and not Commitment.objects.exists() and not Member.objects.exists()
    errors = {(issue.key, issue.column) for issue in report.errors}
    assert errors == {("AL0003", "Region"), ("AL0050", "Youth")}
    assert all(issue.line for issue in report.errors)
    assert "Nothing was written" in report.summary()
    report = import_ogp_csv(SYSTEM, bad, filename="bad.csv", skip_bad_rows=True)
    assert report.applied and report.rows.rejected == 2 and report.rows.created == 257
    assert not Commitment.objects.filter(ogp_id__in=["AL0003", "AL0050"]).exists()


def test_a_dry_run_counts_and_writes_nothing(sample_bytes):
    report = import_ogp_csv(SYSTEM, sample_bytes, dry_run=True)
    assert report.rows.created == 259 and not Commitment.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04\x00\x00binary", "not a CSV"),
        ("Commitment Unique Identifier;Country\r\nAL0002;Albania\r\n".encode("latin-1"), "semicolons"),
        (",".join(C.COLUMNS[:20]).encode() + b"\r\n", "Missing columns \\(151\\)"),
        ("Pays,Année\r\nAlbanie,2012\r\n".encode("latin-1"), "not UTF-8"),
        (b"name,age\r\nx,1\r\n", "none of the expected columns"),
    ],
)
def test_a_wrong_file_gets_a_clear_error(data, message):
    with pytest.raises(FileRejected, match=message):
        import_ogp_csv(SYSTEM, data)
    assert not Member.objects.exists()


def test_an_oversized_file_is_refused(sample_bytes):
    with pytest.raises(FileRejected, match="limit"):
        import_ogp_csv(SYSTEM, sample_bytes, limit=1000)


def test_twin_disagreements_and_stray_values_are_reported(sample_bytes):
    data = edit(sample_bytes, "AL0002", "Verifiable", "1")
    report = import_ogp_csv(SYSTEM, data)
    found = {(i.key, i.column, i.severity) for i in report.warnings}
    assert ("AL0002", "Verifiable", "warning") in found
    # The sample's own disagreements (JO0050: Not Applicable coded 2) are reported with line and values.
    twin = next(i for i in report.warnings if i.key == "JO0050" and i.column == "_DIOGATI")
    assert twin.value == "2" and "Not Applicable" in twin.reason and twin.line > 1


def test_round_trip_on_the_whole_sample(sample_bytes):
    """Import, export, compare cell by cell; import the export: nothing changes."""
    report = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    exported = export_bytes()
    source, result = rows_of(sample_bytes), rows_of(exported)
    assert result[0] == list(C.COLUMNS) == source[0]
    assert exported.count(b"\r\n") >= len(source)
    by_id = {row[0]: row for row in result[1:]}
    assert set(by_id) == {row[0] for row in source[1:]}
    disagreements = {(i.key, i.column) for i in report.warnings if C.GROUP.get(i.column) == "twin"}
    differing, neutralised = set(), set()
    for row in source[1:]:
        for column, a, b in zip(source[0], row, by_id[row[0]], strict=True):
            if a != restore(b):
                differing.add((row[0], column))
            elif a != b:
                assert b == "'" + a and needs_prefix(a)  # a formula-like cell, made inert (issue 10.5)
                neutralised.add((row[0], column))
    # OGP's own text has cells such as "- Ministry of State, ..."; numbers such as -1 stay as they are.
    assert {column for _, column in neutralised} == {"Supporting Institution(s)", "Lead Institution"}
    # Only derived twins the import reported as inconsistent with their label differ (recomputed).
    assert differing == disagreements
    assert differing and all(C.GROUP[column] == "twin" for _, column in differing)
    again = import_ogp_csv(SYSTEM, exported, filename="export.csv")
    assert (again.rows.created, again.rows.updated, again.rows.unchanged) == (0, 0, 259)
    assert export_bytes() == exported


def test_the_commands(tmp_path, capsys):
    from opengov.opendata.tests.conftest import SAMPLE

    call_command("import_ogp", str(SAMPLE), "--quiet-issues")
    assert "259 created" in capsys.readouterr().out
    out = tmp_path / "export.csv"
    call_command("export_ogp", str(out))
    call_command("import_ogp", str(out), "--quiet-issues", "--dry-run")
    assert "259 unchanged" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_ogp", str(tmp_path / "missing.csv"))


# --- The unchanged-row shortcut (importers/unchanged.py) ------------------------------------------------------


def issue_set(report) -> set[tuple]:
    return {(i.line, i.key, i.column, i.value[:200], i.severity, i.reason) for i in report.issues}


def test_a_re_import_skips_unchanged_rows_but_reports_the_same_warnings(sample_bytes, django_assert_max_num_queries):
    first = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    assert first.warnings
    record = CommitmentRecord.objects.get(commitment__ogp_id="JO0050")
    assert record.row_hash and record.synced_state and any(w[0] == "_DIOGATI" for w in record.row_warnings)
    # Every row is known unchanged: no per-row comparison queries, whatever the number of rows.
    with django_assert_max_num_queries(20):
        again = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    assert (again.rows.created, again.rows.updated, again.rows.unchanged) == (0, 0, 259)
    assert issue_set(again) == issue_set(first)
    assert again.entities["IRM assessments"].unchanged == Assessment.objects.count()


def test_a_platform_edit_since_the_import_makes_the_row_read_in_full(sample_bytes, support_unit):
    from opengov.plans.actions import update_commitment

    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    commitment = Commitment.objects.get(ogp_id="AL0002")
    update_commitment(support_unit, commitment, {"title": "Edited on the platform"}, commitment.version)
    report = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    # The row is read in full and found changed on the platform since: held back, not reverted (issue 10.2).
    assert (report.rows.held, report.rows.unchanged) == (1, 258)
    assert Commitment.objects.get(ogp_id="AL0002").title == "Edited on the platform"
    # Staff let the file win: it restores "e-Acts" ...
    report = import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv", file_wins_for=["AL0002"])
    assert (report.rows.updated, report.rows.unchanged) == (1, 258)
    assert Commitment.objects.get(ogp_id="AL0002").title == "e-Acts"
    # ...and the row is known unchanged again afterwards.
    assert import_ogp_csv(SYSTEM, sample_bytes).rows.unchanged == 259


def test_an_assessment_edit_since_the_import_makes_the_row_read_in_full(sample_bytes):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    assessment = Assessment.objects.filter(commitment__ogp_id="AL0002").first()
    was = assessment.completion
    Assessment.objects.filter(pk=assessment.pk).update(completion="complete" if was != "complete" else "limited")
    # An edit made without raising the version is not seen (every platform edit raises it: core/concurrency.py).
    assert import_ogp_csv(SYSTEM, sample_bytes).entities["IRM assessments"].updated == 0
    Assessment.objects.filter(pk=assessment.pk).update(version=assessment.version + 1)
    report = import_ogp_csv(SYSTEM, sample_bytes)
    # Seen: the row is held back rather than the platform's assessment reverted (issue 10.2) ...
    assert (report.rows.held, report.entities["IRM assessments"].updated) == (1, 0)
    assert Assessment.objects.get(pk=assessment.pk).completion != was
    # ... until staff let the file win for it.
    report = import_ogp_csv(SYSTEM, sample_bytes, file_wins=True)
    assert report.entities["IRM assessments"].updated == 1
    assert Assessment.objects.get(pk=assessment.pk).completion == was


def test_a_changed_row_is_read_in_full_and_others_stay_skipped(sample_bytes):
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    changed = edit(sample_bytes, "AL0003", "Lead Institution", "Ministry of Innovation")
    report = import_ogp_csv(SYSTEM, changed, filename="changed.csv")
    assert (report.rows.updated, report.rows.unchanged) == (1, 258)
    assert Commitment.objects.get(ogp_id="AL0003").lead_institution == "Ministry of Innovation"
    assert CommitmentRecord.objects.get(commitment__ogp_id="AL0003").history.count() == 1  # record cells same


def test_a_member_change_in_unchanged_rows_is_still_applied(sample_bytes):
    """Skipped rows still carry their member and plan: a renamed member in the database is renamed back."""
    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    Member.objects.filter(ogp_code="AL").update(name="Shqipëria")
    report = import_ogp_csv(SYSTEM, sample_bytes)
    assert report.entities["members"].updated == 1 and report.rows.unchanged == 259
    assert Member.objects.get(ogp_code="AL").name == "Albania"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("a,b\r\n1,2\r\n3,4\r\n", 2),
        ("a,b\r\n1,2\r\n3,4", 2),
        ('a,b\r\n"multi\r\nline, with ""quotes""",2\r\n3,4\r\n', 2),
        ("a,b\r\n", 0),
    ],
)
def test_records_are_counted_without_parsing(text, count):
    from opengov.opendata.importers.ogp_csv import count_records

    assert count_records(text) == count
    assert count == len(rows_of(text.encode())) - 1


def test_an_edit_saved_during_the_import_is_not_overwritten(sample_bytes, support_unit):
    """The import compares, then writes; a platform edit saved in between makes it write nothing."""
    from opengov.plans.actions import update_commitment

    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    changed = edit(sample_bytes, "AL0002", "Commitment Title", "e-Acts (from OGP)")
    commitment = Commitment.objects.get(ogp_id="AL0002")
    edited = []

    def progress(done: int, total: int) -> None:
        # Called once the commitments are compared and before they are written: an editor saves now.
        if done > total // 2 and not edited:
            update_commitment(support_unit, commitment, {"title": "Edited meanwhile"}, commitment.version)
            edited.append(True)

    report = import_ogp_csv(SYSTEM, changed, filename="changed.csv", progress=progress)
    assert edited and not report.applied
    assert "edited on the platform during the import" in report.summary()
    # The edit ran on the import's own connection here, so the rollback undid it too; an editor's edit
    # commits in its own transaction. What matters: the import's value was not written over it.
    assert Commitment.objects.get(ogp_id="AL0002").title != "e-Acts (from OGP)"


@pytest.mark.django_db(transaction=True)
def test_imports_run_one_at_a_time(sample_bytes):
    """A second import waits for the first (PostgreSQL advisory lock), then finds everything unchanged."""
    import threading
    import zlib

    from django.db import connection, connections

    from opengov.opendata.importers.ogp_csv import LOCK

    if connection.vendor != "postgresql":
        pytest.skip("the lock is PostgreSQL's; SQLite serialises writers itself")
    from opengov.plans.models import PolicyArea
    from opengov.plans.taxonomy import seed

    seed(PolicyArea)  # transactional tests start from flushed tables
    results = []

    def second_import() -> None:
        try:
            results.append(import_ogp_csv(SYSTEM, sample_bytes, filename="second.csv"))
        finally:
            connections.close_all()

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [zlib.crc32(LOCK.encode())])  # an import under way
    waiting = threading.Thread(target=second_import)
    waiting.start()
    waiting.join(timeout=1.5)
    assert waiting.is_alive() and not results  # it waits
    first = import_ogp_csv(SYSTEM, sample_bytes, filename="first.csv")  # session locks nest in one session
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [zlib.crc32(LOCK.encode())])
    waiting.join(timeout=60)
    assert not waiting.is_alive()
    assert first.rows.created == 259
    assert (results[0].rows.created, results[0].rows.unchanged) == (0, 259)


def test_dates_keep_their_precision_on_the_commitment(sample_bytes):
    from opengov.plans.dates import DatePrecision

    import_ogp_csv(SYSTEM, sample_bytes, filename="sample.csv")
    greek = Commitment.objects.get(ogp_id="GR0025")  # "July 2014" - "June 2016"
    assert (greek.start_date_precision, greek.end_date_precision) == (DatePrecision.MONTH, DatePrecision.MONTH)
    assert greek.start_date_display == "July 2014"
    jordan = Commitment.objects.get(ogp_id="JO0042")  # "Quarter 1 2014" - "Quarter 4 2016"
    assert jordan.end_date_display == "Q4 2016" and jordan.end_date_precision == DatePrecision.QUARTER
    assert Commitment.objects.get(ogp_id="GE0020").end_date_display == "Spring 2015"
    underway = Commitment.objects.get(ogp_id="HR0044")  # "Underway": no date, kept as text on the record
    assert underway.start_date is None and underway.start_date_precision == DatePrecision.DAY
