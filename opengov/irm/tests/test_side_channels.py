"""IRM writes never overwrite without a version check; drafts leak neither through answers (400 vs 403) nor
through public validators (ETag, Last-Modified) or public caches (the insights data version)."""

from __future__ import annotations

import pytest

from opengov.factories import AssessmentFactory, CommitmentFactory, IrmReportFactory
from opengov.irm import actions
from opengov.irm.models import Assessment, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(draft, albania_commitment, researcher):
    return actions.save_assessment(researcher, draft, albania_commitment, {"narrative": "First analysis"})


def test_posting_an_existing_assessment_answers_409_and_changes_nothing(api, researcher, assessed):
    api.use_token(researcher)
    body = {"report": assessed.report_id, "commitment": assessed.commitment.ogp_id, "narrative": "Overwritten"}
    response = api.post("/api/v1/irm/assessments/", body)
    assert response.status_code == 409
    assert response.json()["current_version"] == assessed.version
    assessed.refresh_from_db()
    assert assessed.narrative == "First analysis"


def test_the_form_for_a_new_assessment_does_not_overwrite_one_created_meanwhile(client, researcher, assessed):
    """The researcher opened the empty form; a colleague created the assessment before the form was sent."""
    client.force_login(researcher)
    url = f"/irm/reports/{assessed.report_id}/assess/{assessed.commitment.ogp_id}/"
    response = client.post(url, {"verifiable": "yes", "narrative": "Mine", "version": ""})
    assert response.status_code == 200
    assessed.refresh_from_db()
    assert assessed.narrative == "First analysis"


def test_a_hidden_draft_answers_like_a_missing_report(api, participant, other_researcher, draft, albania_commitment):
    """Not 403 for a draft that exists and 400 for one that does not: the same 400 for both."""
    for user in (participant, other_researcher):
        api.use_token(user)
        answers = []
        for report in (draft.pk, draft.pk + 1000):
            with api.invalid_request():
                response = api.post(
                    "/api/v1/irm/assessments/", {"report": report, "commitment": albania_commitment.ogp_id}
                )
            detail = response.json().get("report", [""])[0].replace(str(report), "N")
            answers.append((response.status_code, detail))
        assert answers[0] == answers[1] and answers[0][0] == 400, answers


def test_editing_a_draft_leaves_the_public_validators_alone(client, researcher, assessed):
    published = IrmReportFactory(action_plan=assessed.report.action_plan, product="results_report", state="published")
    AssessmentFactory(report=published, commitment=CommitmentFactory(action_plan=published.action_plan))
    before = client.head("/data/assessments.csv")
    actions.save_assessment(researcher, assessed.report, assessed.commitment, {"narrative": "Edited"}, 1)
    after = client.head("/data/assessments.csv")
    assert after["ETag"] == before["ETag"]
    assert after["Last-Modified"] == before["Last-Modified"]
    # Publishing the draft changes the public file, and so its validators.
    Report.objects.filter(pk=assessed.report_id).update(state="published")
    assert client.head("/data/assessments.csv")["ETag"] != before["ETag"]


def test_editing_a_draft_leaves_the_insights_cache_version_alone(researcher, assessed):
    from opengov.insights.indicators import data_version

    another = CommitmentFactory(action_plan=assessed.report.action_plan)
    before = data_version()
    actions.save_assessment(researcher, assessed.report, assessed.commitment, {"narrative": "Edited"}, 1)
    actions.save_assessment(researcher, assessed.report, another, {"narrative": "New draft"})
    assert data_version() == before
    Report.objects.filter(pk=assessed.report_id).update(state="published")
    assert data_version() != before
    assert Assessment.objects.count() == 2
