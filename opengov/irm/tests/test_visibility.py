"""Drafts are seen only by IRM staff and the assigned researchers: not on pages, not in the API."""

from __future__ import annotations

import pytest

from opengov.factories import AssessmentFactory
from opengov.irm.models import Assessment, Report


@pytest.fixture
def draft_assessment(draft, albania_commitment):
    return AssessmentFactory(report=draft, commitment=albania_commitment, narrative="Secret draft analysis")


@pytest.mark.parametrize("persona", ["anonymous", "participant", "albania_editor", "other_researcher"])
def test_drafts_are_invisible_to_everyone_else(client, api, request, persona, draft_assessment):
    user = request.getfixturevalue(persona)
    if persona != "anonymous":
        client.force_login(user)
        api.use_token(user)
    assert client.get(draft_assessment.report.get_absolute_url()).status_code == 404
    page = client.get(draft_assessment.commitment.get_absolute_url())
    assert "Secret draft analysis" not in page.content.decode()
    assert api.get("/api/v1/irm/reports/").json()["count"] == 0
    assert api.get("/api/v1/irm/assessments/").json()["count"] == 0
    assert api.get(f"/api/v1/irm/assessments/{draft_assessment.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["researcher", "irm_staff"])
def test_the_irm_team_sees_drafts(client, api, request, persona, draft_assessment):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    api.use_token(user)
    assert "Secret draft analysis" not in client.get(draft_assessment.report.get_absolute_url()).content.decode()
    assert client.get(draft_assessment.report.get_absolute_url()).status_code == 200
    assert api.get("/api/v1/irm/assessments/").json()["count"] == 1


def test_published_assessments_reach_the_commitment_page_and_the_api(client, api, draft_assessment):
    Report.objects.filter(pk=draft_assessment.report_id).update(state="published")
    page = client.get(draft_assessment.commitment.get_absolute_url()).content.decode()
    assert "Secret draft analysis" in page
    assert "Albania Action Plan Review 2022-2024" in page
    assert api.get("/api/v1/irm/assessments/").json()["count"] == 1
    assert list(Assessment.objects.published()) == [draft_assessment]


def test_comments_on_a_draft_open_for_comment(client, participant, irm_staff, draft):
    from opengov.irm.actions import move_report

    move_report(irm_staff, draft, "public_comment")
    client.force_login(participant)
    response = client.post(draft.get_absolute_url(), {"text": "Please check **milestone 2**<script>x</script>"})
    assert response.status_code == 302
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "<strong>milestone 2</strong>" in page
    assert "<script>x" not in page


def test_a_report_open_for_comment_invites_an_anonymous_reader_to_sign_in(client, irm_staff, draft):
    from opengov.irm.actions import move_report

    move_report(irm_staff, draft, "public_comment")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200  # was a 500: the sign-in link named a route that does not exist
    assert f'href="/accounts/login/?next={draft.get_absolute_url()}"' in response.content.decode()
