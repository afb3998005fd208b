"""Demo action plans: every member's cycles (ended, current, next) with commitments, milestones and progress.

Built through the same actions the pages use (plans.actions), so every row has its history and passes the same
validation. Idempotent: a plan is found by its OGP id and only what is missing is created. A member the real sample
holds (opendata/demo.py, seeded first) keeps its real plans and commitments (OGP ids AP_ALB01..., AL0002...) and gets
only its current and next plans, numbered after its last real plan, with commitment ids above its highest real id.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from opengov.accounts.demo import DEMO_USERS, demo_user, grant_demo_role
from opengov.accounts.models import User
from opengov.core.seeding import SeedLog
from opengov.members.demo import LOCALS, MEMBERS, OGP_SITE, MemberSpec
from opengov.members.models import Member

from . import actions as plan_actions
from .demo_content import COMMITMENT_TEMPLATES, COMPLETION_TEXTS, CommitmentTemplate
from .models import (
    ActionPlan,
    Commitment,
    CompletionLevel,
    EvidenceLink,
    Milestone,
    MilestoneStatus,
    PolicyArea,
    ProgressUpdate,
)
from .phases import Phase
from .taxonomy import all_labels

# Current national cycles: two-year plans 2024-2026, four-year plans 2023-2027 (OGP's cohorts in the data).
CURRENT_TWO_YEAR_START = 2024
# Members whose milestones and progress are written through the actions, one by one, with a full change
# history (the ones the demo's editors work on); elsewhere they are bulk-inserted with a creation history
# row each, which keeps the command well under 15 s on SQLite.
HISTORY_MEMBERS = ("AL", "AM")
CURRENT_FOUR_YEAR_START = 2023


def plan_cycles(spec: MemberSpec) -> list[tuple[int, int, str]]:
    """(start year, end year, phase) of each of a member's plans, oldest first."""
    if spec.cycles is not None:
        return list(spec.cycles)
    start = CURRENT_FOUR_YEAR_START if spec.four_year else CURRENT_TWO_YEAR_START
    end = start + (4 if spec.four_year else 2)
    first_possible = spec.joined.year + 1
    past = [(start - 2 * (i + 1), start - 2 * i, Phase.ENDED) for i in range(spec.past_plans)]
    past = [cycle for cycle in past if cycle[0] >= first_possible]
    cycles: list[tuple[int, int, str]] = [*reversed(past), (start, end, Phase.IMPLEMENTATION)]
    if spec.next_phase:
        cycles.append((end, end + 2, spec.next_phase))
    return cycles


def plan_ogp_id(spec: MemberSpec, number: int) -> str:
    # AP_{ISO3}{NN} for countries, AP_{ISO2}{2 letters}{NN} for locals (DOMAIN.md 4.3).
    return f"AP_{spec.plan_code or spec.iso3}{number:02d}"


def commitment_url(member_slug_: str, ogp_id: str) -> str:
    return f"{OGP_SITE}/members/{member_slug_}/commitments/{ogp_id}/"


