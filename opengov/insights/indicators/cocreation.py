"""Indicators about co-creation (opengov.cocreation): compliance with the standards, the public's influence, and
the contributions made and answered in consultations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from opengov.irm import scales
from opengov.members.models import MemberKind, Region

from .filters import Filters
from .registry import PLAN_DIMENSIONS, Indicator
from .results import Result, Row, levels, ratio_result, share


def _latest_submitted_plans(filters: Filters) -> list[Any]:
    """Each member's most recent plan past co-creation (the one the standards were last applied to)."""
    from opengov.plans.models import ActionPlan
    from opengov.plans.phases import Phase

    plans = filters.for_members(ActionPlan.objects.exclude(phase=Phase.CO_CREATION), "member__")
    if filters.year is not None:
        plans = plans.filter(start_year=filters.year)
    if filters.cycle is not None:
        plans = plans.filter(number=filters.cycle)
    latest: dict[int, Any] = {}
    for plan in plans.select_related("member").order_by("member_id", "-number"):
        latest.setdefault(plan.member_id, plan)
    return list(latest.values())


def _cocreation_compliance(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
    """Uses the co-creation app's own checklist (cocreation.standards), so the rule is defined once there.

    The checklists of all the latest plans are read together (``checklists_for``): a fixed number of queries
    whatever the number of members; the breakdowns are counted in Python from the same verdicts.
    """
    from opengov.cocreation.standards import NOT_ASSESSED, NOT_MET, checklists_for

    plans = _latest_submitted_plans(filters)
    checklists = checklists_for(plans)
    verdicts: list[tuple[Any, bool]] = []
    for plan in plans:
        checklist = checklists[plan.pk]
        if all(r.status == NOT_ASSESSED for r in checklist):
            continue  # nothing assessed yet: left out of the denominator
        verdicts.append((plan.member, not any(r.status == NOT_MET for r in checklist)))
    applied = {k: v for k, v in filters.applied().items() if k != "policy_area"}
    met = sum(ok for _m, ok in verdicts)
    result = Result(share(met, len(verdicts)), met, len(verdicts), filters_applied=applied)
    with translation.override("en"):
        region_labels = {k: str(v) for k, v in Region.choices}
        kind_labels = {k: str(v) for k, v in MemberKind.choices}
    groupers = {
        "region": lambda m: (m.region, region_labels.get(m.region, m.region)),
        "kind": lambda m: (m.kind, kind_labels.get(m.kind, m.kind)),
        "member": lambda m: (m.slug, m.name),
    }
    for key in breakdowns:
        buckets: dict[str, list[Any]] = {}
        for member, ok in verdicts:
            k, label = groupers[key](member)
            buckets.setdefault(k, [label, 0, 0])
            buckets[k][1] += ok
            buckets[k][2] += 1
        rows = [Row(k, label, share(n, d), n, d) for k, (label, n, d) in buckets.items()]
        result.breakdown[key] = sorted(rows, key=lambda r: r.label.casefold())
    return result


def _participation(answered_only: bool) -> Callable[[Filters, tuple[str, ...]], Result]:
    def compute(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
        from opengov.cocreation.models import Contribution

        qs = filters.for_members(Contribution.objects.visible(), "consultation__action_plan__member__")
        if filters.year is not None:
            qs = qs.filter(consultation__action_plan__start_year=filters.year)
        if filters.cycle is not None:
            qs = qs.filter(consultation__action_plan__number=filters.cycle)
        applied = {k: v for k, v in filters.applied().items() if k != "policy_area"}
        if answered_only:
            return ratio_result(
                qs, "pk", models.Q(response__isnull=False), models.Q(), filters, breakdowns, "consultation__", applied
            )
        return ratio_result(qs, "pk", models.Q(), None, filters, breakdowns, "consultation__", applied)

    return compute


def _public_influence(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
    """Action plans whose development reached at least Involve, each judged by its latest published report
    that assesses it (irm.influence: the order the member snapshot uses too). One query plus one per breakdown."""
    from opengov.irm.influence import LATEST_FIRST, assessed_q
    from opengov.irm.models import Report

    field_name = "iap2_level_development"
    latest = (
        Report.objects.published()
        .filter(assessed_q(field_name), action_plan_id=models.OuterRef("action_plan_id"))
        .order_by(*LATEST_FIRST)
        .values("pk")[:1]
    )
    qs = filters.for_members(Report.objects.published().filter(pk=models.Subquery(latest)), "action_plan__member__")
    if filters.year is not None:
        qs = qs.filter(action_plan__start_year=filters.year)
    if filters.cycle is not None:
        qs = qs.filter(action_plan__number=filters.cycle)
    applied = {k: v for k, v in filters.applied().items() if k != "policy_area"}
    numerator = models.Q(**{f"{field_name}__in": scales.at_least(scales.DEVELOPMENT_MINIMUM)})
    denominator = models.Q(**{f"{field_name}__in": levels(scales.PublicInfluence)})
    return ratio_result(qs, "action_plan_id", numerator, denominator, filters, breakdowns, "", applied)


INDICATORS = (
    Indicator(
        key="cocreation-compliance",
        title=_("Co-creation compliance"),
        definition=_(
            "Share of members whose latest submitted action plan met every minimum requirement of the Participation "
            "and Co-Creation Standards that has been assessed."
        ),
        formula=_(
            "Latest plans with no unmet minimum requirement ÷ latest plans with at least one requirement assessed"
        ),
        denominator_text=_(
            "Each member's most recent action plan past co-creation, when at least one minimum requirement has "
            "been assessed; requirements not assessed yet count neither way."
        ),
        unit="percent",
        compute_fn=_cocreation_compliance,
        dimensions=("region", "kind", "member"),
        group=_("Co-creation"),
        source=_("Co-creation checklists"),
    ),
    Indicator(
        key="public-influence",
        title=_("Public influence in co-creation"),
        definition=_(
            "Share of assessed action plans whose development gave the public at least an Involve level of "
            "influence on the IAP2 spectrum (Involve, Collaborate or Empower rather than Inform or Consult), as "
            "assessed by the IRM: the level OGP's earlier procedural-review rule required."
        ),
        formula=_(
            "Plans with Involve, Collaborate or Empower during development ÷ plans with a level assessed for "
            "development"
        ),
        denominator_text=_(
            "Action plans with a level of public influence during development in a published IRM report (the "
            "latest such report counts); plans not assessed are left out."
        ),
        unit="percent",
        compute_fn=_public_influence,
        dimensions=PLAN_DIMENSIONS,
        group=_("Co-creation"),
        source=_("IRM reports"),
    ),
    Indicator(
        key="contributions",
        title=_("Contributions"),
        definition=_(
            "How many proposals and comments people made in co-creation consultations (hidden ones excluded)."
        ),
        formula=_("Number of visible contributions"),
        denominator_text=_("No denominator: a count."),
        unit="count",
        compute_fn=_participation(answered_only=False),
        dimensions=PLAN_DIMENSIONS,
        group=_("Co-creation"),
        source=_("Consultations"),
    ),
    Indicator(
        key="answered-contributions",
        title=_("Contributions answered"),
        definition=_("Share of visible contributions to consultations that received a reasoned response."),
        formula=_("Contributions with a response ÷ visible contributions"),
        denominator_text=_("Visible contributions (hidden ones are abuse, not input to answer)."),
        unit="percent",
        compute_fn=_participation(answered_only=True),
        dimensions=PLAN_DIMENSIONS,
        group=_("Co-creation"),
        source=_("Consultations"),
    ),
)
