"""Who may change action plans, commitments, milestones and progress updates.

The same rule names serve the editing pages, the templates ({% has_perm %}) and the API. Government
editors act only for their own member and only where the plan's phase allows (plans/phases.py);
Support Unit staff are not bound by phases. Reading is public and needs no rule.
"""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import is_government_editor_of, is_support_unit

from .phases import rules_for


def plan_of(obj: Any) -> Any:
    """The action plan an object belongs to (plan, commitment, milestone or progress update)."""
    if hasattr(obj, "phase"):
        return obj
    if hasattr(obj, "action_plan"):
        return obj.action_plan
    if hasattr(obj, "commitment"):
        return obj.commitment.action_plan
    return None


def phase_allows(flag: str) -> rules.Predicate:
    @rules.predicate(name=f"phase_allows_{flag}")
    def predicate(user: Any, obj: Any) -> bool:
        plan = plan_of(obj)
        return plan is not None and getattr(rules_for(plan.phase), flag)

    allows: rules.Predicate = predicate  # what the untyped @rules.predicate makes
    return allows


editor_in_phase = {
    flag: is_government_editor_of & phase_allows(flag)
    for flag in ("edit_plan", "edit_commitments", "edit_milestones", "report_progress")
}

rules.add_perm("plans.add_actionplan", is_support_unit | is_government_editor_of)  # obj: the member
rules.add_perm("plans.change_actionplan", is_support_unit | editor_in_phase["edit_plan"])
rules.add_perm("plans.change_phase", is_support_unit | is_government_editor_of)  # legality: plans.actions
rules.add_perm("plans.add_commitment", is_support_unit | editor_in_phase["edit_commitments"])  # obj: the plan
rules.add_perm("plans.change_commitment", is_support_unit | editor_in_phase["edit_commitments"])
rules.add_perm("plans.withdraw_commitment", is_support_unit | editor_in_phase["edit_milestones"])
rules.add_perm("plans.add_milestone", is_support_unit | editor_in_phase["edit_milestones"])  # obj: the commitment
rules.add_perm("plans.change_milestone", is_support_unit | editor_in_phase["edit_milestones"])
rules.add_perm("plans.add_progressupdate", is_support_unit | editor_in_phase["report_progress"])  # obj: commitment
rules.add_perm("plans.change_progressupdate", is_support_unit | editor_in_phase["report_progress"])
