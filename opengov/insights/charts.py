"""Charts: Vega-Lite specs rendered to SVG on the server (vl-convert), each with its numbers as a table.

A ``Chart`` is built from the rows of one ``indicators.Result``: the spec's data and the table's rows are the
same objects, so the picture and the table cannot disagree. The SVG is cached under the hash of its spec,
which holds the data: new numbers make a new spec, hence a new key (nothing to invalidate by hand).
The same chart serves the web page and the Global Report's PDF.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from opengov.core.formula_injection import SafeWriter

from .indicators import Indicator, Row

SVG_CACHE_SECONDS = 7 * 24 * 3600
# Two drawings of every chart, each shown at its natural size so labels stay at 12 px (site.css swaps them):
# the wide one fits the 48rem chart column (bar labels cut at LABEL_LIMIT, the table has them whole); the narrow one
# fits a 390 px phone (about 320 px with its axis): bars in one row per category, the label above its bars.
WIDTH = 520
LABEL_LIMIT = 200
NARROW_WIDTH = 300
NARROW_LINE_WIDTH = 250
NARROW_BAND = 40  # a category's height on phones: its label, then its bar
NARROW_BAR = 18
BAR_HEIGHT = 22
FONT_SIZE = 12
FONT = "DejaVu Sans, Arial, sans-serif"
# Okabe and Ito's colour-blind-safe hues, darkened to reach 4.5:1 on white; lines also differ by dash
# (core/tests/test_design_tokens.py simulates protanopia, deuteranopia and tritanopia on them).
SERIES_COLOURS = ["#0072B2", "#C04A00", "#A3356E"]
SINGLE_COLOUR = SERIES_COLOURS[0]


@dataclass
class Series:
    name: str
    rows: list[Row]


@dataclass
class Chart:
    """One chart and its table. ``series`` holds the Row objects both are drawn from."""

    chart_id: str
    title: str
    description: str
    indicator: Indicator
    category_title: str
    series: list[Series]
    kind: str = "bar"  # "bar" (categories) or "line" (years, cycles)
    csv_url: str = ""
    _svg: str | None = field(default=None, repr=False)
    _svg_narrow: str | None = field(default=None, repr=False)

    @property
    def value_title(self) -> str:
        return _("Share (%)") if self.indicator.is_percent else _("Number")

    def data_values(self) -> list[dict[str, Any]]:
        """The spec's data: one point per row and series, straight from the Result rows."""
        return [
            {"category": row.label, "series": s.name, "value": row.value, "order": i}
            for s in self.series
            for i, row in enumerate(s.rows)
            if row.value is not None
        ]

    def spec(self, narrow: bool = False) -> dict[str, Any]:
        values = self.data_values()
        y_scale = {"domain": [0, 100]} if self.indicator.is_percent else {}
        # Counts are whole numbers: no "0.5 commitments" ticks.
        value_axis = {} if self.indicator.is_percent else {"format": "d", "tickMinStep": 1}
        multi = len(self.series) > 1
        text = {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE}
        common: dict[str, Any] = {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "description": self.description,
            "data": {"values": values},
            "config": {
                "font": FONT,
                "axis": text,
                "legend": {**text, "labelLimit": NARROW_WIDTH},
                "header": {"labelFontSize": FONT_SIZE},
            },
        }
        value = {
            "field": "value",
            "type": "quantitative",
            "title": self.value_title,
            "scale": y_scale,
            "axis": value_axis,
        }
        legend = {"orient": "bottom", "direction": "vertical"} if narrow else {"orient": "bottom"}
        colour: dict[str, Any] = (
            {"field": "series", "type": "nominal", "title": None, "scale": {"range": SERIES_COLOURS}, "legend": legend}
            if multi
            else {"value": SINGLE_COLOUR}
        )
        if self.kind == "line":
            category_axis = {"labelAngle": -45, "labelOverlap": True} if narrow else {}
            encoding: dict[str, Any] = {
                "x": {
                    "field": "category",
                    "type": "ordinal",
                    "title": self.category_title,
                    "sort": None,
                    "axis": category_axis,
                },
                "y": value,
                "color": colour,
            }
            if multi:
                encoding["strokeDash"] = {"field": "series", "type": "nominal", "legend": None}
            width = NARROW_LINE_WIDTH if narrow else WIDTH
            line = {"type": "line", "point": True}
            return {**common, "width": width, "height": 240, "mark": line, "encoding": encoding}
        if narrow and not multi:
            # One band per category: its label on top, its bar under it. Long labels take the full width.
            band = {"field": "category", "type": "nominal", "sort": None, "axis": None}
            label = {
                "type": "text",
                "align": "left",
                "baseline": "top",
                "x": 0,
                "yOffset": -NARROW_BAND / 2 + 2,
                "fontSize": FONT_SIZE,
                "limit": NARROW_WIDTH,
            }
            bar = {"type": "bar", "height": NARROW_BAR, "yOffset": NARROW_BAND / 2 - NARROW_BAR / 2 - 4}
            return {
                **common,
                "width": NARROW_WIDTH,
                "height": {"step": NARROW_BAND},
                "encoding": {"y": band},
                "layer": [
                    {"mark": bar, "encoding": {"x": value, "color": colour}},
                    {"mark": label, "encoding": {"text": {"field": "category"}}},
                ],
            }
        if narrow:
            # One row per category, its label above its bars (several series do not fit one band).
            bars = {"field": "series", "type": "nominal", "axis": None, "sort": None}
            inner = {
                "width": NARROW_WIDTH,
                "height": {"step": NARROW_BAR},
                "mark": "bar",
                "encoding": {"x": {**value, "axis": {**value_axis, "grid": False}}, "y": bars, "color": colour},
            }
            header = {
                "labelAngle": 0,
                "labelOrient": "top",
                "labelAnchor": "start",
                "labelAlign": "left",
                "labelLimit": NARROW_WIDTH,
                "labelPadding": 4,
                "labelBaseline": "bottom",
            }
            row = {"field": "category", "type": "nominal", "sort": None, "title": None, "header": header}
            config = {**common["config"], "view": {"stroke": None}, "facet": {"spacing": 12}}
            return {**common, "config": config, "facet": {"row": row}, "spec": inner}
        categories = max(1, len({v["category"] for v in values}))
        category = {"labelLimit": LABEL_LIMIT}
        encoding = {
            "y": {"field": "category", "type": "nominal", "title": self.category_title, "sort": None, "axis": category},
            "x": value,
            "color": colour,
        }
        if multi:
            encoding["yOffset"] = {"field": "series"}
        height = BAR_HEIGHT * categories * (len(self.series) if multi else 1)
        return {**common, "width": WIDTH, "height": height, "mark": "bar", "encoding": encoding}

    @property
    def svg(self) -> SafeString:
        if self._svg is None:
            self._svg = render_svg(self.spec(), self.chart_id, self.title, self.description)
        return mark_safe(self._svg)  # noqa: S308 - produced by vl-convert from our spec; labels are escaped by it

    @property
    def svg_narrow(self) -> SafeString:
        """The phone drawing (site.css shows it below 50rem instead of ``svg``)."""
        if self._svg_narrow is None:
            spec = self.spec(narrow=True)
            self._svg_narrow = render_svg(spec, f"{self.chart_id}-narrow", self.title, self.description)
        return mark_safe(self._svg_narrow)  # noqa: S308 - as svg

    def table_rows(self) -> list[tuple[str, list[Row | None]]]:
        """Rows of the accessible table: category, then one cell per series (same Row objects as the chart)."""
        order: list[str] = []
        cells: dict[str, dict[str, Row]] = {}
        for s in self.series:
            for row in s.rows:
                if row.label not in cells:
                    order.append(row.label)
                    cells[row.label] = {}
                cells[row.label][s.name] = row
        return [(label, [cells[label].get(s.name) for s in self.series]) for label in order]

    def csv(self) -> str:
        out = io.StringIO()
        writer = SafeWriter(out)  # labels are member names and the like: formulas made inert
        header = [self.category_title]
        for s in self.series:
            prefix = f"{s.name}: " if len(self.series) > 1 else ""
            header += [f"{prefix}{self.value_title}"]
            if self.indicator.is_percent:
                header += [f"{prefix}{_('Numerator')}", f"{prefix}{_('Denominator')}"]
        writer.writerow(header)
        for label, rows in self.table_rows():
            line: list[Any] = [label]
            for row in rows:
                if row is None:
                    line += [""] * (3 if self.indicator.is_percent else 1)
                    continue
                line.append("" if row.value is None else row.value)
                if self.indicator.is_percent:
                    line += [row.numerator, row.denominator]
            writer.writerow(line)
        return out.getvalue()


