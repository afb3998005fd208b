"""Action plans, commitments (with milestones and institutions) and policy areas in site-wide search."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register
from opengov.members.models import Member

from .models import ActionPlan, Commitment, Milestone, PolicyArea


def _plan_document(plan: ActionPlan) -> Document:
    return Document(
        title=str(plan.name),
        body=[plan.ogp_id, plan.get_phase_display()],
        language="en",
        member=plan.member,
        year=plan.start_year,
    )


def _commitment_document(c: Commitment) -> Document:
    milestones = [m.title + "\n" + m.expected_output for m in c.milestones.all()]
    return Document(
        title=f"{c.ogp_id} {c.display_title}",
        body=[
            c.title if c.short_title else "",
            c.theme,
            c.problem,
            c.status_quo,
            c.objective,
            c.description,
            c.lead_institution,
            c.supporting_institutions,
            *milestones,
            c.action_plan.member.name,
        ],
        member=c.action_plan.member,
        year=c.action_plan.start_year,
        policy_area_ids=[a.pk for a in c.policy_areas.all()],
    )


def _area_document(area: PolicyArea) -> Document:
    # The label in every interface language, so "transparencia fiscal" finds "Fiscal Transparency".
    translated = []
    for language in ("es", "fr"):
        with translation.override(language):
            translated.append(translation.gettext(area.label))
    return Document(
        title=area.label,
        body=[*translated, area.description, area.parent.label if area.parent else ""],
        language="en",
        policy_area_ids=[area.pk],
    )


def _commitments_of_member(member: Member) -> list[int]:
    return list(Commitment.objects.filter(action_plan__member=member).values_list("pk", flat=True))


register(
    Searchable(
        kind="actionplan",
        label=_("Action plans"),
        model=ActionPlan,
        public=lambda: ActionPlan.objects.select_related("member"),
        document=_plan_document,
        watch=[
            Watch(ActionPlan, lambda p: [p.pk]),
            Watch(Member, lambda m: list(m.action_plans.values_list("pk", flat=True))),
        ],
        boost=1.5,
    )
)
register(
    Searchable(
        kind="commitment",
        label=_("Commitments"),
        model=Commitment,
        public=lambda: Commitment.objects.select_related("action_plan__member").prefetch_related(
            "policy_areas",
            Prefetch("milestones", queryset=Milestone.objects.only("commitment_id", "title", "expected_output")),
        ),
        document=_commitment_document,
        watch=[
            Watch(Commitment, lambda c: [c.pk], m2m=Commitment.policy_areas.through),
            Watch(Milestone, lambda m: [m.commitment_id]),
            Watch(ActionPlan, lambda p: list(p.commitments.values_list("pk", flat=True))),
            Watch(Member, _commitments_of_member),
        ],
    )
)
register(
    Searchable(
        kind="policyarea",
        label=_("Policy areas"),
        model=PolicyArea,
        public=lambda: PolicyArea.objects.select_related("parent"),
        document=_area_document,
        watch=[Watch(PolicyArea, lambda a: [a.pk])],
        boost=2.0,
    )
)
