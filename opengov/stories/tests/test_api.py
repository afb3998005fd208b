"""The stories API, validated against the OpenAPI schema: public reads, token writes under the same rules."""

from __future__ import annotations

import pytest

from opengov.stories.lifecycle import Status
from opengov.stories.models import Story

from .conftest import make_story

pytestmark = pytest.mark.django_db


def test_reads_show_public_stories_and_your_own(api, author, participant, comms_editor):
    make_story(author, title="Public one")
    make_story(author, status=Status.SUBMITTED, title="Pending one")
    assert [s["title"] for s in api.get("/api/v1/stories/").json()["results"]] == ["Public one"]
    api.use_token(author)
    assert {s["title"] for s in api.get("/api/v1/stories/").json()["results"]} == {"Public one", "Pending one"}
    api.use_token(participant)
    assert len(api.get("/api/v1/stories/").json()["results"]) == 1
    api.use_token(comms_editor)
    assert len(api.get("/api/v1/stories/").json()["results"]) == 2
    assert api.get("/api/v1/stories/?q=pending").json()["count"] == 1


def test_share_and_curate_with_a_token(api, author, comms_editor, albania):
    body = {"title": "Via the API", "summary": "Short.", "body": "Long.", "country": "AL", "consent_publish": True,
            "members": ["albania"]}  # fmt: skip
    with api.invalid_request():
        assert api.post("/api/v1/stories/", body, format="json").status_code == 401
    api.use_token(author)
    created = api.post("/api/v1/stories/", body, format="json")
    assert created.status_code == 201, created.content
    story_id = created.json()["id"]
    assert created.json()["status"] == "submitted" and created.json()["members"] == ["albania"]
    refused = api.post(f"/api/v1/stories/{story_id}/decide/", {"decision": "publish", "version": 1}, format="json")
    assert refused.status_code == 403
    api.use_token(comms_editor)
    declined = api.post(f"/api/v1/stories/{story_id}/decide/", {"decision": "decline", "version": 1}, format="json")
    assert declined.status_code == 400 and "reason" in declined.json()
    published = api.post(f"/api/v1/stories/{story_id}/decide/", {"decision": "publish", "version": 1}, format="json")
    assert published.status_code == 200 and published.json()["status"] == "published"
    stale = api.post(f"/api/v1/stories/{story_id}/decide/", {"decision": "feature", "version": 1}, format="json")
    assert stale.status_code == 409
    assert Story.objects.get(pk=story_id).status == Status.PUBLISHED


def test_missing_consent_is_a_field_error(api, author):
    api.use_token(author)
    response = api.post("/api/v1/stories/", {"title": "T", "summary": "S", "body": "B", "country": "AL"}, format="json")
    assert response.status_code == 400 and "consent_publish" in response.json()