_SVG_OPEN = re.compile(r"<svg\b([^>]*)>", re.S)


def render_svg(spec: dict[str, Any], chart_id: str, title: str, description: str) -> str:
    """The spec as SVG (cached by the spec's hash), announced as one image with a title and description."""
    payload = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    key = "insights:svg:v3:" + hashlib.sha256(f"{payload}|{chart_id}|{title}".encode()).hexdigest()
    svg: str | None = cache.get(key)  # the cache is untyped: it holds the SVG set below
    if svg is None:
        import vl_convert as vlc

        svg = _accessible(_slim(vlc.vegalite_to_svg(spec)), chart_id, title, description)
        cache.set(key, svg, SVG_CACHE_SECONDS)
    return svg


_EMPTY_BACKGROUND = re.compile(
    r'<path class="background" aria-hidden="true" d="M0,0h0v0h0Z"(?: pointer-events="none")?/>'
)
_UNUSED_ATTRIBUTES = re.compile(
    r' (?:class|pointer-events|aria-hidden)="[^"]*"| opacity="1"| transform="translate\(0,0\)"'
)
_LONG_DECIMALS = re.compile(r"(\d\.\d)\d+")
_TAG = re.compile(r"<[^>]+>")


def _slim(svg: str) -> str:
    """A third lighter: vl-convert's interaction classes, empty backgrounds, no-op and repeated attributes go,
    and coordinates keep one decimal (a tenth of a pixel). Charts are most of a chart page's weight (200 KB)."""
    svg = _EMPTY_BACKGROUND.sub("", svg)
    svg = _UNUSED_ATTRIBUTES.sub("", svg)
    # Every label repeats the font: said once on the root, SVG text inherits it.
    svg = svg.replace(f' font-family="{FONT}"', "").replace(f' font-size="{FONT_SIZE}px"', "")
    svg = svg.replace("<svg ", f'<svg font-family="{FONT}" font-size="{FONT_SIZE}px" ', 1)
    return _TAG.sub(lambda tag: _LONG_DECIMALS.sub(r"\1", tag.group(0)), svg)  # in attributes, never in labels


