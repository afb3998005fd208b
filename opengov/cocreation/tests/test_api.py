"""API: reads of forums, meetings, documents, consultations, contributions with responses; writes under the rules.
Every request and response is validated against the OpenAPI schema (the ``api`` fixture)."""

from __future__ import annotations

import pytest

from opengov.cocreation.models import Contribution
from opengov.factories import (
    ContributionFactory,
    DocumentFactory,
    ForumFactory,
    ForumSeatFactory,
    MeetingFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def test_public_reads(api, albania, consultation):
    forum = ForumFactory(member=albania)
    ForumSeatFactory(forum=forum)
    MeetingFactory(forum=forum)
    DocumentFactory(member=albania)
    ResponseFactory(contribution=ContributionFactory(consultation=consultation))
    for path in ("forums", "meetings", "documents", "consultations", "contributions"):
        response = api.get(f"/api/v1/{path}/?member=albania" if path != "contributions" else f"/api/v1/{path}/")
        assert response.status_code == 200, path
        assert response.json()["count"] == 1, path
    row = api.get("/api/v1/contributions/").json()["results"][0]
    assert row["response"]["outcome"] == "not_adopted"
    assert api.get("/api/v1/consultations/").json()["results"][0]["contribution_count"] == 1


def test_hidden_contributions_have_no_text_in_the_api(api, consultation):
    ContributionFactory(consultation=consultation, body="nasty", visibility="hidden", hidden_reason="abuse")
    row = api.get("/api/v1/contributions/").json()["results"][0]
    assert (row["body"], row["hidden_reason"]) == ("", "abuse")


def test_contribute_support_and_respond(api, consultation, participant, albania_editor):
    api.use_token(participant)
    created = api.post(
        "/api/v1/contributions/",
        {"consultation": consultation.pk, "kind": "proposal", "title": "Open budgets", "body": "Publish them."},
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    api.use_token(albania_editor)
    assert api.post(f"/api/v1/contributions/{pk}/support/").json() == {"counted": True, "support_count": 1}
    answered = api.post(
        f"/api/v1/contributions/{pk}/respond/",
        {"outcome": "adopted", "justification": "Yes.", "create_commitment": True},
    )
    assert answered.status_code == 200
    assert answered.json()["response"]["commitment"].startswith("AL")
    revised = api.post(
        f"/api/v1/contributions/{pk}/respond/",
        {"outcome": "partly_adopted", "justification": "Partly.", "version": 1},
    )
    assert revised.status_code == 200
    stale = api.post(
        f"/api/v1/contributions/{pk}/respond/",
        {"outcome": "adopted", "justification": "Stale.", "version": 1},
    )
    assert stale.status_code == 409


def test_writes_need_credentials_and_the_rule(api, consultation, participant):
    contribution = ContributionFactory(consultation=consultation)
    with api.invalid_request():
        assert api.post(f"/api/v1/contributions/{contribution.pk}/support/").status_code == 401
    api.use_token(participant)
    response = api.post(
        f"/api/v1/contributions/{contribution.pk}/respond/", {"outcome": "adopted", "justification": "I decide."}
    )
    assert response.status_code == 403
    assert not Contribution.objects.filter(response__isnull=False).exists()
