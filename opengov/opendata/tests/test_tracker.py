"""A government's progress tracker (US NAP5 shape): milestones, statuses, dated progress, idempotent."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, UserFactory
from opengov.members.models import Region
from opengov.opendata.importers.tracker import import_tracker
from opengov.opendata.tests.conftest import FIXTURES
from opengov.plans.models import EvidenceLink, Milestone, MilestoneStatus, ProgressUpdate

pytestmark = pytest.mark.django_db
TRACKER = FIXTURES / "us-nap5-tracker.csv"


@pytest.fixture
def united_states():
    member = MemberFactory(
        name="United States", slug="united-states", ogp_code="US", iso3="USA", region=Region.AMERICAS
    )
    plan = ActionPlanFactory(member=member, number=5, ogp_id="AP_USA05")
    CommitmentFactory(action_plan=plan, ogp_id="US0113")
    CommitmentFactory(action_plan=plan, ogp_id="US0114")
    return member


@pytest.fixture
def us_editor(united_states):
    user = UserFactory(email="editor@us.example.org")
    grant_role(None, user, Role.GOVERNMENT_EDITOR, united_states)
    return user


def test_sub_commitments_become_milestones_with_progress(united_states, us_editor):
    report = import_tracker(us_editor, united_states, TRACKER)
    assert report.applied and report.rows.created == 4 and not report.errors
    first = Milestone.objects.get(commitment__ogp_id="US0113", position=1)
    assert first.status == MilestoneStatus.COMPLETE and first.responsible == "Department of Justice"
    assert Milestone.objects.get(commitment__ogp_id="US0113", position=3).status == MilestoneStatus.NOT_STARTED
    update = first.progress_updates.get()
    assert update.reported_on.isoformat() == "2024-03-15" and update.author == us_editor
    assert EvidenceLink.objects.filter(progress_update=update).count() == 2
    assert first.history.first().history_change_reason == "import us-nap5-tracker.csv"


def test_a_second_import_changes_nothing(united_states, us_editor):
    import_tracker(us_editor, united_states, TRACKER)
    report = import_tracker(us_editor, united_states, TRACKER)
    assert (report.rows.created, report.rows.updated, report.rows.unchanged) == (0, 0, 4)
    assert ProgressUpdate.objects.count() == 4 and Milestone.objects.count() == 4


def test_bad_rows_block_the_import_and_are_reported(united_states, us_editor):
    data = TRACKER.read_bytes().replace(b",Complete,", b",Done,").replace(b"US0114.1", b"US0999.1")
    report = import_tracker(us_editor, united_states, data)
    assert not report.applied and not Milestone.objects.exists()
    assert {(issue.line, issue.column) for issue in report.errors} == {
        (2, "commitment_status"),
        (5, "commitment_detail_sub_id"),
    }
    report = import_tracker(us_editor, united_states, data, skip_bad_rows=True)
    assert report.rows.rejected == 2 and Milestone.objects.count() == 2


def test_another_government_may_not_import(united_states, albania_editor):
    with pytest.raises(PermissionDenied):
        import_tracker(albania_editor, united_states, TRACKER)
