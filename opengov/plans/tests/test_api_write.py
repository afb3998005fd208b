"""Writing through the plans API: the same rules as the editing pages, through plans/actions.py, with
optimistic concurrency (409) and field errors (400)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from opengov.core.testing import OpenApiClient
from opengov.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory, policy_area
from opengov.plans.models import ActionPlan, Commitment, CommitmentStatus, Milestone, ProgressUpdate
from opengov.plans.phases import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def armenia_editor(armenia):
    """Government editor for Armenia: nothing of Albania."""
    from opengov.accounts.actions import grant_role
    from opengov.accounts.models import Role
    from opengov.factories import UserFactory

    user = UserFactory(email="editor@armenia.example.org")
    grant_role(None, user, Role.GOVERNMENT_EDITOR, armenia)
    return user


@pytest.fixture
def drafting(albania):
    """Albania's plan in co-creation: text, milestones editable; no progress reports yet."""
    return ActionPlanFactory(member=albania, number=6, start_year=2025, end_year=2027, phase=Phase.CO_CREATION)


@pytest.fixture
def draft_commitment(drafting):
    return CommitmentFactory(action_plan=drafting, ogp_id="AL0061", number="1")


@pytest.fixture
def implementing(albania):
    """Albania's plan in implementation: milestones and progress, but the text is frozen."""
    return ActionPlanFactory(member=albania, number=5, start_year=2022, end_year=2024, phase=Phase.IMPLEMENTATION)


@pytest.fixture
def live_commitment(implementing):
    return CommitmentFactory(action_plan=implementing, ogp_id="AL0051", number="1")


def detail(commitment: Commitment) -> str:
    return f"/api/v1/commitments/{commitment.ogp_id}/"


# --- action plans ---------------------------------------------------------------------------------------------------


def test_editor_creates_an_action_plan_for_their_member_with_a_token(api, albania, albania_editor):
    api.use_token(albania_editor)

    response = api.post(
        "/api/v1/action-plans/",
        {"member": "albania", "start_year": 2025, "end_year": 2027, "document_url": "https://example.org/ap.pdf"},
    )

    assert response.status_code == 201, response.content
    assert response.json()["ogp_id"] == "AP_ALB01"
    assert response.json()["phase"] == "co_creation"
    plan = ActionPlan.objects.get(ogp_id="AP_ALB01")
    assert plan.history.first().history_user == albania_editor


def test_editor_cannot_create_a_plan_for_another_member(api, armenia, albania_editor):
    api.use_token(albania_editor)

    response = api.post("/api/v1/action-plans/", {"member": "armenia", "start_year": 2025, "end_year": 2027})

    assert response.status_code == 403
    assert not ActionPlan.objects.exists()


def test_the_rule_is_checked_before_the_body_is_validated(api, armenia, albania_editor):
    """An editor learns nothing about another member's data from validation messages."""
    api.use_token(albania_editor)
    with api.invalid_request():
        response = api.post("/api/v1/action-plans/", {"member": "armenia", "start_year": "soon"})

    assert response.status_code == 403


def test_anonymous_writes_are_401(api, albania, drafting):
    with api.invalid_request():  # no credentials: the request itself breaks the schema's security
        created = api.post("/api/v1/action-plans/", {"member": "albania", "start_year": 2025, "end_year": 2027})
        changed = api.patch(f"/api/v1/action-plans/{drafting.ogp_id}/", {"document_url": "", "version": 1})

    assert created.status_code == changed.status_code == 401
    assert created["WWW-Authenticate"] == "Token"


def test_participant_without_role_gets_403(api, participant, drafting):
    api.use_token(participant)

    response = api.patch(f"/api/v1/action-plans/{drafting.ogp_id}/", {"end_year": 2028, "version": 1})

    assert response.status_code == 403


def test_editor_updates_a_plan_with_put(api, albania_editor, drafting):
    api.use_token(albania_editor)

    response = api.put(
        f"/api/v1/action-plans/{drafting.ogp_id}/",
        {"start_year": 2025, "end_year": 2028, "duration_years": 4, "document_url": "", "version": 1},
    )

    assert response.status_code == 200, response.content
    assert (response.json()["end_year"], response.json()["version"]) == (2028, 2)
    drafting.refresh_from_db()
    assert drafting.duration_years == 4
    assert drafting.history.first().history_user == albania_editor


def test_plan_update_with_inconsistent_years_is_400_with_the_field(api, albania_editor, drafting):
    api.use_token(albania_editor)

    response = api.patch(f"/api/v1/action-plans/{drafting.ogp_id}/", {"end_year": 2020, "version": 1})

    assert response.status_code == 400
    assert "end_year" in response.json()


