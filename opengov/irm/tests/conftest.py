"""IRM personas: a researcher assigned to Albania's plan and one who is not."""

from __future__ import annotations

import pytest

from opengov.factories import ActionPlanFactory, CommitmentFactory, IrmReportFactory, UserFactory, assign_researcher_to


@pytest.fixture
def albania_plan(albania):
    return ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01", start_year=2022, end_year=2024)


@pytest.fixture
def albania_commitment(albania_plan):
    return CommitmentFactory(action_plan=albania_plan, ogp_id="AL0001")


@pytest.fixture
def draft(albania_plan):
    return IrmReportFactory(action_plan=albania_plan, product="action_plan_review", state="draft")


@pytest.fixture
def researcher(albania_plan):
    """IRM researcher assigned to Albania's plan: drafts its assessments, nothing else."""
    return assign_researcher_to(albania_plan, UserFactory(email="researcher@irm.example.org"))


@pytest.fixture
def other_researcher(db):
    """IRM researcher assigned to another member's plan: cannot touch Albania's reports."""
    return assign_researcher_to(ActionPlanFactory(), UserFactory(email="other@irm.example.org"))
