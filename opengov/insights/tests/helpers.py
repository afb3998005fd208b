"""Test data for insights: IRM assessments written directly (the IRM's own actions are tested in irm/)."""

from __future__ import annotations

from typing import Any

from opengov.irm.models import Assessment, Product, Report
from opengov.irm.workflow import ReportState


def assess(commitment: Any, product: str = Product.PROGRESS_REPORT, state: str = ReportState.PUBLISHED, **values: Any):
    """An assessment of ``commitment`` in its plan's report of ``product`` (created if needed)."""
    report, _ = Report.objects.get_or_create(
        action_plan=commitment.action_plan, product=product, defaults={"state": state, "publication_year": 2020}
    )
    return Assessment.objects.create(report=report, commitment=commitment, **values)
