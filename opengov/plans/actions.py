"""Every write to action plans, commitments, milestones and progress updates.

Each action checks the permission (plans/rules.py), validates, writes in one transaction and records
who did it in the history. Pages and the API call these functions and nothing else writes these rows.
Updates take the ``expected_version`` the editor read (core/concurrency.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core.concurrency import apply_changes, lock_version
from opengov.core.permissions import attribute_to, require
from opengov.members.models import Member

from . import identifiers
from .models import (
    ActionPlan,
    Commitment,
    CommitmentStatus,
    EvidenceLink,
    Milestone,
    PolicyArea,
    ProgressUpdate,
)
from .phases import PHASES, Phase, can_move, transition_blockers

_M = TypeVar("_M", bound=Model)


def _create(instance: _M, user: Any) -> _M:
    instance.full_clean()
    attribute_to(instance, user)
    instance.save()
    return instance


def next_action_plan_id(member: Member, number: int) -> str:
    code = member.iso3 or member.ogp_code
    return f"AP_{code}{number:02d}"


@transaction.atomic
def create_action_plan(user: Any, member: Member, fields: dict[str, Any]) -> ActionPlan:
    require(user, "plans.add_actionplan", member)
    identifiers.check_set_id(user, member, fields.get("ogp_id"), "plan")
    number = fields.pop("number", None) or (member.action_plans.aggregate(n=Max("number"))["n"] or 0) + 1
    ogp_id = fields.pop("ogp_id", None) or next_action_plan_id(member, number)
    return _create(ActionPlan(member=member, number=number, ogp_id=ogp_id, **fields), user)


@transaction.atomic
def update_action_plan(user: Any, plan: ActionPlan, changes: dict[str, Any], expected_version: int | None) -> list[str]:
    require(user, "plans.change_actionplan", plan)
    plan = lock_version(plan, expected_version)
    attribute_to(plan, user)
    return apply_changes(plan, changes)


@transaction.atomic
def change_phase(user: Any, plan: ActionPlan, to_phase: str, expected_version: int | None = None) -> ActionPlan:
    require(user, "plans.change_phase", plan)
    plan = lock_version(plan, expected_version)
    if not can_move(plan.phase, to_phase):
        allowed = ", ".join(str(Phase(p).label) for p in PHASES[Phase(plan.phase)].next_phases) or _("none")
        raise ValidationError(
            _("A plan in the %(phase)s phase cannot move to %(to)s. Allowed next phases: %(allowed)s.")
            % {"phase": plan.get_phase_display(), "to": Phase(to_phase).label, "allowed": allowed}
        )
    if blockers := transition_blockers(plan, to_phase):
        raise ValidationError(blockers)
    changes: dict[str, Any] = {"phase": to_phase}
    if to_phase == Phase.SUBMITTED and plan.submitted_on is None:
        changes["submitted_on"] = timezone.localdate()
    attribute_to(plan, user, reason=f"phase: {plan.phase} -> {to_phase}")
    apply_changes(plan, changes)
    return plan


def next_commitment_id(member: Member) -> str:
    """The member's code followed by the next free four-digit number (AL0001, AL0002, ...).

    Counted over every commitment with the prefix, whoever's it is, so an id taken elsewhere is never offered."""
    prefix = member.ogp_code
    existing = Commitment.objects.filter(ogp_id__startswith=prefix).values_list("ogp_id", flat=True)
    numbers = [int(i[len(prefix) :]) for i in existing if i[len(prefix) :].isdigit()]
    return f"{prefix}{(max(numbers, default=0) + 1):04d}"


@transaction.atomic
def create_commitment(
    user: Any, plan: ActionPlan, fields: dict[str, Any], policy_areas: Iterable[PolicyArea] = ()
) -> Commitment:
    require(user, "plans.add_commitment", plan)
    identifiers.check_set_id(user, plan.member, fields.get("ogp_id"), "commitment")
    identifiers.check_carried_forward(user, plan.member, fields.get("carried_forward_from"))
    ogp_id = fields.pop("ogp_id", None) or next_commitment_id(plan.member)
    if not fields.get("number"):
        fields["number"] = str(plan.commitments.count() + 1)
    commitment = _create(Commitment(action_plan=plan, ogp_id=ogp_id, **fields), user)
    commitment.policy_areas.set(list(policy_areas))
    return commitment


@transaction.atomic
def update_commitment(
    user: Any,
    commitment: Commitment,
    changes: dict[str, Any],
    expected_version: int | None,
    policy_areas: Iterable[PolicyArea] | None = None,
) -> list[str]:
    require(user, "plans.change_commitment", commitment)
    if "carried_forward_from" in changes:
        identifiers.check_carried_forward(user, commitment.action_plan.member, changes["carried_forward_from"])
    commitment = lock_version(commitment, expected_version)
    attribute_to(commitment, user)
    changed = apply_changes(commitment, changes)
    if policy_areas is not None:
        wanted = {area.pk for area in policy_areas}
        if wanted != set(commitment.policy_areas.values_list("pk", flat=True)):
            commitment.policy_areas.set(wanted)
            changed.append("policy_areas")
            if "version" not in changes:
                # M2M changes bypass apply_changes: bump the version so concurrent editors notice.
                commitment.version += 1
                commitment.save(update_fields=["version"])
    return changed


@transaction.atomic
def withdraw_commitment(user: Any, commitment: Commitment, reason: str, expected_version: int | None) -> Commitment:
    require(user, "plans.withdraw_commitment", commitment)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the commitment is withdrawn; the reason is public.")})
    commitment = lock_version(commitment, expected_version)
    attribute_to(commitment, user, reason=reason)
    apply_changes(commitment, {"status": CommitmentStatus.WITHDRAWN})
    return commitment


@transaction.atomic
def create_milestone(user: Any, commitment: Commitment, fields: dict[str, Any]) -> Milestone:
    require(user, "plans.add_milestone", commitment)
    if "position" not in fields:
        fields["position"] = (commitment.milestones.aggregate(p=Max("position"))["p"] or 0) + 1
    return _create(Milestone(commitment=commitment, **fields), user)


@transaction.atomic
def update_milestone(
    user: Any, milestone: Milestone, changes: dict[str, Any], expected_version: int | None
) -> list[str]:
    require(user, "plans.change_milestone", milestone)
    milestone = lock_version(milestone, expected_version)
    attribute_to(milestone, user)
    return apply_changes(milestone, changes)


@transaction.atomic
def create_progress_update(
    user: Any,
    commitment: Commitment,
    fields: dict[str, Any],
    evidence: Iterable[tuple[str, str]] = (),
) -> ProgressUpdate:
    """Record a progress report; ``evidence`` is (url, title) pairs, validated like any URL field."""
    require(user, "plans.add_progressupdate", commitment)
    fields.setdefault("reported_on", timezone.localdate())
    if fields["reported_on"] > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError({"reported_on": _("A progress report cannot be dated in the future.")})
    update = _create(ProgressUpdate(commitment=commitment, author=user, **fields), user)
    for url, title in evidence:
        _create(EvidenceLink(progress_update=update, url=url, title=title), user)
    return update
