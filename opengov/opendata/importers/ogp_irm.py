"""IRM reports and assessments from OGP's commitments database (part of the bulk import path).

Which report a column belongs to depends on the plan's era (DOMAIN.md 3.1), decided by the plan's
``Year Of Submission``:

- plans submitted before 2020 (legacy model): the "Progress Report" columns are the mid-term
  **Progress Report** (specificity, verifiability, relevance per value and the lens, potential impact,
  completion at mid-term, compound, cluster); the "End Of Term" columns are the **End-of-Term Report**
  (completion at end of term, change in completion, early results, "Did it open government?" overall and
  per value). The End-of-Term assessment repeats the design indicators so its stars can be computed
  (irm/stars.py reads one assessment).
- plans submitted from 2020 (current model): the same two column sets are the **Action Plan Review**
  (verifiability, relevance, potential for results, compound, cluster flag and ids) and the **Results
  Report** (completion, early results, DIOG).

A report is created when its publication-year column holds a year (``NR``/``ND`` there: no report, the
cells stay on the OGP record). Imported reports are ``published`` (they are OGP's published data).
Labels become the irm scale slugs; null codes stay ``NA``/``ND``/``NR``; an empty cell stays "".
The star columns are checked against irm.stars and disagreements reported as warnings.
"""

from __future__ import annotations

from typing import Any

from simple_history.utils import bulk_update_with_history

from opengov.core.concurrency import lock_versions
from opengov.irm import scales
from opengov.irm.models import Assessment, Product, Report
from opengov.irm.stars import stars_of
from opengov.irm.workflow import ReportState

from ..parsing import null_code
from .base import Issue
from .fast import insert_instances, insert_rows

NEW_MODEL_FROM = 2020
CHUNK = 5000

DESIGN = {
    "compound": "Compound",
    "specificity": "Specificity",
    "verifiable": "Verifiable",
    "relevance_access_to_information": "OGP Value Access To Information",
    "relevance_civic_participation": "OGP Value Civic Participation",
    "relevance_public_accountability": "OGP Value Public Accountability",
    "relevance_technology": "OGP Value Technology",
    "relevant": "_Relevant",
    "potential_impact": "Potential Impact",
    "potential_for_results": "Potential for Results",
}
MIDTERM = {**DESIGN, "completion": "Completion (Progress Report)"}
END = {
    "completion": "Completion (End Of Term)",
    "change_in_completion": "Change In Completion",
    "early_results": "Early Results",
    "diog_overall": "Did It Open Government (Overall)",
    "diog_access_to_information": "Did It Open Government (Access To Information)",
    "diog_civic_participation": "Did It Open Government (Civic Participation)",
    "diog_public_accountability": "Did It Open Government: Public Accountability",
}
PROGRESS_YEAR = "Report Publication Year (Progress Report)"
END_YEAR = "Report Publication Year (End Of Term)"
# (product, publication-year column, indicator -> column) for each era.
LEGACY = ((Product.PROGRESS_REPORT, PROGRESS_YEAR, MIDTERM), (Product.END_OF_TERM_REPORT, END_YEAR, {**DESIGN, **END}))
CURRENT = ((Product.ACTION_PLAN_REVIEW, PROGRESS_YEAR, MIDTERM), (Product.RESULTS_REPORT, END_YEAR, {**DESIGN, **END}))
STAR_CHECKS: dict[str, tuple[tuple[str, str], ...]] = {
    Product.PROGRESS_REPORT: (
        ("Starred (2015 Only)", "formula_2014"),
        ("Starred (Current Formula) Progress Report", "current"),
    ),
    Product.END_OF_TERM_REPORT: (("Starred (Current Formula) End of Term", "current"),),
}
ALIASES = {"worsens": "worsened", "1": "yes", "0": "no"}


_SLUGS: dict[tuple[str, str], str | None] = {}


def slug_for(indicator: str, cell: str) -> str | None:
    """The stored value of a cell for an indicator: a scale slug, a null code, "" — or None if stray.
    Cached: a large file repeats the same few labels (and reading lazy labels costs a translation)."""
    key = (indicator, cell)
    if key not in _SLUGS:
        _SLUGS[key] = _slug_for(indicator, cell)
    return _SLUGS[key]


def _slug_for(indicator: str, cell: str) -> str | None:
    code = null_code(cell)
    if code is not None:
        return code
    scale = scales.INDICATOR_SCALES[indicator]
    wanted = cell.strip().lower()
    wanted = ALIASES.get(wanted, wanted)
    for value, label in scale.choices:
        if wanted in (value, str(label).lower(), value.replace("_", " ")):
            return value
    return None


