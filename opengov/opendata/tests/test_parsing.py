"""The date and null-code parsers: every format in OGP's data, and properties over any input."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opengov.opendata.parsing import NULL_CODES, Precision, format_date, null_code, parse_date, parse_flag


@pytest.mark.parametrize(
    ("cell", "value", "precision"),
    [
        ("7/1/2014", datetime.date(2014, 7, 1), Precision.DAY),
        ("08/30/2023", datetime.date(2023, 8, 30), Precision.DAY),
        ("12/31/18", datetime.date(2018, 12, 31), Precision.DAY),
        ("31/12/2014", datetime.date(2014, 12, 31), Precision.DAY),
        ("July 2014", datetime.date(2014, 7, 1), Precision.MONTH),
        ("Quarter 3 2014", datetime.date(2014, 7, 1), Precision.QUARTER),
        ("Spring 2015", datetime.date(2015, 3, 1), Precision.SEASON),
        ("2014", datetime.date(2014, 1, 1), Precision.YEAR),
        ("NA", None, Precision.NONE),
        ("", None, Precision.NONE),
        ("Underway", None, Precision.TEXT),
        ("2/30/2014", None, Precision.TEXT),
    ],
)
def test_every_date_format_in_the_data(cell, value, precision):
    parsed = parse_date(cell)
    assert (parsed.value, parsed.precision, parsed.given) == (value, precision, cell)
    assert format_date(parsed.value, parsed.precision, cell) == cell


def test_implausible_years_and_day_first_readings_are_noted():
    assert "1905" in parse_date("7/15/1905").note
    assert "day-first" in parse_date("30/6/2015").note


def test_a_changed_date_is_written_at_its_precision():
    assert format_date(datetime.date(2015, 8, 1), Precision.MONTH, "July 2014") == "August 2015"
    assert format_date(datetime.date(2015, 8, 9), Precision.DAY, "7/1/2014") == "8/9/2015"
    assert format_date(datetime.date(2016, 1, 1), Precision.YEAR, "2014") == "2016"
    assert format_date(None, Precision.DAY, "7/1/2014") == "NA"
    assert format_date(datetime.date(2016, 4, 1), Precision.QUARTER) == "Quarter 2 2016"


@given(st.text(max_size=30))
def test_parse_date_never_raises_and_keeps_the_text(text):
    parsed = parse_date(text)
    assert parsed.given == text
    assert (parsed.value is None) == (parsed.precision in (Precision.NONE, Precision.TEXT))
    assert format_date(parsed.value, parsed.precision, text) == text


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_formatted_dates_parse_back(date):
    for precision in (Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.YEAR):
        text = format_date(date, precision)
        parsed = parse_date(text)
        assert parsed.precision == precision
        assert parsed.value is not None and parsed.value.year == date.year
    assert parse_date(format_date(date, Precision.DAY)).value == date


@given(st.text(max_size=6))
def test_null_codes_are_never_zero(text):
    flag = parse_flag(text)
    code = null_code(text)
    if code is not None:
        assert code in NULL_CODES and flag.value is None and flag.code == code
    elif text.strip() in ("0", "1"):
        assert flag.value is (text.strip() == "1")
    else:
        assert flag.stray and flag.value is None


def test_null_codes_stay_distinct():
    assert [parse_flag(c).code for c in ("NA", "ND", "NR", "")] == ["NA", "ND", "NR", ""]
