"""Statistics pages: charts with their numbers as tables and CSV (the insights conventions), the leaderboard."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from opengov.core.formula_injection import neutralise

from .. import stats
from ..models import Edition


def _year(request: HttpRequest, editions: list[Edition]) -> int | None:
    try:
        year = int(request.GET.get("edition", ""))
    except ValueError:
        return None
    return year if any(e.year == year for e in editions) else None


def statistics(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.all())
    year = _year(request, editions)
    numbers = stats.compute(year)
    charts = []
    for breakdown in numbers["breakdowns"]:
        chart = stats.chart_for(breakdown, year)
        chart.csv_url = reverse("events:statistics-csv", kwargs={"key": breakdown.key}) + (
            f"?edition={year}" if year else ""
        )
        charts.append(chart)
    context = {
        "nav": "events",
        "editions": editions,
        "year": year,
        "totals": numbers["totals"],
        "charts": charts,
        "leaderboard": numbers["leaderboard"],
    }
    return render(request, "events/statistics.html", context)


def statistics_csv(request: HttpRequest, key: str) -> HttpResponse:
    editions = list(Edition.objects.all())
    year = _year(request, editions)
    if key == "leaderboard":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["rank", "country_code", "country", "events", "organisers", "editions"])
        for rank, row in enumerate(stats.compute(year)["leaderboard"], start=1):
            writer.writerow(
                [rank, row["code"], neutralise(row["name"]), row["events"], row["organisers"], row["editions"]]
            )
        body = out.getvalue()
    else:
        breakdown = next((b for b in stats.compute(year)["breakdowns"] if b.key == key), None)
        if breakdown is None:
            raise Http404
        body = stats.chart_for(breakdown, year).csv()
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="open-gov-week-{year or "all"}-{key}.csv"'
    return response
