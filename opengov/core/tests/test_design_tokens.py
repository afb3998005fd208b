"""The design tokens: every colour is defined once, in core/static/core/site.css, and the pairs the pages use meet
WCAG 2.2 AA contrast (4.5:1 for text, 3:1 for interface parts and chart marks). The chart palette also stays apart
for readers with colour-vision deficiencies: the colours are simulated as protanopes, deuteranopes and tritanopes
see them (Machado, Oliveira and Fernandes 2009, full severity) and must stay clearly different (CIE76 ΔE)."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from opengov.insights.charts import SERIES_COLOURS, SINGLE_COLOUR

OPENGOV = Path(__file__).resolve().parents[2]
SITE_CSS = OPENGOV / "core" / "static" / "core" / "site.css"
TOKEN = re.compile(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;")


def tokens() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\n\}", SITE_CSS.read_text(), re.S)
    assert root, "site.css has no :root block"
    return dict(TOKEN.findall(root.group(1)))


def channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def linear_rgb(colour: str) -> list[float]:
    return [channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]


def luminance(rgb: list[float]) -> float:
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(linear_rgb(a)), luminance(linear_rgb(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Text on the backgrounds it is set on (4.5:1).
TEXT_PAIRS = [
    *((fg, bg) for fg in ("ink", "muted", "brand", "brand-dark", "ok", "warn", "bad", "info")
      for bg in ("surface", "surface-soft")),
    ("ok", "ok-soft"), ("warn", "warn-soft"), ("bad", "bad-soft"), ("info", "info-soft"), ("muted", "surface-soft"),
    ("brand", "info-soft"),  # secondary button on hover
    # the header, buttons and the skip link
    ("on-brand", "header"), ("on-brand", "brand"), ("on-brand", "brand-dark"), ("on-brand", "ink"),
    ("ink", "accent"), ("header", "accent"),  # search button, unread badge in the menu
    ("header", "on-brand"),  # the open menu button
    ("brand", "surface"),  # language button in the header
]  # fmt: skip
# Interface parts and graphics (3:1): field borders, focus ring, progress bars against their track, current step.
UI_PAIRS = [
    ("line-strong", "surface"), ("line-strong", "surface-soft"),
    ("ink", "surface"),  # the dark ring around the focus outline on light backgrounds
    ("focus", "header"), ("focus", "ink"),
    ("ok", "line"), ("brand", "line"), ("bad", "line"),
    ("brand", "surface"),  # the current step of a stepper, borders of secondary buttons
]  # fmt: skip


@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_colours_reach_4_5_to_1(fg, bg):
    colours = tokens()
    ratio = contrast(colours[fg], colours[bg])
    assert ratio >= 4.5, f"--color-{fg} on --color-{bg}: {ratio:.2f}:1"


@pytest.mark.parametrize(("fg", "bg"), UI_PAIRS)
def test_interface_colours_reach_3_to_1(fg, bg):
    colours = tokens()
    ratio = contrast(colours[fg], colours[bg])
    assert ratio >= 3, f"--color-{fg} against --color-{bg}: {ratio:.2f}:1"


def test_the_checker_catches_a_failing_pair():
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#767676", "#000000")
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_no_other_stylesheet_defines_colours_or_tokens():
    """Page stylesheets read the tokens; a colour written anywhere else escapes the contrast checks above."""
    offenders = []
    for css in OPENGOV.glob("*/static/*/*.css"):
        if css == SITE_CSS or css.name == "swagger_ui.css":  # Swagger UI's own page background, outside the site
            continue
        text = css.read_text()
        if re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(|--[\w-]+\s*:", text):
            offenders.append(str(css.relative_to(OPENGOV)))
    assert offenders == []


# Colour-vision deficiency simulation matrices, applied to linear RGB.
CVD: dict[str, list[list[float]]] = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    "typical": [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
}


def lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(colour: str, vision: str) -> tuple[float, float, float]:
    rgb = linear_rgb(colour)
    matrix = CVD[vision]
    return lab([min(1.0, max(0.0, sum(matrix[i][j] * rgb[j] for j in range(3)))) for i in range(3)])


@pytest.mark.parametrize("vision", list(CVD))
def test_chart_series_stay_apart_for_colour_blind_readers(vision):
    for a, b in itertools.combinations(SERIES_COLOURS, 2):
        distance = math.dist(seen_as(a, vision), seen_as(b, vision))
        assert distance >= 20, f"{a} and {b} look alike with {vision}: ΔE {distance:.1f}"


def test_chart_marks_stand_out_on_white():
    for colour in (*SERIES_COLOURS, SINGLE_COLOUR):
        assert contrast(colour, "#ffffff") >= 3, colour


def test_the_simulation_separates_what_it_should():
    """Red and green (a classic confusion) collapse for protanopes and deuteranopes, not for typical vision."""
    red, green = "#b35900", "#4d7f17"  # the orange and green of the previous chart palette
    assert math.dist(seen_as(red, "typical"), seen_as(green, "typical")) > 50
    assert math.dist(seen_as(red, "protanopia"), seen_as(green, "protanopia")) < 20
