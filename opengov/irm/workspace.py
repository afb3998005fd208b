"""What the IRM workspace lists: the staff's queue (declarations to confirm, reports with their next moves,
comments received, what is overdue) and a researcher's own assignments and reports.

Each function reads in a fixed number of queries whatever the number of rows (tests/test_workspace.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q

from opengov.accounts.predicates import is_irm_staff, roles_of

from .models import Assignment, Report, ReportComment
from .workflow import ReportState, next_moves

RECENT_COMMENTS = 20
REPORTS_PER_PAGE = 50  # a page of rows with buttons renders fast whatever the number of reports
OVERDUE_SHOWN = 20


@dataclass
class ReportRow:
    """One report in progress with what the workspace shows beside it."""

    report: Report
    overdue: bool
    comments: int
    researchers: list[Any] = field(default_factory=list)
    moves: list[tuple[str, str]] = field(default_factory=list)


def pending_declarations() -> list[Assignment]:
    """Declarations waiting for IRM staff: declared, neither assigned nor ended."""
    return list(
        Assignment.objects.filter(declared_at__isnull=False, assigned_at=None, ended_at=None)
        .select_related("researcher", "action_plan__member")
        .order_by("declared_at", "pk")
    )


def _in_scope(user: Any) -> Any:
    """The reports a workspace is about: every report for IRM staff, those of the researcher's plans otherwise
    (public ones of other plans are for reading on their pages, not work)."""
    if is_irm_staff(user):
        return Report.objects.all()
    return Report.objects.visible_to(user).filter(action_plan_id__in=roles_of(user).researcher_plans)


def reports_in_progress(user: Any, today: datetime.date, page_number: Any = 1) -> tuple[Page[Report], list[ReportRow]]:
    """One page of the reports not yet published that ``user`` works on, soonest due first, with their
    researchers, the number of comments received and (for IRM staff) the moves the workflow allows next."""
    queryset = (
        _in_scope(user)
        .for_list()
        .exclude(state=ReportState.PUBLISHED)
        .annotate(comment_count=Count("comments", filter=Q(comments__hidden=False)))
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )
    page = Paginator(queryset, REPORTS_PER_PAGE).get_page(page_number)
    reports = list(page.object_list)
    researchers: dict[int, list[Any]] = defaultdict(list)
    for assignment in (
        Assignment.objects.current()
        .filter(action_plan_id__in={r.action_plan_id for r in reports})
        .select_related("researcher")
        .order_by("assigned_at")
    ):
        researchers[assignment.action_plan_id].append(assignment.researcher)
    staff = is_irm_staff(user)
    return page, [
        ReportRow(
            report=report,
            overdue=report.is_overdue(today),
            comments=report.comment_count,
            researchers=researchers.get(report.action_plan_id, []),
            moves=next_moves(report.state) if staff else [],
        )
        for report in reports
    ]


def overdue(user: Any, today: datetime.date) -> tuple[int, list[Report]]:
    """How many reports ``user`` works on are overdue, and the most overdue of them."""
    reports = _in_scope(user).overdue(today)
    return reports.count(), list(reports.for_list().order_by("due_date", "pk")[:OVERDUE_SHOWN])


def recent_comments(user: Any) -> list[ReportComment]:
    """The latest public comments on the reports ``user`` works on."""
    return list(
        ReportComment.objects.shown()
        .filter(report__in=_in_scope(user))
        .select_related("author", "report__action_plan__member")
        .order_by("-created_at", "-pk")[:RECENT_COMMENTS]
    )


def own_assignments(user: Any) -> list[Assignment]:
    """The researcher's open declarations and current assignments."""
    return list(
        Assignment.objects.filter(researcher=user, ended_at=None)
        .select_related("action_plan__member")
        .order_by("action_plan__member__name", "action_plan__number")
    )
