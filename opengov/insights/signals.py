"""Cache invalidation and warming only: a change to the data under the indicators bumps the insights data version.

indicators.data_version already sees new rows and edits that write history; this catches the rest (bulk
updates through .save() on rows without history). No business rule lives here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save


def _bump(sender: Any, **kwargs: Any) -> None:
    from .indicators import bump_version

    if _is_public(sender, kwargs.get("instance")):
        bump_version()


def _is_public(sender: Any, instance: Any) -> bool:
    """IRM drafts are not under the indicators: saving one must not move the version of a public cache (the
    slower pages after it would tell anyone that drafts are being edited). Published is a final state."""
    from opengov.irm.models import Assessment, Report
    from opengov.irm.workflow import ReportState

    if sender is Report:
        return instance is None or instance.state == ReportState.PUBLISHED
    if sender is Assessment:
        return instance is None or Report.objects.filter(pk=instance.report_id, state=ReportState.PUBLISHED).exists()
    return True


def _warm_after_import(sender: Any, **kwargs: Any) -> None:
    """An upload job changed data: compute the numbers into the cache now (a task), not in a visitor's request."""
    from .tasks import warm_insights_task

    warm_insights_task.enqueue()


def connect() -> None:
    from opengov.opendata.signals import data_imported

    data_imported.connect(_warm_after_import, dispatch_uid="insights-warm-after-import")
    from opengov.cocreation.models import Contribution, Document, Forum, Meeting, Response, StandardAssessment
    from opengov.irm.models import Assessment, Report
    from opengov.members.models import EligibilityScore, Member
    from opengov.plans.models import ActionPlan, Commitment

    models: tuple[type[Model], ...] = (
        Commitment,
        ActionPlan,
        Member,
        EligibilityScore,
        Assessment,
        Report,
        Contribution,
        Response,
    )
    # The co-creation checklist (co-creation compliance) also reads forums, meetings, documents and findings.
    models += (Forum, Meeting, Document, StandardAssessment)
    # Carried forward also reads OGP's mark on the imported record (insights reads opendata, never writes it).
    from opengov.opendata.models import CommitmentRecord

    models += (CommitmentRecord,)
    for model in models:
        post_save.connect(_bump, sender=model, dispatch_uid=f"insights-bump-{model._meta.label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"insights-bump-del-{model._meta.label}")
