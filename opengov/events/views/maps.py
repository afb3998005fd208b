"""The world map: a page (Leaflet, with a list fallback) and the clustering endpoint it calls on every move."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .. import filters, mapdata, worldmap
from ..feeds import feed_links


def tile_settings() -> dict[str, str]:
    return {"tile_url": settings.EVENTS_MAP_TILE_URL, "tile_attribution": settings.EVENTS_MAP_TILE_ATTRIBUTION}


FIRST_VIEW = mapdata.Box(-180.0, -60.0, 180.0, 80.0)
FIRST_ZOOM = 2


def map_page(request: HttpRequest) -> HttpResponse:
    form = filters.EventFilterForm(request.GET)
    values = form.values()
    first = mapdata.clusters(values, FIRST_VIEW, FIRST_ZOOM)  # drawn at once, no second round trip
    context = {
        "nav": "events",
        "form": form,
        "first": first,
        "query": filters.canonical_query(values),
        "described": filters.describe(values),
        "feeds": feed_links(request, values),
        "first_zoom": FIRST_ZOOM,
        **tile_settings(),
    }
    return render(request, "events/map.html", context)


@require_GET
def clusters(request: HttpRequest) -> JsonResponse:
    try:
        box = mapdata.Box.parse(request.GET.get("bbox", ""))
        zoom = int(request.GET.get("zoom", ""))
    except ValueError:
        return JsonResponse({"error": _("Give bbox=west,south,east,north in degrees and zoom=0 to 18.")}, status=400)
    if not 0 <= zoom <= mapdata.MAX_ZOOM:
        return JsonResponse({"error": _("zoom must be between 0 and 18.")}, status=400)
    values = filters.EventFilterForm(request.GET).values()
    response = JsonResponse(mapdata.clusters(values, box, zoom))
    response["Cache-Control"] = "public, max-age=60"
    return response


@cache_control(public=True, max_age=7 * 24 * 3600)
def world(request: HttpRequest) -> HttpResponse:
    """Country outlines (GeoJSON) for the offline base layer."""
    return HttpResponse(json.dumps(worldmap.outlines(), separators=(",", ":")), content_type="application/geo+json")
