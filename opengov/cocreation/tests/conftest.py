"""Co-creation fixtures: a draft plan of Albania with an open consultation."""

from __future__ import annotations

import datetime

import pytest

from opengov.factories import ActionPlanFactory, CommitmentFactory, ConsultationFactory
from opengov.plans.phases import Phase


@pytest.fixture
def draft_plan(albania):
    return ActionPlanFactory(member=albania, phase=Phase.CO_CREATION, start_year=2026, end_year=2028)


@pytest.fixture
def draft_commitment(draft_plan):
    return CommitmentFactory(action_plan=draft_plan, title="Open contracting portal")


@pytest.fixture
def consultation(draft_plan):
    """Open from 2022 until 2099: contributions are accepted whatever the test's date."""
    return ConsultationFactory(
        action_plan=draft_plan,
        title="Draft plan consultation",
        timeline_published_on=datetime.date(2022, 1, 1),
        opens_on=datetime.date(2022, 1, 15),
        closes_on=datetime.date(2099, 12, 31),
    )
