"""The Support Unit's back office for plans: access, fixed query counts, phase moves through the action,
history visible, no deletion."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    policy_area,
)
from opengov.plans import actions as plan_actions
from opengov.plans.models import ActionPlan, EvidenceLink, PolicyArea
from opengov.plans.phases import Phase

pytestmark = pytest.mark.django_db

MODELS = ("actionplan", "commitment", "milestone", "progressupdate", "policyarea")


def admin_url(model: str, view: str = "changelist", *args) -> str:
    return reverse(f"admin:plans_{model}_{view}", args=args)


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_rows(n: int) -> None:
    area = PolicyArea.objects.filter(parent__isnull=False).first()
    for _i in range(n):
        commitment = CommitmentFactory(action_plan=ActionPlanFactory(member=MemberFactory()), policy_areas=[area])
        milestone = MilestoneFactory(commitment=commitment)
        update = ProgressUpdateFactory(commitment=commitment, milestone=milestone)
        EvidenceLink.objects.create(progress_update=update, url="https://example.org/evidence")


@pytest.mark.parametrize("model", MODELS)
def test_changelist_query_count_does_not_grow_with_rows(client, support_unit, model):
    client.force_login(support_unit)
    add_rows(2)
    few = query_count(client, admin_url(model))
    add_rows(6)
    assert query_count(client, admin_url(model)) == few


def test_support_unit_opens_every_change_and_history_page(client, support_unit):
    add_rows(1)
    update = ProgressUpdateFactory._meta.model.objects.select_related("commitment__action_plan", "milestone").get()
    objects = {
        "actionplan": update.commitment.action_plan,
        "commitment": update.commitment,
        "milestone": update.milestone,
        "progressupdate": update,
        "policyarea": policy_area("Anti-Corruption and Integrity"),
    }
    client.force_login(support_unit)
    for model, obj in objects.items():
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 200, model
        assert client.get(admin_url(model, "add")).status_code == 200, model
        if model != "policyarea":  # the taxonomy keeps no history
            assert client.get(admin_url(model, "history", obj.pk)).status_code == 200, model


def test_search_by_commitment_id(client, support_unit, albania):
    commitment = CommitmentFactory(action_plan=ActionPlanFactory(member=albania), ogp_id="AL0002")
    CommitmentFactory(action_plan=ActionPlanFactory(member=albania), ogp_id="AL0003")
    client.force_login(support_unit)
    response = client.get(admin_url("commitment"), {"q": "AL0002"})
    assert list(response.context["cl"].result_list) == [commitment]


@pytest.mark.parametrize("model", MODELS)
def test_non_staff_users_are_redirected(client, participant, albania_editor, model):
    for user in (participant, albania_editor):
        client.force_login(user)
        response = client.get(admin_url(model))
        assert response.status_code == 302 and "/admin/login/" in response.url


def test_delete_is_not_offered(client, support_unit):
    add_rows(1)
    client.force_login(support_unit)
    commitment = CommitmentFactory._meta.model.objects.get()
    for model, obj in (
        ("actionplan", commitment.action_plan),
        ("commitment", commitment),
        ("milestone", commitment.milestones.get()),
        ("progressupdate", commitment.progress_updates.get()),
    ):
        page = client.get(admin_url(model, "change", obj.pk)).content.decode()
        assert admin_url(model, "delete", obj.pk) not in page, model
        assert client.get(admin_url(model, "delete", obj.pk)).status_code == 403, model
        assert "delete_selected" not in client.get(admin_url(model)).content.decode(), model


def test_phase_moves_through_the_lifecycle(client, support_unit, albania):
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    client.force_login(support_unit)
    data = {"action": "move_to_submitted", "_selected_action": [plan.pk]}
    assert client.post(admin_url("actionplan"), data).status_code == 302
    plan.refresh_from_db()
    assert plan.phase == Phase.SUBMITTED and plan.submitted_on is not None and plan.version == 2
    assert plan.history.first().history_user == support_unit
    # An illegal move is refused with a message; the plan stays where it is.
    data = {"action": "move_to_ended", "_selected_action": [plan.pk]}
    response = client.post(admin_url("actionplan"), data, follow=True)
    assert "cannot move" in response.content.decode()
    plan.refresh_from_db()
    assert plan.phase == Phase.SUBMITTED


def test_admin_edit_bumps_the_version_editors_compare(client, support_unit, albania):
    plan = ActionPlanFactory(member=albania)
    client.force_login(support_unit)
    form = client.get(admin_url("actionplan", "change", plan.pk)).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"member": plan.member_id, "document_url": "https://example.org/plan.pdf"})
    response = client.post(admin_url("actionplan", "change", plan.pk), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert ActionPlan.objects.get(pk=plan.pk).version == plan.version + 1


def test_admin_refuses_to_overwrite_a_change_saved_after_it_was_opened(client, support_unit, albania, albania_editor):
    plan = ActionPlanFactory(member=albania, phase="co_creation")
    client.force_login(support_unit)
    form = client.get(admin_url("actionplan", "change", plan.pk)).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    assert data["loaded_version"] == plan.version
    # An editor saves through the editing pages while the Support Unit has the admin form open.
    plan_actions.update_action_plan(albania_editor, plan, {"document_url": "https://gov.example.org/v2.pdf"}, 1)
    data.update({"member": plan.member_id, "document_url": "https://example.org/su.pdf"})
    response = client.post(admin_url("actionplan", "change", plan.pk), data)
    assert response.status_code == 200
    assert "after you opened it" in str(response.context["adminform"].form.non_field_errors())
    assert ActionPlan.objects.get(pk=plan.pk).document_url == "https://gov.example.org/v2.pdf"


def test_a_refused_phase_move_in_the_admin_is_a_message_not_a_crash(rf, albania, participant):
    """The rules refuse a person without a role any phase move (PermissionDenied, which has no .messages): the action
    reports it beside the plan and moves nothing."""
    from django.contrib import admin as django_admin
    from django.contrib.messages.storage.fallback import FallbackStorage

    from opengov.plans.admin import _move_to

    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    request = rf.post("/admin/plans/actionplan/")
    request.user = participant
    request.session = {}
    request._messages = FallbackStorage(request)
    _move_to(Phase.SUBMITTED)(django_admin.site._registry[ActionPlan], request, ActionPlan.objects.filter(pk=plan.pk))
    shown = [str(message) for message in request._messages]
    assert len(shown) == 1 and shown[0].startswith(plan.ogp_id)
    plan.refresh_from_db()
    assert plan.phase == Phase.CO_CREATION


def test_the_lead_institution_is_one_line_to_type():
    from opengov.plans.forms import CommitmentForm

    assert CommitmentForm.base_fields["lead_institution"].widget.input_type == "text"
