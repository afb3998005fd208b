"""The action-plan lifecycle, declared once as data.

Rules (plans/rules.py) and actions (plans/actions.py) read this table; nothing else compares phases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    CO_CREATION = "co_creation", _("Co-creation")
    SUBMITTED = "submitted", _("Submitted")
    IMPLEMENTATION = "implementation", _("Implementation")
    ENDED = "ended", _("Ended")


@dataclass(frozen=True)
class PhaseRules:
    """What a government editor may do to a plan in a phase (Support Unit staff are not bound by it)."""

    edit_plan: bool
    edit_commitments: bool  # add commitments and change their template text
    edit_milestones: bool  # add milestones, change their dates, outputs, status
    report_progress: bool  # add progress updates with evidence
    next_phases: tuple[Phase, ...]


PHASES: dict[Phase, PhaseRules] = {
    # The plan is drafted with civil society: everything about it can change.
    Phase.CO_CREATION: PhaseRules(True, True, True, False, (Phase.SUBMITTED,)),
    # Delivered to OGP: the text is what the IRM reviews, so it is frozen; milestones can still be planned.
    Phase.SUBMITTED: PhaseRules(False, False, True, False, (Phase.IMPLEMENTATION, Phase.CO_CREATION)),
    # Implementation: governments track milestones and report progress with evidence.
    Phase.IMPLEMENTATION: PhaseRules(False, False, True, True, (Phase.ENDED,)),
    # Ended: the record is closed; late evidence still counts for the IRM's Results Report.
    Phase.ENDED: PhaseRules(False, False, False, True, ()),
}


def rules_for(phase: str) -> PhaseRules:
    return PHASES[Phase(phase)]


def can_move(from_phase: str, to_phase: str) -> bool:
    return Phase(to_phase) in PHASES[Phase(from_phase)].next_phases


# Pre-transition checks: another app (cocreation: unanswered contributions) can block a phase change without
# plans importing it. A check takes (plan, to_phase) and returns the reasons that block the move (empty: allowed);
# apps register theirs in AppConfig.ready(). plans.actions.change_phase calls transition_blockers() before moving.
TransitionCheck = Callable[[Any, str], list[str]]
_transition_checks: list[TransitionCheck] = []


def register_transition_check(check: TransitionCheck) -> TransitionCheck:
    if check not in _transition_checks:
        _transition_checks.append(check)
    return check


def transition_blockers(plan: Any, to_phase: str) -> list[str]:
    return [reason for check in _transition_checks for reason in check(plan, to_phase)]