def test_plan_text_is_frozen_after_co_creation_for_editors_not_support_unit(
    api, albania_editor, support_unit, implementing
):
    api.use_token(albania_editor)
    refused = api.patch(f"/api/v1/action-plans/{implementing.ogp_id}/", {"end_year": 2025, "version": 1})
    api.use_token(support_unit)
    allowed = api.patch(f"/api/v1/action-plans/{implementing.ogp_id}/", {"end_year": 2025, "version": 1})

    assert refused.status_code == 403
    assert allowed.status_code == 200


def test_phase_change(api, albania_editor, drafting):
    api.use_token(albania_editor)

    response = api.post(f"/api/v1/action-plans/{drafting.ogp_id}/phase/", {"phase": "submitted", "version": 1})

    assert response.status_code == 200, response.content
    assert response.json()["phase"] == "submitted"
    assert response.json()["submitted_on"] is not None
    drafting.refresh_from_db()
    assert drafting.phase == Phase.SUBMITTED
    assert drafting.history.first().history_change_reason == "phase: co_creation -> submitted"


def test_an_illegal_phase_move_is_400(api, albania_editor, drafting):
    api.use_token(albania_editor)

    response = api.post(f"/api/v1/action-plans/{drafting.ogp_id}/phase/", {"phase": "ended", "version": 1})

    assert response.status_code == 400
    assert "Allowed next phases: Submitted" in response.json()["non_field_errors"][0]


def test_a_stale_phase_change_is_409_and_changes_nothing(api, albania_editor, drafting):
    ActionPlan.objects.filter(pk=drafting.pk).update(version=3)
    api.use_token(albania_editor)

    response = api.post(f"/api/v1/action-plans/{drafting.ogp_id}/phase/", {"phase": "submitted", "version": 2})

    assert response.status_code == 409
    assert response.json()["current_version"] == 3
    drafting.refresh_from_db()
    assert drafting.phase == Phase.CO_CREATION


# --- commitments ----------------------------------------------------------------------------------------------------


