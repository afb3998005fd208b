"""The Global Report: one HTML document (contents, global results, a chapter per top-level policy area, a
comparative page per member), printed to an A4 PDF by WeasyPrint from the same HTML.

Numbers come from indicators.py through the cache (one data version for the whole edition, so every page of
an edition describes the same data). Member pages come from snapshot.snapshots_for: grouped queries, not one
round of queries per member. Charts are the same Vega-Lite SVGs as the site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opengov.members.models import Member
from opengov.plans.models import PolicyArea

from . import indicators
from .charts import Series, bar_chart, line_chart
from .indicators import DIMENSIONS, Filters
from .models import Edition, EditionState
from .similarity import strongest_in_area
from .snapshot import FOCUS_RULE, INFLUENCE_RULE, PERFORMANCE_KEYS, snapshots_for

Progress = Callable[[int, str], None]
GLOBAL_KEYS = (
    "commitments",
    *PERFORMANCE_KEYS,
    "carried-forward",
    "public-influence",
    "members",
    "eligible-members",
)
CHAPTER_KEYS = ("commitments", *PERFORMANCE_KEYS)
REGION_CHART_KEYS = ("commitments", "high-completion", "strong-results", "starred")


def _no_progress(percent: int, message: str) -> None:
    return None


def build_context(edition: Edition, progress: Progress = _no_progress) -> dict[str, Any]:
    version = indicators.data_version()
    progress(5, _("Computing global results"))
    world = indicators.compute_many(GLOBAL_KEYS, Filters(), (), version)
    charts = []
    by_region = indicators.compute_many(REGION_CHART_KEYS, Filters(), ("region",), version)
    for key in REGION_CHART_KEYS:
        indicator = indicators.get(key)
        rows = by_region[key].breakdown.get("region", [])
        chart = bar_chart(indicator, rows, f"report-{key}-region", str(DIMENSIONS["region"].title))
        chart.title = _("%(indicator)s by region") % {"indicator": indicator.title}
        charts.append(chart)
    commitments = indicators.get("commitments")
    years = indicators.trend(commitments, Filters(), "year", version)
    chart = line_chart(commitments, [Series(str(commitments.title), years)], "report-commitments-year", _("Year"))
    chart.title = _("Commitments by submission year")
    charts.append(chart)

    progress(15, _("Writing the policy-area chapters"))
    chapters = []
    for area in PolicyArea.objects.top_level().order_by("position"):
        results = indicators.compute_many(CHAPTER_KEYS, Filters(policy_area=area.slug), (), version)
        if not results["commitments"].value:
            continue
        chapters.append(
            {
                "area": area,
                "results": [(indicators.get(k), r, world.get(k)) for k, r in results.items()],
                "examples": strongest_in_area(area, 5),
            }
        )

    progress(30, _("Writing the member pages"))
    members = list(Member.objects.order_by("name"))
    snapshots = snapshots_for(members, version)
    progress(55, _("Laying out the report"))
    return {
        "edition": edition,
        "world": [(indicators.get(k), world[k]) for k in GLOBAL_KEYS],
        "charts": charts,
        "chapters": chapters,
        "snapshots": snapshots,
        "generated_at": timezone.now(),
        "data_version": version,
        "focus_rule": FOCUS_RULE,
        "influence_rule": INFLUENCE_RULE,
    }


def render_html(context: dict[str, Any]) -> str:
    return render_to_string("insights/report/report.html", {**context, "open_tables": True})


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=".").write_pdf()  # weasyprint is untyped: with no target, the bytes
    return pdf


def generate(edition: Edition, progress: Progress = _no_progress, language: str = "en") -> Edition:
    """Build the edition's HTML and PDF and keep both through the storage API."""
    with translation.override(language):
        context = build_context(edition, progress)
        html = render_html(context)
        edition.html_file.save(f"edition-{edition.pk}-{edition.year}.html", ContentFile(html.encode()), save=False)
        Edition.objects.filter(pk=edition.pk).update(html_file=edition.html_file.name)
        progress(65, _("Printing the PDF"))
        pdf = render_pdf(html)
        edition.pdf_file.save(f"edition-{edition.pk}-{edition.year}.pdf", ContentFile(pdf), save=False)
        edition.state = EditionState.READY
        edition.progress = 100
        edition.progress_message = ""  # the state says it; the message is the step of a running job
        edition.generated_at = timezone.now()
        edition.save(update_fields=["html_file", "pdf_file", "state", "progress", "progress_message", "generated_at"])
    return edition
