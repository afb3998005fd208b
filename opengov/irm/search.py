"""IRM reports in site-wide search: reports the public may read (published, or open for public comment),
with the analysis of their commitment assessments. Drafts are never indexed."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register

from .models import Assessment, Report
from .workflow import PUBLIC_STATES


def _document(report: Report) -> Document:
    findings = [f"{a.commitment.ogp_id} {a.commitment.title}\n{a.narrative}" for a in report.assessments.all()]
    return Document(
        title=str(report.name),
        body=[report.summary, *findings],
        member=report.action_plan.member,
        year=report.publication_year or report.action_plan.start_year,
    )


register(
    Searchable(
        kind="irmreport",
        label=_("IRM reports"),
        model=Report,
        public=lambda: (
            Report.objects.filter(state__in=PUBLIC_STATES)
            .select_related("action_plan__member")
            .prefetch_related(Prefetch("assessments", queryset=Assessment.objects.select_related("commitment")))
        ),
        document=_document,
        watch=[Watch(Report, lambda r: [r.pk]), Watch(Assessment, lambda a: [a.report_id])],
        boost=1.5,
    )
)
