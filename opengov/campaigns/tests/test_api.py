"""The campaigns API, validated against the OpenAPI schema."""

from __future__ import annotations

import datetime

import pytest

from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, policy_area

pytestmark = pytest.mark.django_db


def test_campaigns_carry_their_live_targets(api, break_the_roles):
    gender = policy_area("Gender")
    a = MemberFactory(join_date=datetime.date(2012, 1, 1))
    MemberFactory(join_date=datetime.date(2012, 1, 1))
    CommitmentFactory(action_plan=ActionPlanFactory(member=a, start_year=2019, end_year=2020), policy_areas=[gender])
    data = api.get(f"/api/v1/campaigns/{break_the_roles.slug}/").json()
    target = data["targets"][0]
    assert (target["value"], target["numerator"], target["denominator"], target["met"]) == (50.0, 1, 2, True)
    assert len(target["trend"]) == 12 and target["members_counted"] == [a.slug]


def test_examples_and_submissions_with_a_token(api, participant, response_campaign, challenge):
    example = {"campaign": response_campaign.slug, "theme": "parliaments", "country": "KE",
               "description": "Votes published.", "source_url": "https://example.org/"}  # fmt: skip
    with api.invalid_request():
        assert api.post("/api/v1/campaign-examples/", example, format="json").status_code == 401
    api.use_token(participant)
    created = api.post("/api/v1/campaign-examples/", example, format="json")
    assert created.status_code == 201 and created.json()["status"] == "pending"
    wrong = dict(example, campaign=challenge.slug)
    assert api.post("/api/v1/campaign-examples/", wrong, format="json").status_code == 403
    submission = {"campaign": challenge.slug, "institution": "Town hall", "country": "US", "title": "Open meetings",
                  "description": "Stream them.", "kind": "standalone"}  # fmt: skip
    made = api.post("/api/v1/challenge-submissions/", submission, format="json")
    assert made.status_code == 201 and made.json()["status"] == "submitted"
    api.credentials()
    assert api.get("/api/v1/challenge-submissions/").json()["count"] == 0  # not accepted yet
