"""Who may change what in action plans: every role x every rule x own/other member x every plan phase.

The expectation is written here from the domain rules, independently of plans/phases.py, so that a change
to the phase table that breaks a rule of OGP's process fails this test:
- government editors (and the Point of Contact) act only for their own member: the plan itself only in
  co-creation, commitments only in co-creation, milestones (and withdrawing a commitment) in co-creation,
  submitted and implementation, progress reports in implementation and ended, the phase in any phase;
- Support Unit staff may do everything, for every member, in every phase;
- everyone else may change nothing.
"""

from __future__ import annotations

import pytest
import rules
from django.urls import reverse

from opengov.factories import MilestoneFactory, ProgressUpdateFactory, plan_with_commitment
from opengov.plans.models import ActionPlan, Commitment, Milestone, ProgressUpdate

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "participant",
    "albania_editor",
    "albania_poc",
    "cso_rep",
    "irm_staff",
    "moderator",
    "support_unit",
]
EDITORS = {"albania_editor", "albania_poc"}
PHASES = ["co_creation", "submitted", "implementation", "ended"]
ALL = set(PHASES)

# rule -> (the object it is checked against, the phases in which the member's own editors may use it)
RULES = {
    "plans.add_actionplan": ("member", ALL),
    "plans.change_actionplan": ("plan", {"co_creation"}),
    "plans.change_phase": ("plan", ALL),
    "plans.add_commitment": ("plan", {"co_creation"}),
    "plans.change_commitment": ("commitment", {"co_creation"}),
    "plans.withdraw_commitment": ("commitment", {"co_creation", "submitted", "implementation"}),
    "plans.add_milestone": ("commitment", {"co_creation", "submitted", "implementation"}),
    "plans.change_milestone": ("milestone", {"co_creation", "submitted", "implementation"}),
    "plans.add_progressupdate": ("commitment", {"implementation", "ended"}),
    "plans.change_progressupdate": ("progress_update", {"implementation", "ended"}),
}


def expected(role: str, rule: str, own_member: bool, phase: str) -> bool:
    if role == "support_unit":
        return True
    return role in EDITORS and own_member and phase in RULES[rule][1]


def objects_of(member, phase: str) -> dict:
    """Unsaved objects are enough: the rules read only the member and the plan's phase."""
    plan = ActionPlan(member=member, phase=phase)
    commitment = Commitment(action_plan=plan)
    return {
        "member": member,
        "plan": plan,
        "commitment": commitment,
        "milestone": Milestone(commitment=commitment),
        "progress_update": ProgressUpdate(commitment=commitment),
    }


def test_the_table_covers_every_rule_of_the_plans_app():
    registered = {name for name in rules.permissions.permissions if name.startswith("plans.")}
    assert registered == set(RULES)


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("own_member", [True, False], ids=["albania", "armenia"])
@pytest.mark.parametrize("rule", list(RULES))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, albania, armenia, role, rule, own_member, phase):
    user = request.getfixturevalue(role)
    obj = objects_of(albania if own_member else armenia, phase)[RULES[rule][0]]

    assert user.has_perm(rule, obj) is expected(role, rule, own_member, phase)


# ------------------------------------------------------------------------------- no page reaches another member


def armenia_pages(armenia) -> list[tuple[str, dict]]:
    """Every editing URL for an Armenia object, in a phase that would allow the change for Armenia's own editors,
    with a valid form, and the object whose row must stay unchanged."""
    drafting = plan_with_commitment(armenia, "co_creation")
    running = plan_with_commitment(armenia, "implementation")
    ProgressUpdateFactory(commitment=running)
    milestone = running.milestones.get()
    plan = drafting.action_plan
    evidence = {
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "5",
        "evidence-0-url": "https://example.org/x",
    }
    commitment_form = {"title": "Hijacked", "lead_institution": "x", "version": "1"}
    return [
        (reverse("plans:plan-create", args=[armenia.slug]), {"start_year": "2030", "end_year": "2032"}),
        (reverse("plans:plan-edit", args=[plan.ogp_id]), {"start_year": "2030", "end_year": "2032", "version": "1"}),
        (reverse("plans:plan-phase", args=[plan.ogp_id]), {"phase": "submitted", "version": "1"}),
        (reverse("plans:commitment-create", args=[plan.ogp_id]), commitment_form),
        (reverse("plans:commitment-edit", args=[drafting.ogp_id]), commitment_form),
        (reverse("plans:commitment-withdraw", args=[running.ogp_id]), {"reason": "Because.", "version": "1"}),
        (reverse("plans:milestone-create", args=[running.ogp_id]), {"title": "x", "status": "not_started"}),
        (
            reverse("plans:milestone-edit", args=[milestone.pk]),
            {"title": "x", "status": "complete", "version": "1"},
        ),
        (
            reverse("plans:progress-create", args=[running.ogp_id]),
            {"reported_on": "2025-01-01", "completion": "complete", "text": "x", **evidence},
        ),
    ]


def snapshot() -> dict:
    """Every editable row with its version, and how many history rows exist: any write changes this."""
    return {
        "plans": list(ActionPlan.objects.values_list("pk", "phase", "version", "start_year").order_by("pk")),
        "commitments": list(Commitment.objects.values_list("pk", "title", "status", "version").order_by("pk")),
        "milestones": list(Milestone.objects.values_list("pk", "title", "status", "version").order_by("pk")),
        "updates": ProgressUpdate.objects.count(),
        "history": (
            ActionPlan.history.count(),
            Commitment.history.count(),
            Milestone.history.count(),
            ProgressUpdate.history.count(),
        ),
    }


@pytest.mark.parametrize("role", ["albania_editor", "albania_poc"])
def test_an_albania_editor_cannot_change_armenias_data_through_any_page(client, request, armenia, role):
    client.force_login(request.getfixturevalue(role))
    pages = armenia_pages(armenia)
    MilestoneFactory()  # another member's unrelated row, to be sure the snapshot sees every table
    before = snapshot()

    for url, data in pages:
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url

    assert snapshot() == before