def test_editor_adds_a_commitment_with_policy_areas(api, albania_editor, drafting):
    api.use_token(albania_editor)

    response = api.post(
        "/api/v1/commitments/",
        {
            "action_plan": drafting.ogp_id,
            "title": "Open the register of beneficial owners",
            "problem": "Owners of companies are hidden.",
            "supporting_institutions": ["Ministry of Finance", "Business Registry"],
            "access_to_information": True,
            "public_accountability": True,
            "policy_areas": ["beneficial-ownership", "open-data"],
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["ogp_id"] == "AL0001"
    assert body["supporting_institutions"] == ["Ministry of Finance", "Business Registry"]
    assert body["ogp_values"] == ["Access to Information", "Public Accountability"]
    assert [area["slug"] for area in body["policy_areas"]] == ["beneficial-ownership", "open-data"]
    commitment = Commitment.objects.get(ogp_id="AL0001")
    assert commitment.history.first().history_user == albania_editor


def test_a_commitment_without_a_title_is_400_with_the_field(api, albania_editor, drafting):
    api.use_token(albania_editor)
    with api.invalid_request():
        response = api.post("/api/v1/commitments/", {"action_plan": drafting.ogp_id, "policy_areas": ["no-such"]})

    assert response.status_code == 400
    assert set(response.json()) == {"title", "policy_areas"}


def test_no_commitment_can_be_added_once_the_plan_is_submitted(api, albania_editor, implementing):
    api.use_token(albania_editor)

    response = api.post("/api/v1/commitments/", {"action_plan": implementing.ogp_id, "title": "Too late"})

    assert response.status_code == 403
    assert not implementing.commitments.exists()


def test_editor_changes_a_commitment_and_history_records_who(api, albania_editor, draft_commitment):
    api.use_token(albania_editor)

    response = api.patch(
        detail(draft_commitment),
        {"title": "A sharper title", "policy_areas": ["gender"], "version": 1},
    )

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "A sharper title"
    assert response.json()["version"] == 3  # the text, then the policy areas
    draft_commitment.refresh_from_db()
    assert draft_commitment.title == "A sharper title"
    assert list(draft_commitment.policy_areas.all()) == [policy_area("Gender")]
    assert draft_commitment.history.first().history_user == albania_editor


def test_an_update_without_version_is_400(api, albania_editor, draft_commitment):
    api.use_token(albania_editor)
    with api.invalid_request():
        response = api.patch(detail(draft_commitment), {"title": "No version"})

    assert response.status_code == 400
    assert "version" in response.json()
    draft_commitment.refresh_from_db()
    assert draft_commitment.title != "No version"


def test_a_stale_version_is_409_and_nothing_changes(api, albania_editor, albania_poc, draft_commitment):
    api.use_token(albania_poc)
    assert api.patch(detail(draft_commitment), {"title": "First", "version": 1}).status_code == 200
    api.use_token(albania_editor)

    response = api.patch(detail(draft_commitment), {"title": "Second", "theme": "Lost", "version": 1})

    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert "changed by someone else" in response.json()["detail"]
    draft_commitment.refresh_from_db()
    assert (draft_commitment.title, draft_commitment.theme, draft_commitment.version) == ("First", "", 2)
    assert draft_commitment.history.count() == 2  # created, then the first edit only


def test_model_validation_errors_are_400_with_the_field(api, albania_editor, draft_commitment):
    api.use_token(albania_editor)

    response = api.patch(detail(draft_commitment), {"start_date": "2026-06-01", "end_date": "2025-01-01", "version": 1})

    assert response.status_code == 400
    assert response.json() == {"end_date": ["The end date cannot be before the start date."]}


def test_commitment_text_is_frozen_in_implementation(api, albania_editor, live_commitment):
    api.use_token(albania_editor)

    response = api.patch(detail(live_commitment), {"title": "Rewritten", "version": 1})

    assert response.status_code == 403


def test_withdrawing_a_commitment_needs_a_reason_and_records_it(api, albania_editor, live_commitment):
    api.use_token(albania_editor)
    with api.invalid_request():
        missing = api.post(f"{detail(live_commitment)}withdraw/", {"version": 1})
    response = api.post(f"{detail(live_commitment)}withdraw/", {"reason": "Merged into AL0052.", "version": 1})

    assert missing.status_code == 400
    assert "reason" in missing.json()
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    live_commitment.refresh_from_db()
    assert live_commitment.status == CommitmentStatus.WITHDRAWN
    last = live_commitment.history.first()
    assert (last.history_user, last.history_change_reason) == (albania_editor, "Merged into AL0052.")


# --- milestones and progress ----------------------------------------------------------------------------------------


def test_editor_adds_and_updates_milestones_during_implementation(api, albania_editor, live_commitment):
    api.use_token(albania_editor)

    created = api.post(
        "/api/v1/milestones/",
        {"commitment": live_commitment.ogp_id, "title": "Draft the law", "end_date": "2024-06-30"},
    )
    assert created.status_code == 201, created.content
    url = created.json()["links"]["self"]
    updated = api.patch(url, {"status": "complete", "version": 1})

    assert updated.status_code == 200, updated.content
    assert (updated.json()["status"], updated.json()["version"]) == ("complete", 2)
    milestone = Milestone.objects.get(pk=created.json()["id"])
    assert milestone.position == 1
    assert milestone.history.first().history_user == albania_editor


def test_milestones_are_closed_when_the_plan_has_ended(api, albania_editor, implementing, live_commitment):
    milestone = MilestoneFactory(commitment=live_commitment)
    ActionPlan.objects.filter(pk=implementing.pk).update(phase=Phase.ENDED)
    api.use_token(albania_editor)

    created = api.post("/api/v1/milestones/", {"commitment": live_commitment.ogp_id, "title": "Late"})
    changed = api.patch(f"/api/v1/milestones/{milestone.pk}/", {"status": "complete", "version": 1})

    assert created.status_code == changed.status_code == 403


def test_editor_reports_progress_with_evidence(api, albania_editor, live_commitment):
    milestone = MilestoneFactory(commitment=live_commitment)
    api.use_token(albania_editor)

    response = api.post(
        "/api/v1/progress-updates/",
        {
            "commitment": live_commitment.ogp_id,
            "milestone": milestone.pk,
            "reported_on": "2024-03-01",
            "completion": "substantial",
            "text": "The draft law was published for consultation.",
            "evidence": [{"url": "https://example.org/draft-law.pdf", "title": "Draft law"}],
        },
    )

    assert response.status_code == 201, response.content
    assert response.json()["evidence"] == [{"url": "https://example.org/draft-law.pdf", "title": "Draft law"}]
    update = ProgressUpdate.objects.get()
    assert (update.author, update.milestone) == (albania_editor, milestone)
    assert update.history.first().history_user == albania_editor


def test_progress_cannot_be_reported_during_co_creation(api, albania_editor, draft_commitment):
    api.use_token(albania_editor)

    response = api.post(
        "/api/v1/progress-updates/",
        {"commitment": draft_commitment.ogp_id, "completion": "limited", "text": "Early days."},
    )

    assert response.status_code == 403


def test_progress_errors_name_the_fields(api, albania_editor, live_commitment, draft_commitment):
    other_milestone = MilestoneFactory(commitment=draft_commitment)
    api.use_token(albania_editor)

    bad_link = api.post(
        "/api/v1/progress-updates/",
        {
            "commitment": live_commitment.ogp_id,
            "completion": "limited",
            "text": "Done.",
            "evidence": [{"url": "not a link"}],
        },
    )
    wrong_milestone = api.post(
        "/api/v1/progress-updates/",
        {"commitment": live_commitment.ogp_id, "milestone": other_milestone.pk, "completion": "limited", "text": "x"},
    )

    assert bad_link.status_code == 400
    assert bad_link.json() == {"evidence": {"0": {"url": ["Enter a valid URL."]}}}  # keyed by the item's index
    assert wrong_milestone.status_code == 400
    assert "milestone" in wrong_milestone.json()
    assert not ProgressUpdate.objects.exists()


# --- another member's data, through every write -------------------------------------------------------------------


def test_an_albania_editor_can_change_nothing_of_armenia(api, albania_editor, armenia):
    plan = ActionPlanFactory(member=armenia, number=4, phase=Phase.CO_CREATION)
    commitment = CommitmentFactory(action_plan=plan, ogp_id="AM0041")
    milestone = MilestoneFactory(commitment=commitment)
    implementing = ActionPlanFactory(member=armenia, number=3, phase=Phase.IMPLEMENTATION)
    live = CommitmentFactory(action_plan=implementing, ogp_id="AM0031")
    api.use_token(albania_editor)

    calls = [
        api.post("/api/v1/action-plans/", {"member": "armenia", "start_year": 2025, "end_year": 2027}),
        api.patch(f"/api/v1/action-plans/{plan.ogp_id}/", {"end_year": 2030, "version": 1}),
        api.put(f"/api/v1/action-plans/{plan.ogp_id}/", {"start_year": 2022, "end_year": 2030, "version": 1}),
        api.post(f"/api/v1/action-plans/{plan.ogp_id}/phase/", {"phase": "submitted", "version": 1}),
        api.post("/api/v1/commitments/", {"action_plan": plan.ogp_id, "title": "Hijack"}),
        api.patch(detail(commitment), {"title": "Hijack", "version": 1}),
        api.put(detail(commitment), {"number": "1", "title": "Hijack", "version": 1}),
        api.post(f"{detail(live)}withdraw/", {"reason": "Hijack", "version": 1}),
        api.post("/api/v1/milestones/", {"commitment": commitment.ogp_id, "title": "Hijack"}),
        api.patch(f"/api/v1/milestones/{milestone.pk}/", {"title": "Hijack", "version": 1}),
        api.post(
            "/api/v1/progress-updates/",
            {"commitment": live.ogp_id, "completion": "complete", "text": "Hijack"},
        ),
    ]

    assert [call.status_code for call in calls] == [403] * len(calls)
    assert ActionPlan.objects.filter(member=armenia).count() == 2
    assert not Commitment.objects.filter(title="Hijack").exists()
    assert Commitment.objects.get(pk=live.pk).status == CommitmentStatus.ACTIVE
    assert ActionPlan.objects.get(pk=plan.pk).phase == Phase.CO_CREATION
    assert not Milestone.objects.filter(title="Hijack").exists()
    assert not ProgressUpdate.objects.exists()


def test_nothing_can_be_deleted(albania_editor, draft_commitment):
    client = APIClient()  # the schema has no DELETE to validate against
    client.force_authenticate(albania_editor)

    for url in [f"/api/v1/action-plans/{draft_commitment.action_plan.ogp_id}/", detail(draft_commitment)]:
        assert client.delete(url).status_code == 405
    assert Commitment.objects.filter(pk=draft_commitment.pk).exists()


def test_session_writes_need_the_csrf_token(albania_editor, draft_commitment):
    client = OpenApiClient(enforce_csrf_checks=True)
    client.force_login(albania_editor)

    response = client.patch(detail(draft_commitment), {"title": "Forged", "version": 1})

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    draft_commitment.refresh_from_db()
    assert draft_commitment.title != "Forged"


def test_a_date_known_to_the_month_is_written_and_read_with_its_precision(api, albania_editor, draft_commitment):
    api.use_token(albania_editor)

    response = api.patch(
        detail(draft_commitment), {"start_date": "2014-07-01", "start_date_precision": "month", "version": 1}
    )

    assert response.status_code == 200, response.content
    assert response.json()["start_date_precision"] == "month"
    assert response.json()["end_date_precision"] == "day"
    draft_commitment.refresh_from_db()
    assert draft_commitment.start_date_display == "July 2014"
    with api.invalid_request():
        assert api.patch(detail(draft_commitment), {"start_date_precision": "week", "version": 2}).status_code == 400
