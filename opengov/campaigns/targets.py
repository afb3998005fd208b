"""The indicators campaign targets are measured with, defined the way insights defines its indicators: a key, a
title, a definition, the formula, what the numerator and the denominator count, and one function.

A target indicator is a share of members. Its function, ``qualifying(window)``, returns the evidence that qualifies
members within a window, with the date from which each piece counts; everything else (the value at a date, whether
the target was met by its deadline, the monthly trend, the members counted with their evidence) is derived from it
here, in one place, so no number is ever typed in.

The denominator is the same for every target: **members that are Active at the date**. A member counts from the
day it joined (its join date; when the platform does not know it, from 1 January of its first action plan's
first year; a member with neither is left out), with its status at that date read from its status log (the
latest change in effect; a member with no change in effect yet is Active, as members start). Under Procedural
Review, Inactive, Suspended and Withdrawn members are left out.

Campaign indicators need dates, which the insights indicators (computed over filters, not a calendar) do not
carry, so they live here; they reuse insights' conventions (``share``: one decimal, None when nothing is counted).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import models
from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from opengov.insights.indicators.cache import SIGNAL_VERSION_KEY as INSIGHTS_SIGNAL_KEY
from opengov.insights.indicators.cache import fingerprint
from opengov.insights.indicators.results import share
from opengov.members.models import Member, MemberStatus, StatusChange
from opengov.plans.models import ActionPlan, Commitment, PolicyArea
from opengov.plans.phases import Phase

CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Window:
    starts_on: datetime.date
    ends_on: datetime.date


@dataclass(frozen=True)
class Evidence:
    """Something that qualifies a member from ``counts_from``: a plan's qualifying commitments, a submission."""

    member_id: int
    counts_from: datetime.date
    key: str  # e.g. the action plan's OGP id; groups the member's evidence
    count: int = 1


@dataclass
class MemberLine:
    member_id: int
    name: str
    slug: str
    joined_on: datetime.date
    statuses: list[tuple[datetime.date, str]]  # status log, oldest first
    qualified_on: datetime.date | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def active_at(self, day: datetime.date) -> bool:
        if day < self.joined_on:
            return False
        status = MemberStatus.ACTIVE.value
        for effective, value in self.statuses:
            if effective > day:
                break
            status = value
        return status == MemberStatus.ACTIVE

    def counted_at(self, day: datetime.date) -> bool:
        return self.active_at(day) and self.qualified_on is not None and self.qualified_on <= day


@dataclass
class Tally:
    """Every member with its status log and the date it first qualified: the value at any date follows."""

    lines: list[MemberLine]

    def at(self, day: datetime.date) -> tuple[float | None, int, int]:
        denominator = [line for line in self.lines if line.active_at(day)]
        numerator = sum(1 for line in denominator if line.qualified_on is not None and line.qualified_on <= day)
        return share(numerator, len(denominator)), numerator, len(denominator)

    def counted(self, day: datetime.date) -> list[MemberLine]:
        return sorted((line for line in self.lines if line.counted_at(day)), key=lambda line: line.name.casefold())


@dataclass(frozen=True)
class TargetIndicator:
    key: str
    title: Any
    definition: Any
    formula: Any
    numerator_text: Any
    qualifying: Callable[[Window], Iterable[Evidence]]
    commitments: Callable[[Window, list[int]], models.QuerySet[Commitment]] | None = None
    denominator_text: Any = _(
        "Members Active at the date: counted from their join date (or the first year of their first action plan "
        "when the join date is not known; members with neither are left out), with the status in effect then; "
        "other statuses are left out."
    )
    unit: str = "percent"

    @property
    def is_percent(self) -> bool:
        return self.unit == "percent"


REGISTRY: dict[str, TargetIndicator] = {}


def register(indicator: TargetIndicator) -> TargetIndicator:
    REGISTRY[indicator.key] = indicator
    return indicator


def get(key: str) -> TargetIndicator:
    return REGISTRY[key]


def choices() -> list[tuple[str, str]]:
    return [(key, str(ind.title)) for key, ind in REGISTRY.items()]


# ------------------------------------------------------------------------------------------- plans in a window

# A plan counts once it has left co-creation (submitted to OGP, in implementation or ended).
DELIVERED_PHASES = (Phase.SUBMITTED, Phase.IMPLEMENTATION, Phase.ENDED)


def plan_in_window(window: Window, prefix: str = "action_plan__") -> models.Q:
    """The plan was submitted in the window, or its implementation period overlaps it. Where the platform has no
    exact dates (OGP's imported plans carry years only), the period runs from 1 January of the first year to
    31 December of the last."""
    p = prefix
    starts_by_end = models.Q(**{f"{p}start_date__isnull": False, f"{p}start_date__lte": window.ends_on}) | models.Q(
        **{f"{p}start_date__isnull": True, f"{p}start_year__lte": window.ends_on.year}
    )
    ends_after_start = models.Q(**{f"{p}end_date__isnull": False, f"{p}end_date__gte": window.starts_on}) | models.Q(
        **{f"{p}end_date__isnull": True, f"{p}end_year__gte": window.starts_on.year}
    )
    submitted = models.Q(**{f"{p}submitted_on__gte": window.starts_on, f"{p}submitted_on__lte": window.ends_on})
    return models.Q(**{f"{p}phase__in": DELIVERED_PHASES}) & ((starts_by_end & ends_after_start) | submitted)


