"""Insights pages: thin views over indicators.py, snapshot.py and charts.py."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from opengov.core.csp import allow_own_styles
from opengov.members.models import Member

from . import actions, indicators
from .charts import Chart, Series, bar_chart, line_chart
from .forms import EditionForm, FiltersForm, ThirdPartyImportForm
from .indicators import DIMENSIONS, TREND_DIMENSIONS, Filters
from .models import Edition
from .snapshot import ThirdPartyFigure, snapshot_for
from .thirdparty import ThirdPartyImportError

OVERVIEW_CHARTS = (
    ("commitments", "region"),
    ("commitments", "year"),
    ("high-completion", "region"),
    ("strong-results", "region"),
)


FILTER_FIELDS = ("region", "kind", "member", "policy_area", "year", "cycle")
ALWAYS = ("region", "kind", "member")  # every indicator can be narrowed to members


def _get_indicator(key: str) -> indicators.Indicator:
    try:
        return indicators.get(key)
    except KeyError:
        raise Http404(_("No such indicator.")) from None


def overview(request: HttpRequest) -> HttpResponse:
    version = indicators.data_version()
    results = indicators.compute_many(indicators.REGISTRY, Filters(), (), version)
    # The charts' breakdowns, one compute_many per dimension (shares of a family share their queries).
    by_dim = {
        dim: indicators.compute_many([k for k, d in OVERVIEW_CHARTS if d == dim], Filters(), (dim,), version)
        for dim in dict.fromkeys(d for _k, d in OVERVIEW_CHARTS)
    }
    charts = []
    for key, dim in OVERVIEW_CHARTS:
        indicator = indicators.get(key)
        rows = by_dim[dim][key].breakdown.get(dim, [])
        chart = bar_chart(indicator, rows, f"{key}-by-{dim}", str(DIMENSIONS[dim].title))
        chart.title = _("%(indicator)s by %(dimension)s") % {
            "indicator": indicator.title,
            "dimension": str(DIMENSIONS[dim].title).lower(),
        }
        chart.csv_url = f"{indicator_url(key)}data.csv?breakdown={dim}"
        charts.append(chart)
    cards = [(indicators.get(key), result) for key, result in results.items()]
    return render(request, "insights/overview.html", {"cards": cards, "charts": charts, "nav": "insights"})


def indicator_url(key: str) -> str:
    from django.urls import reverse

    return reverse("insights:indicator", kwargs={"key": key})


def _charts_for(
    indicator: indicators.Indicator, filters: Filters, version: str, query: str
) -> tuple[list[Chart], indicators.Result]:
    """The indicator's trend and breakdown charts for the filters (all from compute_cached Results)."""
    breakdowns = [d for d in indicator.dimensions if d not in TREND_DIMENSIONS and d != "member"]
    # A trend is the breakdown by year or cycle without a filter on that dimension: when the page has none, it
    # comes with the other breakdowns (one total query for the page instead of one per trend).
    along = [by for by in TREND_DIMENSIONS if by in indicator.dimensions and filters.without(by) == filters]
    result = indicators.compute_cached(indicator, filters, (*breakdowns, "member", *along), version)
    charts = []
    for by, title in TREND_DIMENSIONS.items():
        if by not in indicator.dimensions:
            continue
        rows = result.breakdown.get(by, []) if by in along else indicators.trend(indicator, filters, by, version)
        chart = line_chart(indicator, [Series(str(indicator.title), rows)], f"trend-{by}", str(title))
        chart.title = _("%(indicator)s by %(dimension)s") % {
            "indicator": indicator.title,
            "dimension": str(title).lower(),
        }
        chart.csv_url = f"data.csv?breakdown={by}{query}"
        charts.append(chart)
    for dim in breakdowns:
        chart = bar_chart(indicator, result.breakdown.get(dim, []), f"by-{dim}", str(DIMENSIONS[dim].title))
        chart.title = _("%(indicator)s by %(dimension)s") % {
            "indicator": indicator.title,
            "dimension": str(DIMENSIONS[dim].title).lower(),
        }
        chart.csv_url = f"data.csv?breakdown={dim}{query}"
        charts.append(chart)
    return charts, result


def indicator(request: HttpRequest, key: str) -> HttpResponse:
    indicator = _get_indicator(key)
    form = FiltersForm(request.GET or None)
    filters = form.filters() if form.is_valid() else Filters()
    version = indicators.data_version()
    query = "&" + urlencode(filters.applied()) if filters.applied() else ""
    charts, result = _charts_for(indicator, filters, version, query)
    comparison = None
    if filters.member:
        member = Member.objects.filter(slug=filters.member).first()
        if member is not None and "year" in indicator.dimensions:
            series = [
                Series(member.name, indicators.trend(indicator, Filters(member=member.slug), "year", version)),
                Series(
                    str(member.get_region_display()),
                    indicators.trend(indicator, Filters(region=member.region), "year", version),
                ),
                Series(_("World"), indicators.trend(indicator, Filters(), "year", version)),
            ]
            comparison = line_chart(indicator, series, "comparison", str(TREND_DIMENSIONS["year"]))
            comparison.title = _("%(member)s compared with its region and the world") % {"member": member.name}
    context = {
        "indicator": indicator,
        "result": result,
        "form": form,
        "filter_fields": [form[name] for name in FILTER_FIELDS if name in indicator.dimensions or name in ALWAYS],
        "charts": charts,
        "comparison": comparison,
        "member_rows": result.breakdown.get("member", []),
        "nav": "insights",
    }
    return render(request, "insights/indicator.html", context)


