"""Issue 10.2-10.4 on the OGP import: no partial writes, summaries that agree, stale files held back, real OGP
member codes (UK, Kosovo, locals), spreadsheet serial dates, null codes kept in every column."""

from __future__ import annotations

import pytest

from opengov.members.models import Member
from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv
from opengov.plans.models import ActionPlan, Commitment

from .test_import_ogp import edit, rows_of, to_bytes

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