class _PlanSeeder:
    def __init__(self, log: SeedLog) -> None:
        self.log = log
        self.rng = log.rng
        self.today = timezone.localdate()
        self.support_unit = demo_user("support_unit")
        self.areas = {area.label: area for area in PolicyArea.objects.all()}
        # Every label of the taxonomy is used at least once: commitments take one extra tag in turn.
        self.extra_tags: Iterator[str] = itertools.cycle([label for label in all_labels() if label in self.areas])
        self.members = {member.ogp_code: member for member in Member.objects.all()}

    def ensure_plans(self, spec: MemberSpec) -> None:
        member = self.members[spec.code]
        previous: list[Commitment] = []
        # Commitment ids run on across a member's plans (AL0001, AL0002, ...), as in OGP's database, and
        # start above the member's highest real id.
        next_number = int(plan_actions.next_commitment_id(member)[len(member.ogp_code) :])
        real = real_plans(member)
        cycles = plan_cycles(spec)
        first_number = 1
        if real:
            # The sample holds the member's history: generate only what comes after its last real plan.
            last = real[-1]
            previous = list(last.commitments.order_by("ogp_id"))
            cycles = cycles_after(cycles, last)
            first_number = last.number + 1
        for number, (start, end, phase) in enumerate(cycles, start=first_number):
            ogp_id = plan_ogp_id(spec, number)
            plan = ActionPlan.objects.filter(ogp_id=ogp_id).first()
            if plan is not None:
                previous = list(plan.commitments.order_by("ogp_id"))
                continue
            previous = self.create_plan(member, number, ogp_id, (start, end, phase), previous, next_number)
            next_number += len(previous)

    def editor_for(self, member: Member) -> User:
        """Progress is reported by the member's own government editor where the demo has one."""
        by_code = {"AL": "albania_editor", "AM": "armenia_editor"}
        return demo_user(by_code.get(member.ogp_code, "support_unit"))

    def create_plan(
        self,
        member: Member,
        number: int,
        ogp_id: str,
        cycle: tuple[int, int, str],
        previous: list[Commitment],
        next_number: int,
    ) -> list[Commitment]:
        """Create one plan with its commitments, milestones and progress; return the commitments."""
        su = self.support_unit
        start, end, phase = cycle
        submitted = datetime.date(start, 8, 31) if phase != Phase.CO_CREATION else None
        plan = plan_actions.create_action_plan(
            su,
            member,
            {
                "number": number,
                "ogp_id": ogp_id,
                "start_year": start,
                "end_year": end,
                "duration_years": end - start,
                "start_date": datetime.date(start, 9, 1),
                "end_date": datetime.date(end, 8, 31),
                "submitted_on": submitted,
                "phase": Phase.CO_CREATION,
                "document_url": f"{OGP_SITE}/documents/{member.slug}-action-plan-{start}-{end}/",
            },
        )
        self.log.created("action plans")
        counts: dict[str, int] = {
            Phase.ENDED: self.rng.randint(3, 4),
            Phase.IMPLEMENTATION: self.rng.randint(5, 8),
        }
        count = counts.get(phase, 4)
        templates = self.rng.sample(COMMITMENT_TEMPLATES, k=min(count, len(COMMITMENT_TEMPLATES)))
        commitments: list[Commitment] = []
        for position, template in enumerate(templates, start=1):
            carried = None
            # The first commitment of each later plan continues one of the previous plan (OGP's "Carried
            # Forward"), as members often do with reforms that need more than one cycle.
            if position == 1 and previous:
                carried = previous[0]
                # A real commitment's theme is OGP's free text: keep the drawn template then.
                template = next((t for t in COMMITMENT_TEMPLATES if t.area == carried.theme), template)
            commitment = self.create_commitment(member, plan, template, position, next_number, carried, phase)
            next_number += 1
            commitments.append(commitment)
        # Walk the lifecycle the way it happens, so the plan's history shows each phase change.
        walk = {
            Phase.CO_CREATION: [],
            Phase.SUBMITTED: [Phase.SUBMITTED],
            Phase.IMPLEMENTATION: [Phase.SUBMITTED, Phase.IMPLEMENTATION],
            Phase.ENDED: [Phase.SUBMITTED, Phase.IMPLEMENTATION, Phase.ENDED],
        }[Phase(phase)]
        for to_phase in walk:
            plan = plan_actions.change_phase(su, plan, to_phase)
        if phase in (Phase.IMPLEMENTATION, Phase.ENDED):
            for commitment in commitments:
                commitment.action_plan = plan  # the plan as it is now, in its final phase (rules read it)
                self.report_progress(member, plan, commitment)
        return commitments

    def create_commitment(
        self,
        member: Member,
        plan: ActionPlan,
        template: CommitmentTemplate,
        position: int,
        number: int,
        carried: Commitment | None,
        final_phase: str,
    ) -> Commitment:
        su = self.support_unit
        start, end = plan.start_year, plan.end_year
        ogp_id = f"{member.ogp_code}{number:04d}"
        title = carried.title if carried else self.rng.choice(template.titles)
        tags = [
            template.area,
            *self.rng.sample(template.children, k=min(2, len(template.children))),
            next(self.extra_tags),
        ]
        fields: dict[str, Any] = {
            "ogp_id": ogp_id,
            "number": str(position),
            "title": title,
            "theme": template.area,
            "problem": template.problem.format(member=member.name),
            "status_quo": template.problem.format(member=member.name),
            "objective": template.objective,
            "description": template.description,
            "start_date": datetime.date(start, 9, 1),
            "end_date": datetime.date(end, 8, 31),
            "lead_institution": template.lead,
            "supporting_institutions": "\n".join(template.supporting),
            "url": commitment_url(member.slug, ogp_id),
            "carried_forward_from": carried,
            **dict.fromkeys(template.values, True),
        }
        commitment = plan_actions.create_commitment(
            su, plan, fields, [self.areas[label] for label in dict.fromkeys(tags) if label in self.areas]
        )
        self.log.created("commitments")
        self.create_milestones(commitment, template, final_phase)
        return commitment

    def milestone_status(self, final_phase: str) -> str:
        if final_phase not in (Phase.IMPLEMENTATION, Phase.ENDED):
            return MilestoneStatus.NOT_STARTED
        return self.rng.choices(
            list(MilestoneStatus),
            weights=[15, 30, 20, 28, 7] if final_phase == Phase.IMPLEMENTATION else [5, 10, 5, 70, 10],
        )[0]

    def create_milestones(self, commitment: Commitment, template: CommitmentTemplate, final_phase: str) -> None:
        """Milestones are created while the plan is in co-creation; their status reflects the phase the
        plan is about to reach (nothing has started in a plan still being drafted or just submitted)."""
        su = self.support_unit
        start, end = commitment.action_plan.start_year, commitment.action_plan.end_year
        # Status changes as history rows only for the members the demo editors work on (speed elsewhere).
        with_history = commitment.action_plan.member.ogp_code in HISTORY_MEMBERS
        titles = template.milestones[: self.rng.randint(2, len(template.milestones))]
        span = (datetime.date(end, 8, 31) - datetime.date(start, 9, 1)).days
        milestones = []
        for index, title in enumerate(titles):
            begin = datetime.date(start, 9, 1) + datetime.timedelta(days=span * index // len(titles))
            finish = datetime.date(start, 9, 1) + datetime.timedelta(days=span * (index + 1) // len(titles) - 1)
            status = self.milestone_status(final_phase)
            fields = {
                "position": index + 1,
                "title": title,
                "start_date": begin,
                "end_date": finish,
                "expected_output": f"{title}: published on the member's OGP repository.",
                "responsible": commitment.lead_institution,
                "status": status,
            }
            self.log.created("milestones")
            if not with_history:
                milestones.append(Milestone(commitment=commitment, **fields))
                continue
            milestone = plan_actions.create_milestone(su, commitment, {**fields, "status": MilestoneStatus.NOT_STARTED})
            if status != MilestoneStatus.NOT_STARTED:
                # Recorded as a change, so the milestone's history shows when it moved.
                plan_actions.update_milestone(su, milestone, {"status": status}, expected_version=None)
        if milestones:
            bulk_create_with_history(milestones, Milestone, default_user=su)

    def report_progress(self, member: Member, plan: ActionPlan, commitment: Commitment) -> None:
        author = self.editor_for(member)
        statuses = list(commitment.milestones.values_list("status", flat=True))
        live = [s for s in statuses if s != MilestoneStatus.WITHDRAWN] or statuses
        done = sum(1 for s in live if s == MilestoneStatus.COMPLETE)
        if done == len(live):
            completion = CompletionLevel.COMPLETE
        elif done * 2 >= len(live):
            completion = CompletionLevel.SUBSTANTIAL
        elif done or any(s in (MilestoneStatus.IN_PROGRESS, MilestoneStatus.DELAYED) for s in live):
            completion = CompletionLevel.LIMITED
        else:
            completion = CompletionLevel.NOT_STARTED
        if plan.phase == Phase.ENDED:
            # An ended plan keeps its end-of-term report only.
            reports = [(datetime.date(plan.end_year, 8, 31), completion)]
        else:
            # A current plan shows how progress moved: a first report, then the latest one.
            first = (
                CompletionLevel.NOT_STARTED if completion == CompletionLevel.NOT_STARTED else CompletionLevel.LIMITED
            )
            reports = [(datetime.date(plan.start_year + 1, 3, 15), first)]
            if completion != first:
                reports.append((datetime.date(plan.start_year + 1, 11, 30), completion))
        with_history = member.ogp_code in HISTORY_MEMBERS
        updates: list[ProgressUpdate] = []
        evidence: list[EvidenceLink] = []
        for reported_on, level in reports:
            reported_on = min(reported_on, self.today)  # never in the future, whatever the machine's date
            fields = {"reported_on": reported_on, "completion": level, "text": COMPLETION_TEXTS[CompletionLevel(level)]}
            links = [
                (commitment.url, "Commitment page on opengovpartnership.org"),
                (
                    f"https://evidence.example.org/{member.slug}/{commitment.ogp_id.lower()}/"
                    f"report-{reported_on.isoformat()}.pdf",
                    "Implementation report (PDF)",
                ),
            ]
            self.log.created("progress updates")
            if with_history:
                plan_actions.create_progress_update(author, commitment, fields, evidence=links)
            else:
                update = ProgressUpdate(commitment=commitment, author=author, **fields)
                updates.append(update)
                evidence.extend(EvidenceLink(progress_update=update, url=url, title=title) for url, title in links)
        if updates:
            bulk_create_with_history(updates, ProgressUpdate, default_user=author)
            for link in evidence:
                link.progress_update_id = link.progress_update.pk  # the pk exists only after the insert
            bulk_create_with_history(evidence, EvidenceLink, default_user=author)

    def grant_plan_roles(self) -> None:
        """The demo roles scoped to a member's current plan (the IRM researcher), once the plans exist."""
        for spec in DEMO_USERS:
            if spec.role is not None and spec.scope.startswith("plan:current:"):
                member = self.members[spec.scope.split(":")[2]]
                plan = member.action_plans.filter(phase=Phase.IMPLEMENTATION).order_by("-start_year").first()
                grant_demo_role(spec, plan, self.log)


def seed(log: SeedLog) -> None:
    seeder = _PlanSeeder(log)
    for spec in [*MEMBERS, *LOCALS]:
        seeder.ensure_plans(spec)
    seeder.grant_plan_roles()


def real_plans(member: Member) -> list[ActionPlan]:
    """The member's plans that came from OGP's data (imported with their OGP record), oldest first."""
    return list(
        ActionPlan.objects.filter(member=member, commitments__ogp_record__isnull=False).distinct().order_by("number")
    )


def cycles_after(cycles: list[tuple[int, int, str]], last: ActionPlan) -> list[tuple[int, int, str]]:
    """The generated cycles a member with real plans still needs: its current plan (unless the real last
    plan is still running) and its next one, moved to start when the real last plan ends."""
    running = last.phase != Phase.ENDED
    wanted = [c for c in cycles if c[2] not in (Phase.ENDED, Phase.IMPLEMENTATION) or not running]
    wanted = [c for c in wanted if c[2] != Phase.ENDED]
    if not wanted:
        return []
    shift = max(0, last.end_year - wanted[0][0])
    return [(start + shift, end + shift, phase) for start, end, phase in wanted]


def demo_plans() -> Any:
    """Plans the demo generated: members' plans without an OGP record (not from the imported sample)."""
    codes = [spec.code for spec in [*MEMBERS, *LOCALS]]
    return ActionPlan.objects.filter(member__ogp_code__in=codes).exclude(commitments__ogp_record__isnull=False)


def reset() -> dict[str, int]:
    """Delete the demo plans (with their commitments); the real sample's plans stay."""
    deleted: dict[str, int] = {}
    plans = ActionPlan.objects.filter(pk__in=list(demo_plans().values_list("pk", flat=True)))
    # carried_forward_from is SET_NULL, milestones and progress updates cascade with their commitment.
    deleted["commitments"] = Commitment.objects.filter(action_plan__in=plans).delete()[1].get("plans.Commitment", 0)
    deleted["action plans"] = plans.delete()[1].get("plans.ActionPlan", 0)
    return deleted