def indicator_csv(request: HttpRequest, key: str) -> HttpResponse:
    """The numbers of one chart as CSV: the same Result rows as the chart and its table."""
    indicator = _get_indicator(key)
    form = FiltersForm(request.GET or None)
    filters = form.filters() if form.is_valid() else Filters()
    by = request.GET.get("breakdown", "")
    if by not in indicator.dimensions:
        raise Http404(_("No such breakdown for this indicator."))
    if by in TREND_DIMENSIONS:
        rows = indicators.trend(indicator, filters, by)
    else:
        rows = indicators.compute_cached(indicator, filters, (by,)).breakdown.get(by, [])
    chart = bar_chart(indicator, rows, f"by-{by}", str(DIMENSIONS[by].title) if by in DIMENSIONS else by)
    response = HttpResponse(chart.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(indicator.key)}-by-{by}.csv"'
    return response


def member_snapshot(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(Member, slug=slug)
    snapshot = snapshot_for(member)
    charts = []
    for i, figure in enumerate(snapshot.third_party):
        if len(figure.history) > 1:
            charts.append(third_party_chart(figure, f"third-party-{i}"))
    return render(
        request,
        "insights/member.html",
        {"snapshot": snapshot, "member": member, "third_party_charts": charts, "nav": "insights"},
    )


def third_party_chart(figure: ThirdPartyFigure, chart_id: str) -> Chart:
    pseudo = indicators.Indicator(
        key="third-party",
        title=figure.indicator,
        definition=figure.source,
        formula="",
        denominator_text="",
        unit="count",
        compute_fn=lambda f, b: indicators.Result(None, None, None),
    )
    rows = [indicators.Row(str(year), str(year), value, None, None) for year, value in figure.history]
    chart = line_chart(pseudo, [Series(figure.indicator, rows)], chart_id, _("Year"))
    chart.title = _("%(indicator)s (source: %(source)s)") % {"indicator": figure.indicator, "source": figure.source}
    return chart


# --- Global Report ---------------------------------------------------------------------------------------------------


def global_report(request: HttpRequest) -> HttpResponse:
    can_add = request.user.has_perm("insights.add_edition")
    form = None
    if can_add:
        form = EditionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            edition = actions.create_edition(request.user, **form.cleaned_data)
            messages.success(request, _("Edition created. Generate it when you are ready."))
            return redirect(edition)
    elif request.method == "POST":
        raise PermissionDenied
    editions = Edition.objects.select_related("created_by")
    if not can_add:
        editions = editions.exclude(pdf_file="")
    return render(
        request,
        "insights/global_report.html",
        {"editions": editions, "form": form, "can_add": can_add, "nav": "insights"},
    )


def edition(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Edition, pk=pk)
    can_generate = request.user.has_perm("insights.generate_edition", item)
    if not item.html_file and not can_generate:
        raise Http404(_("This edition is not published yet."))
    return render(request, "insights/edition.html", {"edition": item, "can_generate": can_generate, "nav": "insights"})


@login_required
@require_POST
def edition_generate(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Edition, pk=pk)
    actions.generate_edition(request.user, item)
    messages.success(request, _("Generation started. This page shows its progress."))
    return redirect(item)


def edition_file(request: HttpRequest, pk: int, kind: str) -> HttpResponseBase:
    item = get_object_or_404(Edition, pk=pk)
    file = item.pdf_file if kind == "pdf" else item.html_file
    if not file:
        raise Http404(_("This file has not been generated yet."))
    name = f"{slugify(item.title) or 'global-report'}.{kind}"
    if kind == "pdf":
        return FileResponse(file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")
    with file.open("rb") as stored:
        html = stored.read()
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    disposition = content_disposition_header(False, name)
    assert disposition is not None  # None only without a file name
    response["Content-Disposition"] = disposition
    # The report is one self-contained file (it is also downloaded and archived): its <style> stays inline and is
    # allowed by hash, so the Content-Security-Policy still refuses any other inline style.
    return allow_own_styles(response, html)


@login_required
def third_party_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("insights.import_third_party"):
        raise PermissionDenied
    form = ThirdPartyImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            try:
                dataset = actions.import_third_party(
                    request.user,
                    text,
                    source=form.cleaned_data["source"],
                    licence=form.cleaned_data["licence"],
                    source_url=form.cleaned_data["source_url"],
                    file_name=upload.name,
                )
            except ThirdPartyImportError as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    ngettext(
                        "Imported %(count)s value from %(source)s.",
                        "Imported %(count)s values from %(source)s.",
                        dataset.values.count(),
                    )
                    % {"count": dataset.values.count(), "source": dataset.source},
                )
                return redirect("insights:third-party-import")
    return render(request, "insights/third_party_import.html", {"form": form, "errors": errors, "nav": "insights"})
