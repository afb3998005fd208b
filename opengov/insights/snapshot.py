"""Member snapshots: the Global Report's member page, also live at /insights/members/<slug>/.

Everything numeric comes from indicators.py (same definitions as everywhere else). ``snapshot_for`` serves one
page; ``snapshots_for`` serves the report's 200 pages from grouped results (indicators.compute_many: one query
per indicator, or per family of IRM shares, for all members), the co-creation checklists read together
(cocreation.standards.checklists_for) and the IRM's public-influence findings in one query
(irm.influence.latest_findings): a fixed number of queries, not one round per member.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from opengov.irm.influence import latest_findings

from . import indicators
from .indicators import Filters, Indicator, Result, Row

PERFORMANCE_KEYS = ("verifiable", "relevant", "ambitious", "high-completion", "strong-results", "starred")


@dataclass
class Comparison:
    indicator: Indicator
    member: Any  # Row or Result: value, numerator, denominator
    region: Any
    world: Any

    @property
    def assessed(self) -> bool:
        return bool(self.member is not None and self.member.denominator)


# Design versus implementation focus (DOMAIN.md 3.4). The rule, shown on the page:
FOCUS_LABELS = {
    "implementation": _("Focus on implementation"),
    "design": _("Focus on design"),
    "pending": _("Pending IRM review"),
    "no-data": _("No IRM data"),
}
FOCUS_RULE = _(
    "Compares the member with the world on design (share of ambitious commitments) and on implementation (share "
    'with high completion). The focus is where the member is further below the world average: "Focus on '
    'implementation" when completion lags more, "Focus on design" when ambition lags more. "Pending IRM review" '
    'when the member has action plans but the IRM has not yet published a completion assessment; "No IRM data" '
    "when it has no action plan with published IRM data."
)


INFLUENCE_RULE = _(
    "The level of public influence on the IAP2 spectrum (Inform, Consult, Involve, Collaborate, Empower) during "
    "the development and the implementation of an action plan, whether participation was open to anyone "
    "interested, and whether the multi-stakeholder forum met regularly: each from the latest published IRM "
    'report that assessed it (the latest plan first), "Not assessed" otherwise.'
)


def focus_of(ambitious: Comparison, completion: Comparison, has_plans: bool) -> str:
    design_known = ambitious.assessed and ambitious.world.value is not None
    implementation_known = completion.assessed and completion.world.value is not None
    if not implementation_known:
        if design_known or has_plans:
            return "pending"
        return "no-data"
    completion_gap = completion.member.value - completion.world.value
    if not design_known:
        return "implementation" if completion_gap < 0 else "design"
    design_gap = ambitious.member.value - ambitious.world.value
    return "implementation" if completion_gap < design_gap else "design"


@dataclass
class ThirdPartyFigure:
    indicator: str
    year: int
    value: float
    source: str
    licence: str
    source_url: str
    history: list[tuple[int, float]] = field(default_factory=list)


@dataclass
class Snapshot:
    member: Any
    commitments: int
    action_plans: list[Any]
    comparisons: list[Comparison]
    focus: str
    forum: Any
    checklist_plan: Any
    checklist: list[Any] | None
    third_party: list[ThirdPartyFigure]
    influence: list[Any] = field(default_factory=list)  # irm.influence.Finding per process field

    @property
    def focus_label(self) -> str:
        return str(FOCUS_LABELS[self.focus])

    @property
    def focus_rule(self) -> str:
        return str(FOCUS_RULE)

    @property
    def influence_rule(self) -> str:
        return str(INFLUENCE_RULE)

    def comparison(self, key: str) -> Comparison | None:
        return next((c for c in self.comparisons if c.indicator.key == key), None)

    @property
    def stars(self) -> Comparison | None:
        return self.comparison("starred")

    @property
    def unmet(self) -> list[Any]:
        return [r for r in self.checklist or [] if r.status == "not_met"]

    @property
    def met(self) -> list[Any]:
        return [r for r in self.checklist or [] if r.status == "met"]


def _empty() -> Row:
    return Row("", "", None, 0, 0)


def _build(
    member: Any,
    lookup: Callable[[str, str], Any],
    commitments: int,
    plans: list[Any],
    forum: Any,
    third_party: list[ThirdPartyFigure],
    checklists: dict[int, list[Any]] | None,
    influence: list[Any],
) -> Snapshot:
    comparisons = [
        Comparison(indicators.get(key), lookup(key, "member"), lookup(key, "region"), lookup(key, "world"))
        for key in PERFORMANCE_KEYS
    ]
    by_key = {c.indicator.key: c for c in comparisons}
    focus = focus_of(by_key["ambitious"], by_key["high-completion"], bool(plans))
    checklist_plan = checklist_plan_of(plans) if checklists is not None else None
    checklist = checklists.get(checklist_plan.pk) if checklists is not None and checklist_plan else None
    return Snapshot(
        member, commitments, plans, comparisons, focus, forum, checklist_plan, checklist, third_party, influence
    )


def checklist_plan_of(plans: list[Any]) -> Any:
    """The plan whose co-creation checklist the snapshot shows: the member's latest plan past co-creation."""
    from opengov.plans.phases import Phase

    submitted = [p for p in plans if p.phase != Phase.CO_CREATION]
    return max(submitted, key=lambda p: p.number) if submitted else None