def era_products(start_year: int) -> tuple[tuple[str, str, dict[str, str]], ...]:
    return CURRENT if start_year >= NEW_MODEL_FROM else LEGACY


def sync_assessments(importer: Any, rows: list[Any]) -> None:
    """The IRM reports and assessments of rows whose commitments are written (``row.commitment_pk``)."""
    from .ogp_records import Snapshot

    counts = importer.report.entity("IRM assessments")
    report_counts = importer.report.entity("IRM reports")
    plan_ids = {row.plan_pk for row in rows}
    reports = {(r.action_plan_id, r.product): r for r in Report.objects.filter(action_plan_id__in=plan_ids)}
    existing: dict[tuple[int, int], Snapshot[Assessment]] = {}
    if not importer.empty:
        pks = [row.commitment_pk for row in rows]
        for start in range(0, len(pks), CHUNK):
            queryset = Assessment.objects.filter(commitment_id__in=pks[start : start + CHUNK])
            existing.update(((a.report_id, a.commitment_id), a) for a in Snapshot.read(Assessment, queryset))
    new_reports: list[Report] = []
    changed_reports: list[Report] = []
    wanted: list[tuple[Any, int, dict[str, str]]] = []
    for row in rows:
        cells = row.record["cells"]
        for product, year_column, columns in era_products(row.plan.start_year):
            year = cells[year_column].strip()
            if not year.isdigit():
                continue
            key = (row.plan_pk, product)
            report = reports.get(key)
            if report is None:
                report = Report(
                    action_plan_id=row.plan_pk,
                    product=product,
                    state=ReportState.PUBLISHED,
                    publication_year=int(year),
                )
                reports[key] = report
                new_reports.append(report)
            elif report.publication_year is None:
                report.publication_year = int(year)
                changed_reports.append(report)
            values: dict[str, str] = {}
            for indicator, column in columns.items():
                value = slug_for(indicator, cells.get(column, ""))
                if value is None:
                    continue  # a stray label, reported by the cell checks; the cell stays on the OGP record
                values[indicator] = value
            if product == Product.ACTION_PLAN_REVIEW or product == Product.PROGRESS_REPORT:
                cluster = cells.get("Cluster", row.fields.get("cluster", ""))
                values["cluster_label"] = row.fields.get("cluster", "")[:200] if null_code(cluster) is None else ""
            ids = cells.get("Cluster Commitment ID(s)", "")
            values["cluster_commitment_ids"] = "" if null_code(ids) is not None else ids[:500]
            wanted.append((report, row.commitment_pk, values))
            _check_stars(importer, row, product, values)
    report_counts.created += len(new_reports)
    report_counts.updated += len(changed_reports)
    insert_instances(Report, new_reports, importer.stamp)
    if changed_reports:
        bulk_update_with_history(changed_reports, Report, ["publication_year"], batch_size=1000, **importer.history())
    new: list[dict[str, Any]] = []
    changed: list[Assessment] = []
    fields: set[str] = set()
    for report, commitment_pk, values in wanted:
        assessment = existing.get((report.pk, commitment_pk))
        if assessment is None:
            new.append({"report_id": report.pk, "commitment_id": commitment_pk, **values})
            continue
        diff = [name for name, value in values.items() if getattr(assessment, name) != value]
        if diff:
            instance = assessment.instance()
            for name in diff:
                setattr(instance, name, values[name])
            instance.version += 1
            changed.append(instance)
            fields.update(diff)
        else:
            counts.unchanged += 1
    counts.created += len(new)
    counts.updated += len(changed)
    insert_rows(Assessment, new, importer.stamp)
    if changed:
        lock_versions(Assessment, {a.pk: a.version - 1 for a in changed})
        bulk_update_with_history(changed, Assessment, [*fields, "version"], batch_size=1000, **importer.history())


def _check_stars(importer: Any, row: Any, product: str, values: dict[str, str]) -> None:
    """OGP's star columns against irm.stars; a disagreement is reported, the cell is kept as given."""
    cells = row.record["cells"]
    if not any(k in values for k in ("specificity", "verifiable")):
        return
    stars = stars_of(_Inputs(values))
    for column, formula in STAR_CHECKS.get(product, ()):
        cell = cells[column].strip()
        if cell not in ("0", "1"):
            continue
        if (cell == "1") != getattr(stars, formula):
            importer.report.issues.append(
                Issue(row.line, column, cell, f"irm.stars computes {int(getattr(stars, formula))}", "warning", row.key)
            )


class _Inputs:
    def __init__(self, values: dict[str, str]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> str:
        return ""
