"""Bench-only seeding: a realistic volume of members, plans, commitments, milestones and tags, fast.

This bypasses the actions (no permission checks, no history rows) on purpose: it only has to produce the
row counts and shapes the public pages and the API read, in seconds, in the benchmark's own database. The
application never writes like this (see plans/actions.py).

Layout (deterministic): the demo's real members (opengov.members.demo.MEMBERS and LOCALS) plus synthetic local
members, each with a fixed set of action plans created up front. Commitments are dealt round-robin over all
plans, so growing the data from 1,000 to 10,000 commitments makes every plan longer (same members, same
plans) and the query-count comparison between the two sizes is like for like.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from opengov.members.demo import LOCALS, MEMBERS, OGP_SITE, MemberSpec
from opengov.members.models import Member, MemberKind
from opengov.plans.demo_content import COMMITMENT_TEMPLATES
from opengov.plans.models import ActionPlan, Commitment, Milestone, MilestoneStatus, PolicyArea
from opengov.plans.phases import Phase

BUSY_MEMBER = "AL"  # the member with many plans, whose page the benchmark times
BUSY_MEMBER_PLANS = 8
NATIONAL_PLANS = 5
LOCAL_PLANS = 2
SYNTHETIC_LOCALS = 100
MILESTONES_PER_COMMITMENT = 3
BATCH = 2000


@dataclass(frozen=True)
class PlanSlot:
    member_code: str
    ogp_id: str
    number: int
    start: int
    end: int
    phase: str
    index_in_member: int
    member_plan_count: int


def _synthetic_locals() -> list[MemberSpec]:
    parents = [spec for spec in MEMBERS if spec.code not in {"HU"}]
    specs = []
    for i in range(SYNTHETIC_LOCALS):
        code = f"Q{chr(65 + i // 26)}{chr(65 + i % 26)}"
        parent = parents[i % len(parents)]
        specs.append(
            MemberSpec(
                f"Municipality {code} ({parent.name})",
                code,
                "",
                parent.region,
                datetime.date(2020, 10, 1),
                "Mayor's Office",
                parent_code=parent.code,
                kind=MemberKind.LOCAL,
                plan_code=code,
            )
        )
    return specs


def all_member_specs() -> list[MemberSpec]:
    return [*MEMBERS, *LOCALS, *_synthetic_locals()]


def plan_slots() -> list[PlanSlot]:
    slots = []
    for spec in all_member_specs():
        if spec.code == BUSY_MEMBER:
            count = BUSY_MEMBER_PLANS
        elif spec.kind == MemberKind.NATIONAL:
            count = NATIONAL_PLANS
        else:
            count = LOCAL_PLANS
        first = 2026 - 2 * count
        for i in range(count):
            start = first + 2 * i
            phase = Phase.ENDED if start + 2 <= 2024 else Phase.IMPLEMENTATION
            stem = spec.plan_code or spec.iso3
            slots.append(PlanSlot(spec.code, f"AP_{stem}{i + 1:02d}", i + 1, start, start + 2, phase, i, count))
    return slots


def ensure_skeleton() -> None:
    """Members and plans, created once (ignore_conflicts makes a re-run a no-op)."""
    specs = all_member_specs()
    nationals = [s for s in specs if not s.parent_code]
    locals_ = [s for s in specs if s.parent_code]

    def member(spec: MemberSpec, parent: Member | None) -> Member:
        slug = slugify(spec.name)
        return Member(
            name=spec.name,
            slug=slug,
            kind=spec.kind,
            country=parent.country if parent else spec.code,
            iso3=spec.iso3,
            ogp_code=spec.code,
            parent=parent,
            region=spec.region,
            join_date=spec.joined,
            lead_agency=spec.lead_agency,
            website_url=f"{OGP_SITE}/members/{slug}/",
            status_since=spec.joined,
        )

    with transaction.atomic():
        Member.objects.bulk_create([member(s, None) for s in nationals], ignore_conflicts=True)
        by_code = {m.ogp_code: m for m in Member.objects.all()}
        Member.objects.bulk_create([member(s, by_code[s.parent_code]) for s in locals_], ignore_conflicts=True)
        by_code = {m.ogp_code: m for m in Member.objects.all()}
        ActionPlan.objects.bulk_create(
            [
                ActionPlan(
                    member=by_code[slot.member_code],
                    number=slot.number,
                    ogp_id=slot.ogp_id,
                    start_year=slot.start,
                    end_year=slot.end,
                    duration_years=2,
                    start_date=datetime.date(slot.start, 9, 1),
                    end_date=datetime.date(slot.end, 8, 31),
                    submitted_on=datetime.date(slot.start, 8, 31),
                    phase=slot.phase,
                )
                for slot in plan_slots()
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )


def seed_commitments(target: int, log=print) -> int:
    """Add commitments (with milestones and tags) until there are ``target``; return how many were added."""
    slots = plan_slots()
    plans = {p.ogp_id: p for p in ActionPlan.objects.filter(ogp_id__in=[s.ogp_id for s in slots])}
    codes = dict(Member.objects.values_list("pk", "ogp_code"))
    existing = Commitment.objects.count()
    if existing >= target:
        return 0
    areas = {a.label: a.pk for a in PolicyArea.objects.all()}
    labels = list(areas)
    rng = random.Random(existing)  # noqa: S311 - bench content, not a secret
    tag_model = Commitment.policy_areas.through
    added = 0
    for batch_start in range(existing, target, BATCH):
        batch_end = min(batch_start + BATCH, target)
        commitments = []
        chosen_tags = []
        for k in range(batch_start, batch_end):
            slot = slots[k % len(slots)]
            ordinal = k // len(slots)  # the commitment's place in its plan
            plan = plans[slot.ogp_id]
            # Unique per member across its plans, stable whatever the target: AL0001, AL0009, ...
            number = ordinal * slot.member_plan_count + slot.index_in_member + 1
            code = codes[plan.member_id]
            template = COMMITMENT_TEMPLATES[k % len(COMMITMENT_TEMPLATES)]
            member_name = slot.member_code
            commitments.append(
                Commitment(
                    action_plan=plan,
                    ogp_id=f"{code}{number:04d}",
                    number=str(ordinal + 1),
                    title=template.titles[k % len(template.titles)],
                    theme=template.area,
                    problem=template.problem.format(member=member_name),
                    objective=template.objective,
                    description=template.description,
                    start_date=plan.start_date,
                    end_date=plan.end_date,
                    lead_institution=template.lead,
                    supporting_institutions="\n".join(template.supporting),
                    url=f"{OGP_SITE}/commitments/{code}{number:04d}/",
                    **dict.fromkeys(template.values, True),
                )
            )
            chosen_tags.append([template.area, *template.children[:1], rng.choice(labels)])
        with transaction.atomic():
            created = Commitment.objects.bulk_create(commitments, batch_size=BATCH)
            if created and created[0].pk is None:  # a backend without RETURNING: read the ids back
                ids = dict(
                    Commitment.objects.filter(ogp_id__in=[c.ogp_id for c in created]).values_list("ogp_id", "pk")
                )
                for c in created:
                    c.pk = ids[c.ogp_id]
            tag_model.objects.bulk_create(
                [
                    tag_model(commitment_id=c.pk, policyarea_id=areas[label])
                    for c, tags in zip(created, chosen_tags, strict=True)
                    for label in dict.fromkeys(tags)
                    if label in areas
                ],
                batch_size=BATCH * 3,
            )
            statuses = list(MilestoneStatus)
            Milestone.objects.bulk_create(
                [
                    Milestone(
                        commitment_id=c.pk,
                        position=i + 1,
                        title=template_milestone,
                        start_date=c.start_date,
                        end_date=c.end_date,
                        expected_output="Published on the member's OGP repository.",
                        responsible=c.lead_institution,
                        status=statuses[(c.pk + i) % len(statuses)],
                    )
                    for c in created
                    for i, template_milestone in enumerate(_milestone_titles(c.theme))
                ],
                batch_size=BATCH * 3,
            )
        added += len(created)
        log(f"  seeded {batch_end:,} commitments")
    return added


def _milestone_titles(area: str) -> tuple[str, ...]:
    template = next(t for t in COMMITMENT_TEMPLATES if t.area == area)
    return (template.milestones * 2)[:MILESTONES_PER_COMMITMENT]