def plan_counts_from(window: Window, start_date: Any, start_year: int, submitted_on: Any) -> datetime.date:
    """From which day a plan in the window counts: its submission, or the start of its implementation, whichever
    comes first, and never before the window opens."""
    candidates = [start_date or datetime.date(start_year, 1, 1)]
    if submitted_on is not None and window.starts_on <= submitted_on <= window.ends_on:
        candidates.append(submitted_on)
    return max(window.starts_on, min(candidates))


def areas_under(labels: Iterable[str]) -> models.QuerySet[PolicyArea]:
    """The policy areas named, with every area under a named group."""
    labels = list(labels)
    return PolicyArea.objects.filter(models.Q(label__in=labels) | models.Q(parent__label__in=labels))


def tagged_commitments(labels: tuple[str, ...]) -> Callable[[Window, list[int] | None], models.QuerySet[Commitment]]:
    """The commitments tagged with the areas, in a plan of the window (for listing them)."""

    def commitments(window: Window, member_ids: list[int] | None = None) -> models.QuerySet[Commitment]:
        tagged = Commitment.policy_areas.through.objects.filter(policyarea__in=areas_under(labels))
        qs = Commitment.objects.filter(plan_in_window(window), pk__in=tagged.values("commitment_id"))
        if member_ids is not None:
            qs = qs.filter(action_plan__member_id__in=member_ids)
        return qs

    return commitments


def tagged_plan_evidence(labels: tuple[str, ...]) -> Callable[[Window], list[Evidence]]:
    """Evidence per action plan holding tagged commitments: one grouped query that starts from the tags of the
    areas (a small share of all tags), joins their commitments and plans, and returns a row per plan."""

    def qualifying(window: Window) -> list[Evidence]:
        p = "commitment__action_plan__"
        rows = (
            Commitment.policy_areas.through.objects.filter(policyarea__in=areas_under(labels))
            .filter(plan_in_window(window, prefix=p))
            .values(f"{p}member_id", f"{p}ogp_id", f"{p}start_date", f"{p}start_year", f"{p}submitted_on")
            .annotate(n=models.Count("commitment_id", distinct=True))
            .order_by()
        )
        return [
            Evidence(
                member_id=r[f"{p}member_id"],
                counts_from=plan_counts_from(window, r[f"{p}start_date"], r[f"{p}start_year"], r[f"{p}submitted_on"]),
                key=r[f"{p}ogp_id"],
                count=r["n"],
            )
            for r in rows
        ]

    return qualifying


def commitment_target(
    key: str, title: Any, definition: Any, formula: Any, numerator: Any, labels: tuple[str, ...]
) -> TargetIndicator:
    return register(
        TargetIndicator(
            key=key,
            title=title,
            definition=definition,
            formula=formula,
            numerator_text=numerator,
            qualifying=tagged_plan_evidence(labels),
            commitments=tagged_commitments(labels),
        )
    )


# --------------------------------------------------------------------------------------------- the indicators

# Break the Roles: OGP's "Gender and Inclusion" is the Inclusion group of its commitments database with every area
# under it. Exactly these labels of plans/taxonomy.py:
GENDER_AND_INCLUSION = (
    "Inclusion",
    "Gender",
    "Gender-Based Violence",
    "Economic Inclusion",
    "LGBTQIA+",
    "People with Disabilities",
    "Youth",
)

commitment_target(
    "gender-inclusion-action",
    _("Members taking meaningful action on gender and inclusion"),
    _(
        "Share of Active members with at least one commitment tagged Gender and Inclusion (the Inclusion group or "
        "any area under it: Gender, Gender-Based Violence, Economic Inclusion, LGBTQIA+, People with Disabilities, "
        "Youth) in an action plan submitted to OGP, or being implemented, during the campaign window (plans still "
        "in co-creation do not count)."
    ),
    _("Active members with a qualifying commitment ÷ Active members"),
    _(
        "Active members with a commitment tagged Gender and Inclusion in a plan that was submitted or in "
        "implementation within the window."
    ),
    GENDER_AND_INCLUSION,
)

# Open Response + Open Recovery: the areas of its themes that OGP's database tags.
OPEN_RESPONSE_AREAS = (
    "Health & Nutrition",
    "Open Data (Health)",
    "Public Procurement",
    "Open Contracting",
    "Stimulus and Economic Recovery",
    "Economic Inclusion",
    "Fiscal Openness",
    "Open Parliaments",
)

