"""When each IRM product is due, derived from its action plan (DOMAIN.md 2.1, 3.1).

Sourced: Action Plan Review within four months of submission; Results Report four months after the plan
ends. Documented assumptions (DOMAIN.md gives no exact rule; change them here, in one place):
- Co-Creation Brief: before co-creation starts, i.e. six months before implementation starts (the next
  plan is drafted in the last six months of the current one).
- Midterm Review (four-year plans only): four months after the plan's midpoint, like the other reviews.
- Progress Report (legacy): 18 months into the cycle (mid-term of a two-year plan).
- End-of-Term Report and Implementation Report (legacy): four months after the plan ends, like the
  Results Report that replaced them.
- Design Report (legacy): four months after submission, like the Action Plan Review that replaced it.
- A plan without exact dates starts on 1 September of its first year and ends on 31 August of its last
  year (the August 31 calendar, DOMAIN.md 2.1); an unsubmitted plan has no review due yet.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from .models import Product


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day of the month ``months`` later (clamped to the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_start(plan: Any) -> datetime.date:
    return plan.start_date or datetime.date(plan.start_year, 9, 1)


def plan_end(plan: Any) -> datetime.date:
    return plan.end_date or datetime.date(plan.end_year, 8, 31)


def due_date(plan: Any, product: str) -> datetime.date | None:
    product = Product(product)
    start, end = plan_start(plan), plan_end(plan)
    if product == Product.CO_CREATION_BRIEF:
        return add_months(start, -6)
    if product in (Product.ACTION_PLAN_REVIEW, Product.DESIGN_REPORT):
        return add_months(plan.submitted_on, 4) if plan.submitted_on else None
    if product == Product.MIDTERM_REVIEW:
        midpoint = start + (end - start) / 2
        return add_months(midpoint, 4)
    if product == Product.PROGRESS_REPORT:
        return add_months(start, 18)
    # Results Report, End-of-Term Report, Implementation Report.
    return add_months(end, 4)
