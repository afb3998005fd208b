"""The IRM's process findings on an action plan (DOMAIN.md 2.2, 3.3): the level of public influence on the IAP2
spectrum during development and during implementation, open or closed participation, and whether the
multi-stakeholder forum met regularly. They are fields of a report (``Report.iap2_level_development`` ...);
empty / None is "not assessed", never a "no".

Which finding counts. Only published reports. A plan's finding is that of its latest published report that
assesses it (``LATEST_FIRST``: publication year, then publication date, then the newest row); a member's is
that of its latest plan (highest number) with one. Pages, the member snapshot and the insights indicator
all read this order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from opengov.core.queries import model_field

from .models import Report

PROCESS_FIELDS = ("iap2_level_development", "iap2_level_implementation", "participation_open", "forum_met_regularly")
LATEST_FIRST = (
    models.F("publication_year").desc(nulls_last=True),
    models.F("published_on").desc(nulls_last=True),
    models.F("pk").desc(),
)
NOT_ASSESSED = _("Not assessed")


def is_assessed(value: Any) -> bool:
    """A level or a yes/no is recorded ("" and None are "not assessed")."""
    return value is not None and value != ""


def assessed_q(field_name: str) -> models.Q:
    """The report assesses ``field_name`` (a level or a yes/no is recorded)."""
    if field_name.startswith("iap2_"):
        return ~models.Q(**{field_name: ""})
    return models.Q(**{f"{field_name}__isnull": False})


@dataclass(frozen=True)
class Finding:
    field: str
    title: str  # the field's name, e.g. "public influence during development"
    value: Any  # the stored value; None when not assessed
    label: str  # the value as a reader says it, or "Not assessed"
    report: Report | None  # the report it comes from

    @property
    def assessed(self) -> bool:
        return self.report is not None


def _title(field_name: str) -> str:
    return str(model_field(Report, field_name).verbose_name)


def _finding(field_name: str, report: Report | None) -> Finding:
    """The finding ``report`` records for ``field_name``; "Not assessed" when there is no report."""
    if report is None:
        return Finding(field_name, _title(field_name), None, str(NOT_ASSESSED), None)
    value = getattr(report, field_name)
    label = str(dict(model_field(report, field_name).flatchoices).get(value))
    return Finding(field_name, _title(field_name), value, label, report)


def latest_findings(member_ids: Iterable[int]) -> dict[int, list[Finding]]:
    """{member id: one Finding per process field, from its latest published report assessing it}, one query.

    Members without any assessed finding get every field "Not assessed".
    """
    ids = list(member_ids)
    any_assessed = models.Q()
    for name in PROCESS_FIELDS:
        any_assessed |= assessed_q(name)
    reports = (
        Report.objects.published()
        .filter(any_assessed, action_plan__member_id__in=ids)
        .select_related("action_plan__member")
        .order_by("action_plan__member_id", models.F("action_plan__number").desc(), *LATEST_FIRST)
    )
    found: dict[tuple[int, str], Report] = {}
    for report in reports:
        for name in PROCESS_FIELDS:
            if is_assessed(getattr(report, name)):
                found.setdefault((report.action_plan.member_id, name), report)
    return {member_id: [_finding(name, found.get((member_id, name))) for name in PROCESS_FIELDS] for member_id in ids}


def report_findings(report: Report) -> list[Finding]:
    """The report's own process findings, "Not assessed" where it records none (for its page)."""
    return [_finding(name, report if is_assessed(getattr(report, name)) else None) for name in PROCESS_FIELDS]
