"""Who may change IRM work: roles x actions x assigned/unassigned plan x report state, through the actions
and through the API. Governments read IRM work and never change it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from opengov.irm.actions import save_assessment
from opengov.irm.models import Assessment, Report

PERSONAS = ["anonymous", "participant", "albania_editor", "albania_poc", "cso_rep", "moderator", "support_unit"]


@pytest.mark.parametrize("persona", [*PERSONAS, "other_researcher"])
@pytest.mark.parametrize("state", ["draft", "public_comment", "final", "published"])
def test_only_the_assigned_researcher_and_irm_staff_assess(request, persona, state, draft, albania_commitment):
    Report.objects.filter(pk=draft.pk).update(state=state)
    draft.refresh_from_db()
    user = request.getfixturevalue(persona)
    assert not user.has_perm("irm.add_assessment", draft)
    with pytest.raises(PermissionDenied):
        save_assessment(user, draft, albania_commitment, {"verifiable": "yes"})


@pytest.mark.parametrize(
    ("state", "researcher_may", "staff_may"),
    [("draft", True, True), ("public_comment", True, True), ("final", False, True), ("published", False, False)],
)
def test_researchers_and_staff_edit_where_the_workflow_allows(
    researcher, irm_staff, draft, albania_commitment, state, researcher_may, staff_may
):
    Report.objects.filter(pk=draft.pk).update(state=state)
    draft.refresh_from_db()
    assert researcher.has_perm("irm.add_assessment", draft) is researcher_may
    assert irm_staff.has_perm("irm.add_assessment", draft) is staff_may


def test_the_assigned_researcher_saves_and_the_version_protects_the_edit(researcher, draft, albania_commitment):
    from opengov.core.concurrency import EditConflict

    assessment = save_assessment(researcher, draft, albania_commitment, {"verifiable": "yes"})
    save_assessment(researcher, draft, albania_commitment, {"potential_for_results": "modest"}, assessment.version)
    with pytest.raises(EditConflict):
        save_assessment(researcher, draft, albania_commitment, {"potential_for_results": "substantial"}, 1)


@pytest.mark.parametrize("persona", ["albania_editor", "other_researcher", "participant"])
def test_the_api_refuses_changes_from_governments_and_unassigned_researchers(
    request, api, persona, draft, albania_commitment, researcher
):
    assessment = save_assessment(researcher, draft, albania_commitment, {"verifiable": "yes"})
    Report.objects.filter(pk=draft.pk).update(state="public_comment")  # readable by all, still editable
    api.use_token(request.getfixturevalue(persona))
    created = api.post(
        "/api/v1/irm/assessments/", {"report": draft.pk, "commitment": "AL0001", "verifiable": "no"}, format="json"
    )
    assert created.status_code == 403
    changed = api.patch(f"/api/v1/irm/assessments/{assessment.pk}/", {"verifiable": "no", "version": 1}, format="json")
    assert changed.status_code == 403
    moved = api.post(f"/api/v1/irm/reports/{draft.pk}/move/", {"state": "final", "version": 1}, format="json")
    assert moved.status_code == 403
    assert Assessment.objects.get(pk=assessment.pk).verifiable == "yes"


def test_the_assigned_researcher_assesses_through_the_api(api, researcher, draft, albania_commitment):
    api.use_token(researcher)
    created = api.post(
        "/api/v1/irm/assessments/",
        {"report": draft.pk, "commitment": "AL0001", "verifiable": "yes", "potential_for_results": "NR"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["potential_for_results"] == "NR"
    pk = created.json()["id"]
    refused = api.patch(
        f"/api/v1/irm/assessments/{pk}/",
        {"verifiable": "no", "potential_for_results": "modest", "version": 1},
        format="json",
    )
    assert refused.status_code == 400  # not verifiable: not assessed further
    stale = api.patch(f"/api/v1/irm/assessments/{pk}/", {"narrative": "x", "version": 7}, format="json")
    assert stale.status_code == 409
