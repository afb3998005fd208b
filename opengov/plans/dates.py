"""Dates known only to the month, quarter, season or year.

OGP's commitments database gives many commitment dates as "July 2014", "Quarter 1 2014", "Spring 2015" or
"2014". The platform stores the first day of that period with its precision, and shows it at that
precision ("July 2014", not "1 July 2014"), so a page never claims more than is known.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opengov.core.dates import day


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    SEASON = "season", _("Season")
    YEAR = "year", _("Year")


# The month a season starts in (northern seasons, as OGP's data writes them) and how it is shown.
SEASON_STARTS = {3: _("Spring %(year)d"), 6: _("Summer %(year)d"), 9: _("Autumn %(year)d"), 12: _("Winter %(year)d")}


def format_precise(value: datetime.date | None, precision: str) -> str:
    """The date written at its precision, in the active language; "" for no date."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.QUARTER:
        return gettext("Q%(quarter)d %(year)d") % {"quarter": (value.month - 1) // 3 + 1, "year": value.year}
    if precision == DatePrecision.SEASON and value.month in SEASON_STARTS:
        return str(SEASON_STARTS[value.month]) % {"year": value.year}
    if precision in (DatePrecision.MONTH, DatePrecision.SEASON):
        return date_format(value, "YEAR_MONTH_FORMAT")
    return day(value)
