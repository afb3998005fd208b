"""Dates known to the month, quarter, season or year are shown at that precision, in every language."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from opengov.factories import CommitmentFactory
from opengov.plans.dates import DatePrecision, format_precise


@pytest.mark.parametrize(
    ("value", "precision", "english", "spanish"),
    [
        (datetime.date(2014, 7, 15), DatePrecision.DAY, "July 15, 2014", "15 de julio de 2014"),
        (datetime.date(2014, 7, 1), DatePrecision.MONTH, "July 2014", "julio de 2014"),
        (datetime.date(2016, 10, 1), DatePrecision.QUARTER, "Q4 2016", "T4 2016"),
        (datetime.date(2015, 3, 1), DatePrecision.SEASON, "Spring 2015", "Primavera de 2015"),
        (datetime.date(2014, 1, 1), DatePrecision.YEAR, "2014", "2014"),
        (None, DatePrecision.MONTH, "", ""),
    ],
)
def test_a_date_is_written_at_its_precision(value, precision, english, spanish):
    with translation.override("en"):
        assert format_precise(value, precision) == english
    with translation.override("es"):
        assert format_precise(value, precision) == spanish


def test_the_commitment_page_shows_what_is_known(client, db):
    commitment = CommitmentFactory(
        start_date=datetime.date(2014, 7, 1),
        start_date_precision=DatePrecision.MONTH,
        end_date=datetime.date(2016, 10, 1),
        end_date_precision=DatePrecision.QUARTER,
    )
    html = client.get(commitment.get_absolute_url()).content.decode()
    assert "July 2014 – Q4 2016" in html
    assert "July 1, 2014" not in html
