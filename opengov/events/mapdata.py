"""The map's data: clusters computed by the database for a bounding box and zoom, never the whole list
(EU Code Week sent 2 MB for 6,000 events and had to switch its map off, PEERS.md).

The world is cut into square cells of ``360 / 2**zoom / CELLS_PER_TILE`` degrees (about 64 pixels at that zoom);
one GROUP BY over the box returns each cell's count and mean position. Cells holding one event come back as the
event itself (title and link) in one more query. The box is widened to whole cells, so neighbouring requests share
cached answers; the cache key carries the events' data version (caching.py), bumped whenever an event changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, F, FloatField, Min, Q
from django.db.models.functions import Cast, Floor

from . import filters
from .caching import versioned
from .models import Event

CELLS_PER_TILE = 4
MAX_ZOOM = 18


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> Box:
        """``west,south,east,north`` in degrees; ValueError when malformed. Longitudes are wrapped into -180..180;
        a box wider than the world is the world."""
        parts = [float(p) for p in text.split(",")]
        if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
            raise ValueError("bbox needs four numbers")
        west, south, east, north = parts
        if south > north:
            raise ValueError("south is above north")
        south, north = max(-90.0, south), min(90.0, north)
        if east - west >= 360:
            return cls(-180.0, south, 180.0, north)
        return cls(_wrap(west), south, _wrap(east), north)

    def snapped(self, cell: float) -> Box:
        """Widened to whole cells (so nearby boxes ask the same question)."""
        west = max(-180.0, math.floor(self.west / cell) * cell)
        east = min(180.0, math.ceil(self.east / cell) * cell)
        south = max(-90.0, math.floor(self.south / cell) * cell)
        north = min(90.0, math.ceil(self.north / cell) * cell)
        return Box(west, south, east, north)

    def condition(self) -> Q:
        lat = Q(latitude__gte=self.south, latitude__lte=self.north)
        if self.west <= self.east:
            return lat & Q(longitude__gte=self.west, longitude__lte=self.east)
        # across the antimeridian: two ranges
        return lat & (Q(longitude__gte=self.west) | Q(longitude__lte=self.east))


def _wrap(longitude: float) -> float:
    if -180 <= longitude <= 180:
        return longitude
    return ((longitude + 180) % 360) - 180


def cell_size(zoom: int) -> float:
    return 360.0 / float(2 ** max(0, min(zoom, MAX_ZOOM))) / CELLS_PER_TILE


def clusters(values: dict[str, Any], box: Box, zoom: int) -> dict[str, Any]:
    """``{"zoom", "cell", "bbox", "total", "clusters": [[lat, lng, count], ...], "events": [{...}, ...]}``."""
    cell = cell_size(zoom)
    box = box.snapped(cell)
    where = f"{box.west},{box.south},{box.east},{box.north}"
    key = f"map:{filters.canonical_query(values)}:{zoom}:{where}"
    return versioned(key, lambda: _compute(values, box, zoom, cell))


def _compute(values: dict[str, Any], box: Box, zoom: int, cell: float) -> dict[str, Any]:
    located = filters.apply(Event.objects.public(), values).filter(box.condition())
    cells = (
        located.annotate(
            cx=Floor(F("longitude") / cell),
            cy=Floor(F("latitude") / cell),
        )
        .values("cx", "cy")
        .annotate(
            n=Count("pk"),
            lat=Avg(Cast("latitude", FloatField())),
            lng=Avg(Cast("longitude", FloatField())),
            first=Min("pk"),
        )
        .order_by()
    )
    grouped, single_ids, total = [], [], 0
    for row in cells:
        total += row["n"]
        if row["n"] == 1:
            single_ids.append(row["first"])
        else:
            grouped.append([round(row["lat"], 4), round(row["lng"], 4), row["n"]])
    singles = [
        {
            "id": event.pk,
            "title": event.title,
            "url": event.get_absolute_url(),
            "lat": event.latitude,
            "lng": event.longitude,
            "start": event.starts_at.isoformat(),
        }
        for event in Event.objects.filter(pk__in=single_ids).only(
            "pk", "slug", "title", "latitude", "longitude", "starts_at"
        )
    ]
    return {
        "zoom": zoom,
        "cell": cell,
        "bbox": [box.west, box.south, box.east, box.north],
        "total": total,
        "clusters": grouped,
        "events": singles,
    }
