"""The search page: results with highlighted matches, facets as links, pages; works without JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import SearchForm
from .query import FACETS, Results, search


def facet_links(request: HttpRequest, results: Results) -> dict[str, list[dict[str, object]]]:
    """Each facet value with the URL that applies it (or removes it when it is already applied)."""
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    names = {"kind": "kind", "member": "member", "region": "region", "area": "area", "year": "year"}
    out: dict[str, list[dict[str, object]]] = {}
    for facet in FACETS:
        key = names[facet]
        links = []
        for value in results.facets.get(facet, []):
            selected = params.get(key) == value.value
            new = dict(params)
            if selected:
                new.pop(key)
            else:
                new[key] = value.value
            links.append({"value": value, "selected": selected, "url": "?" + urlencode(new)})
        out[facet] = links
    return out


def page_url(request: HttpRequest, page: int) -> str:
    params = {k: v for k, v in request.GET.items() if v}
    params["page"] = str(page)
    return "?" + urlencode(params)


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    links: dict[str, list[dict[str, object]]] = {}
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = search(form.cleaned_data["q"], form.filters(), form.cleaned_data.get("page") or 1)
        links = facet_links(request, results)
    context = {
        "form": form,
        "results": results,
        "facets": links,
        "previous_url": page_url(request, results.page - 1) if results and results.has_previous else "",
        "next_url": page_url(request, results.page + 1) if results and results.has_next else "",
        "nav": "search",
    }
    return render(request, "search/results.html", context, status=400 if form.errors else 200)
