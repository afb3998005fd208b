"""Rate limits on contributions, supports and flags: cache-based, per user, configurable."""

from __future__ import annotations

import pytest

from opengov.cocreation import actions
from opengov.core.ratelimit import RateLimited
from opengov.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_contributions_are_limited_per_user(settings, consultation, participant):
    settings.RATE_LIMITS = {"contribute": (2, 3600)}
    for n in range(2):
        actions.contribute(participant, consultation, kind="proposal", title=f"P{n}", body="text")
    with pytest.raises(RateLimited):
        actions.contribute(participant, consultation, kind="proposal", title="P3", body="text")
    # another user is not affected
    actions.contribute(UserFactory(), consultation, kind="proposal", title="P4", body="text")


def test_flags_are_limited(settings, consultation, participant):
    settings.RATE_LIMITS = {"flag": (1, 3600)}
    first, second = ContributionFactory.create_batch(2, consultation=consultation)
    actions.flag(participant, first, "spam")
    with pytest.raises(RateLimited):
        actions.flag(participant, second, "spam")


def test_supports_are_limited(settings, consultation, participant):
    settings.RATE_LIMITS = {"support": (1, 3600)}
    first, second = ContributionFactory.create_batch(2, consultation=consultation)
    actions.support(participant, first)
    with pytest.raises(RateLimited):
        actions.support(participant, second)


def test_the_page_says_so_and_the_api_answers_429(settings, client, api, consultation, participant):
    settings.RATE_LIMITS = {"contribute": (0, 3600)}
    client.force_login(participant)
    page = client.post(f"/consultations/{consultation.pk}/contribute/", {"kind": "proposal", "title": "x", "body": "y"})
    assert "too often" in page.content.decode()
    api.use_token(participant)
    response = api.post(
        "/api/v1/contributions/", {"consultation": consultation.pk, "kind": "proposal", "title": "x", "body": "y"}
    )
    assert response.status_code == 429


def test_body_longer_than_the_limit_is_refused(consultation, participant):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.contribute(participant, consultation, kind="proposal", title="Long", body="x" * 5001)