def _checklists(plans_by_member: Iterable[list[Any]]) -> dict[int, list[Any]]:
    """The checklists of every member's checklist plan, read together (cocreation.standards.checklists_for)."""
    from opengov.cocreation.standards import checklists_for

    chosen = [plan for plans in plans_by_member if (plan := checklist_plan_of(plans)) is not None]
    return checklists_for(chosen)


def _forums(member_ids: list[int]) -> dict[int, Any]:
    from opengov.cocreation.models import Forum

    forums = Forum.objects.filter(member_id__in=member_ids).annotate(
        seat_count=models.Count("seats", distinct=True),
        meeting_count=models.Count("meetings", distinct=True),
        last_meeting=models.Max("meetings__held_on"),
    )
    return {forum.member_id: forum for forum in forums}


def _third_party(member_ids: list[int]) -> dict[int, list[ThirdPartyFigure]]:
    """Each member's latest value per indicator (newest import wins for a year), with its history."""
    from .models import ThirdPartyValue

    rows = (
        ThirdPartyValue.objects.filter(member_id__in=member_ids)
        .select_related("dataset")
        .order_by("member_id", "indicator", "year", "dataset__imported_at")
    )
    figures: dict[tuple[int, str], ThirdPartyFigure] = {}
    history: dict[tuple[int, str], dict[int, float]] = {}
    for row in rows:
        key = (row.member_id, row.indicator)
        history.setdefault(key, {})[row.year] = row.value
        ds = row.dataset
        figures[key] = ThirdPartyFigure(row.indicator, row.year, row.value, ds.source, ds.licence, ds.source_url)
    out: dict[int, list[ThirdPartyFigure]] = {}
    for key, figure in figures.items():
        figure.history = sorted(history[key].items())
        out.setdefault(key[0], []).append(figure)
    return out


def snapshot_for(member: Any, version: str | None = None) -> Snapshot:
    """One member's snapshot: the member's own numbers computed for it alone, region and world from cache."""
    from opengov.plans.models import ActionPlan

    version = version or indicators.data_version()
    scopes = {"member": Filters(member=member.slug), "region": Filters(region=member.region), "world": Filters()}
    results = {scope: indicators.compute_many(PERFORMANCE_KEYS, f, (), version) for scope, f in scopes.items()}

    def lookup(key: str, scope: str) -> Result:
        return results[scope][key]

    commitments = indicators.compute_cached(indicators.get("commitments"), Filters(member=member.slug), (), version)
    plans = list(ActionPlan.objects.filter(member=member).order_by("number"))
    return _build(
        member,
        lookup,
        int(commitments.value or 0),
        plans,
        _forums([member.pk]).get(member.pk),
        _third_party([member.pk]).get(member.pk, []),
        _checklists([plans]),
        latest_findings([member.pk])[member.pk],
    )


def snapshots_for(members: Iterable[Any], version: str | None = None, with_checklist: bool = True) -> list[Snapshot]:
    """Snapshots of many members, from grouped results: a fixed number of queries whatever their number."""
    from opengov.plans.models import ActionPlan

    members = list(members)
    version = version or indicators.data_version()
    by_member = indicators.results_by_member(PERFORMANCE_KEYS, version)
    by_region = {
        key: {row.key: row for row in result.breakdown.get("region", [])}
        for key, result in indicators.compute_many(PERFORMANCE_KEYS, Filters(), ("region",), version).items()
    }
    world = indicators.compute_many(PERFORMANCE_KEYS, Filters(), (), version)
    counts = indicators.results_by_member(("commitments",), version)["commitments"]
    ids = [m.pk for m in members]
    plans: dict[int, list[Any]] = {}
    for plan in ActionPlan.objects.filter(member_id__in=ids).order_by("member_id", "number"):
        plans.setdefault(plan.member_id, []).append(plan)
    forums = _forums(ids)
    third_party = _third_party(ids)
    checklists = _checklists(plans.values()) if with_checklist else None
    influence = latest_findings(ids)
    out = []
    for member in members:

        def lookup(key: str, scope: str, member: Any = member) -> Any:
            if scope == "member":
                return by_member[key].get(member.slug) or _empty()
            if scope == "region":
                return by_region[key].get(member.region) or _empty()
            return world[key]

        count = counts.get(member.slug)
        out.append(
            _build(
                member,
                lookup,
                int(count.numerator or 0) if count else 0,  # a count row always has its numerator
                plans.get(member.pk, []),
                forums.get(member.pk),
                third_party.get(member.pk, []),
                checklists,
                influence[member.pk],
            )
        )
    return out
