"""Procedural review: which members acted contrary to OGP process, and in which cycle (DOMAIN.md 3.6).

Current rule, any of:
(a) no action plan published within 12 months after the end date of the last one;
(b) the minimum requirements of the Participation and Co-Creation Standards not met, as assessed by the IRM
    (read from opengov.cocreation.standards for plans whose Action Plan Review is published: the IRM's
    assessment is what counts);
(c) no progress on any commitment, as assessed by the IRM: in a published Results Report, every commitment
    assessed for completion is Not Started or No Evidence Available.

This module only computes (reads in a fixed number of queries; the checklists of (b) are read together);
irm.actions.run_procedural_review records the findings.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opengov.plans.models import ActionPlan
from opengov.plans.phases import Phase

from .deadlines import add_months, plan_end, plan_start
from .models import Assessment, FindingKind, Product, Report
from .scales import Completion

GRACE_MONTHS = 12
NO_PROGRESS_LEVELS = (Completion.NOT_STARTED, Completion.NO_EVIDENCE_AVAILABLE)
ASSESSED_LEVELS = (*NO_PROGRESS_LEVELS, Completion.LIMITED, Completion.SUBSTANTIAL, Completion.COMPLETE)
# The co-creation minimum requirements are the IRM's verdict in the Action Plan Review (DOMAIN.md 3.1, 3.3).
# The checklist is read only for reviewed plans without a finding yet.
CHECKLIST_PRODUCTS = (Product.ACTION_PLAN_REVIEW,)


@dataclass(frozen=True)
class ComputedFinding:
    kind: str
    member_id: int
    action_plan_id: int
    cycle: int
    evidence: str
    report_id: int | None = None


def _published_on(plan: Any) -> datetime.date:
    """When a plan counts as published: its submission date, else its start."""
    return plan.submitted_on or plan_start(plan)


def late_plan_findings(plans: list[Any], today: datetime.date) -> list[ComputedFinding]:
    """(a) over each member's published plans in order: a successor published more than 12 months after its
    predecessor ended, or none yet 12 months after the last one ended."""
    by_member: dict[int, list[Any]] = defaultdict(list)
    for plan in plans:
        by_member[plan.member_id].append(plan)
    found = []
    for member_plans in by_member.values():
        member_plans.sort(key=lambda p: p.number)
        for plan, successor in zip(member_plans, [*member_plans[1:], None], strict=True):
            limit = add_months(plan_end(plan), GRACE_MONTHS)
            if successor is not None and _published_on(successor) > limit:
                evidence = _(
                    "Action plan %(number)s ended on %(end)s; the next one was published on %(next)s, "
                    "more than 12 months later."
                ) % {"number": plan.number, "end": plan_end(plan), "next": _published_on(successor)}
            elif successor is None and today > limit:
                evidence = _("Action plan %(number)s ended on %(end)s; no action plan was published by %(limit)s.") % {
                    "number": plan.number,
                    "end": plan_end(plan),
                    "limit": limit,
                }
            else:
                continue
            found.append(ComputedFinding(FindingKind.NO_NEW_PLAN, plan.member_id, plan.pk, plan.number + 1, evidence))
    return found


def no_progress_findings() -> list[ComputedFinding]:
    """(c) one aggregate query over published Results Reports."""
    rows = (
        Assessment.objects.filter(report__product=Product.RESULTS_REPORT, completion__in=ASSESSED_LEVELS)
        .filter(report__in=Report.objects.published())
        .values("report_id", "report__action_plan_id", "report__action_plan__member_id", "report__action_plan__number")
        .annotate(
            assessed=models.Count("pk"),
            without_progress=models.Count("pk", filter=models.Q(completion__in=NO_PROGRESS_LEVELS)),
        )
        .order_by()
    )
    return [
        ComputedFinding(
            FindingKind.NO_PROGRESS,
            row["report__action_plan__member_id"],
            row["report__action_plan_id"],
            row["report__action_plan__number"],
            ngettext(
                "The Results Report found no progress on the %(n)s commitment it assessed for completion.",
                "The Results Report found no progress on any of the %(n)s commitments it assessed for completion.",
                row["assessed"],
            )
            % {"n": row["assessed"]},
            row["report_id"],
        )
        for row in rows
        if row["assessed"] and row["assessed"] == row["without_progress"]
    ]


def minimum_requirement_findings(skip_plan_ids: set[int]) -> list[ComputedFinding]:
    """(b) the co-creation checklist of each plan the IRM has reviewed (and not already found wanting)."""
    from opengov.cocreation.standards import NOT_MET, checklists_for

    reports = (
        Report.objects.published()
        .filter(product__in=CHECKLIST_PRODUCTS)
        .exclude(action_plan_id__in=skip_plan_ids)
        .select_related("action_plan__member")
        .order_by("action_plan_id", "product")
    )
    first_report: dict[int, Report] = {}
    for report in reports:
        first_report.setdefault(report.action_plan_id, report)
    checklists = checklists_for(report.action_plan for report in first_report.values())
    found = []
    for plan_id, report in first_report.items():
        plan = report.action_plan
        unmet = [item for item in checklists[plan_id] if item.status == NOT_MET]
        if not unmet:
            continue
        lines = [_("Standard %(n)s: %(label)s") % {"n": item.standard, "label": item.label} for item in unmet]
        evidence = _("Minimum requirements not met:") + "\n" + "\n".join(f"- {line}" for line in lines)
        found.append(
            ComputedFinding(FindingKind.MINIMUM_REQUIREMENTS, plan.member_id, plan.pk, plan.number, evidence, report.pk)
        )
    return found


def compute_findings(today: datetime.date, existing: set[tuple[str, int]]) -> list[ComputedFinding]:
    """Every finding the rules give today that is not recorded yet (``existing``: (kind, plan id) pairs)."""
    plans = list(
        ActionPlan.objects.exclude(phase=Phase.CO_CREATION)
        .only("pk", "member_id", "number", "start_year", "end_year", "start_date", "end_date", "submitted_on")
        .order_by()
    )
    computed = late_plan_findings(plans, today) + no_progress_findings()
    reviewed = {plan_id for kind, plan_id in existing if kind == FindingKind.MINIMUM_REQUIREMENTS}
    computed += minimum_requirement_findings(reviewed)
    return [f for f in computed if (f.kind, f.action_plan_id) not in existing]
