"""The demo holds the IRM and co-creation work the screens show, right after ``make run``."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from opengov.accounts.demo import demo_user
from opengov.accounts.predicates import roles_of
from opengov.cocreation.models import Contribution
from opengov.irm.models import Assignment, Finding, FindingStatus, Report
from opengov.irm.workflow import ReportState


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", "--no-logins", verbosity=0)
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.usefixtures("demo_data")


def test_irm_work_to_try(db):
    researcher = demo_user("irm_researcher")
    waiting = Assignment.objects.filter(declared_at__isnull=False, assigned_at=None, ended_at=None)
    assert waiting.exists()
    assigned = Report.objects.filter(state=ReportState.DRAFT, action_plan_id__in=roles_of(researcher).researcher_plans)
    assert assigned.exists()
    open_for_comment = Report.objects.filter(state=ReportState.PUBLIC_COMMENT, comments__isnull=False).distinct()
    assert open_for_comment.exists()
    assert Finding.objects.filter(status=FindingStatus.RECORDED).exists()


def test_cocreation_work_to_try(db):
    flagged = Contribution.objects.filter(flag_count__gt=0, visibility="visible")
    assert flagged.exists()
    assert Contribution.objects.unanswered().exists()


def test_a_second_run_adds_nothing(db):
    before = (Report.objects.count(), Assignment.objects.count(), Contribution.objects.count())
    call_command("load_demo_data", "--no-logins", verbosity=0)
    assert (Report.objects.count(), Assignment.objects.count(), Contribution.objects.count()) == before