commitment_target(
    "open-response-action",
    _("Members with open response and recovery commitments"),
    _(
        "Share of Active members with at least one commitment on the themes of Open Response + Open Recovery, as "
        "OGP's database tags them (Health & Nutrition, Open Data (Health), Public Procurement, Open Contracting, "
        "Stimulus and Economic Recovery, Economic Inclusion, the Fiscal Openness group and Open Parliaments) in an "
        "action plan submitted or being implemented during the window."
    ),
    _("Active members with a qualifying commitment ÷ Active members"),
    _("Active members with a commitment tagged with one of these areas in a plan of the window."),
    OPEN_RESPONSE_AREAS,
)


def _challenge_evidence(window: Window) -> list[Evidence]:
    from .models import ChallengeSubmission, SubmissionStatus

    rows = (
        ChallengeSubmission.objects.filter(
            status=SubmissionStatus.ACCEPTED,
            member__isnull=False,
            created_at__date__gte=window.starts_on,
            created_at__date__lte=window.ends_on,
        )
        .values_list("member_id", "pk", "created_at")
        .order_by()
    )
    return [Evidence(member_id, created.date(), f"submission-{pk}") for member_id, pk, created in rows]


register(
    TargetIndicator(
        key="open-gov-challenge-members",
        title=_("Members that answered the Open Gov Challenge"),
        definition=_(
            "Share of Active members with at least one Open Gov Challenge submission accepted by the Support Unit "
            "(a standalone reform or nominated action-plan commitments), submitted within the window."
        ),
        formula=_("Active members with an accepted submission ÷ Active members"),
        numerator_text=_("Active members with an accepted Challenge submission sent within the window."),
        qualifying=_challenge_evidence,
    )
)


# ----------------------------------------------------------------------------------------------- computing


def _member_lines() -> list[MemberLine]:
    """Every member with its join date and status log: three queries, a few hundred rows."""
    first_plan = dict(
        ActionPlan.objects.values("member_id").annotate(y=Min("start_year")).order_by().values_list("member_id", "y")
    )
    logs: dict[int, list[tuple[datetime.date, str]]] = defaultdict(list)
    for member_id, effective, status in StatusChange.objects.order_by("effective_date", "recorded_at").values_list(
        "member_id", "effective_date", "status"
    ):
        logs[member_id].append((effective, status))
    lines = []
    for pk, name, slug, joined in Member.objects.values_list("pk", "name", "slug", "join_date"):
        if joined is None:
            year = first_plan.get(pk)
            if year is None:
                continue  # neither a join date nor a plan: the platform cannot say since when it is a member
            joined = datetime.date(year, 1, 1)
        lines.append(MemberLine(pk, name, slug, joined, logs.get(pk, [])))
    return lines


def compute(indicator: TargetIndicator, window: Window) -> Tally:
    lines = _member_lines()
    by_member = {line.member_id: line for line in lines}
    for evidence in indicator.qualifying(window):
        line = by_member.get(evidence.member_id)
        if line is None:
            continue
        line.evidence.append(evidence)
        if line.qualified_on is None or evidence.counts_from < line.qualified_on:
            line.qualified_on = evidence.counts_from
    for line in lines:
        line.evidence.sort(key=lambda e: (e.counts_from, e.key))
    return Tally(lines)


# The tables under every campaign number (new rows move MAX(id); edits through the actions write history rows).
VERSION_TABLES = (
    ("plans", "Commitment"),
    ("plans", "Commitment_policy_areas"),  # tags added
    ("plans", "ActionPlan"),
    ("members", "Member"),
    ("members", "StatusChange"),
    ("campaigns", "ChallengeSubmission"),
)
SIGNAL_VERSION_KEY = "campaigns:signal-version"


def version() -> str:
    """The fingerprint of the data under the targets: one query of indexed MAX()es, plus the counters that
    signals bump for changes no MAX moves (tags removed, rows saved without history: see signals.py)."""
    extra = f"{cache.get(SIGNAL_VERSION_KEY, 0)}:{cache.get(INSIGHTS_SIGNAL_KEY, 0)}"
    return fingerprint(VERSION_TABLES, extra)


def bump_version() -> None:
    try:
        cache.incr(SIGNAL_VERSION_KEY)
    except ValueError:
        cache.set(SIGNAL_VERSION_KEY, 1, None)


def compute_cached(indicator: TargetIndicator, window: Window, data: str | None = None) -> Tally:
    """``compute`` through the cache; the key holds the data's fingerprint, so a change gives a fresh number."""
    key = f"campaigns:tally:{data or version()}:{indicator.key}:{window.starts_on}:{window.ends_on}"
    tally: Tally | None = cache.get(key)  # the cache is untyped: it holds the Tally set below
    if tally is None:
        tally = compute(indicator, window)
        cache.set(key, tally, CACHE_SECONDS)
    return tally


def month_ends(starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    """The last day of every month from ``starts_on`` to ``ends_on`` (the last one is ``ends_on`` itself)."""
    days = []
    year, month = starts_on.year, starts_on.month
    while True:
        nxt = datetime.date(year + month // 12, month % 12 + 1, 1)
        end = nxt - datetime.timedelta(days=1)
        if end >= ends_on:
            days.append(ends_on)
            return days
        days.append(end)
        year, month = nxt.year, nxt.month