def _accessible(svg: str, chart_id: str, title: str, description: str) -> str:
    """role="img" with aria-labelledby pointing at a <title> and <desc>; the marks' own roles are hidden."""
    title_id, desc_id = f"{chart_id}-svg-title", f"{chart_id}-svg-desc"
    # The marks carry ARIA roles of their own; inside one role="img" they are noise for screen readers, and the
    # table beside the chart carries the numbers. Labels in the SVG are escaped, so no attribute text is matched.
    svg = re.sub(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"', "", svg)
    attrs = f' role="img" aria-labelledby="{title_id} {desc_id}" focusable="false"'
    head = f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(description)}</desc>'
    return _SVG_OPEN.sub(lambda m: f"<svg{m.group(1)}{attrs}>{head}", svg, count=1)


def bar_chart(indicator: Indicator, rows: list[Row], chart_id: str, category_title: str, title: str = "") -> Chart:
    title = title or str(indicator.title)
    return Chart(
        chart_id=chart_id,
        title=title,
        description=_describe(indicator, category_title),
        indicator=indicator,
        category_title=category_title,
        series=[Series(str(indicator.title), rows)],
    )


def line_chart(
    indicator: Indicator, series: list[Series], chart_id: str, category_title: str, title: str = ""
) -> Chart:
    return Chart(
        chart_id=chart_id,
        title=title or str(indicator.title),
        description=_describe(indicator, category_title),
        indicator=indicator,
        category_title=category_title,
        series=series,
        kind="line",
    )


def _describe(indicator: Indicator, category_title: str) -> str:
    return _("%(indicator)s by %(dimension)s. The table below the chart gives the same numbers.") % {
        "indicator": indicator.title,
        "dimension": str(category_title).lower(),
    }
