"""The demo data command: complete (every region, status, phase, role), credible, and idempotent."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from opengov.accounts import demo
from opengov.accounts.models import Role, RoleAssignment, User
from opengov.core import seeding
from opengov.members.eligibility import EligibilityOutcome
from opengov.members.models import EligibilityScore, Member, MemberKind, MemberStatus, Region
from opengov.plans.demo import demo_plans
from opengov.plans.models import ActionPlan, Commitment, EvidenceLink, Milestone, MilestoneStatus, PolicyArea
from opengov.plans.phases import Phase


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Load once for the module (it takes seconds), inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", "--no-logins", verbosity=0)
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.usefixtures("demo_data")


def model_counts() -> dict[str, int]:
    """Rows of every model of the project, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "members", "plans"}
    }


def test_a_second_run_changes_no_count(db):
    before = model_counts()
    call_command("load_demo_data", "--no-logins", verbosity=0)
    assert model_counts() == before


def test_every_region_has_national_members(db):
    for region in Region:
        assert Member.objects.national().filter(region=region).count() >= 3, region


def test_locals_belong_to_their_country(db):
    buenos_aires = Member.objects.get(ogp_code="BUE")
    assert buenos_aires.kind == MemberKind.LEGACY_LOCAL
    assert buenos_aires.parent.name == "Argentina"
    # Buenos Aires's real plan (AP_ARBA02, from OGP's sample), then the generated ones after it.
    assert buenos_aires.action_plans.filter(ogp_id="AP_ARBA02", commitments__ogp_record__isnull=False).exists()
    assert buenos_aires.action_plans.filter(number__gt=2).exists()
    new_local = Member.objects.get(kind=MemberKind.LOCAL)
    assert new_local.parent is not None
    assert Commitment.objects.filter(ogp_id__regex=r"^BUE[0-9]{4}$").exists()


def test_statuses_come_from_a_dated_history_with_reasons(db):
    for status in (MemberStatus.UNDER_PROCEDURAL_REVIEW, MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN):
        member = Member.objects.get(status=status)
        latest = member.status_changes.first()
        assert latest.status == status and latest.reason and member.status_since == latest.effective_date
    assert Member.objects.filter(status=MemberStatus.ACTIVE).count() > 15
    assert Member.objects.get(ogp_code="AL").history.exists()


def test_eligibility_covers_not_enough_data_and_a_failed_values_check(db):
    outcomes = {score.result.outcome for score in EligibilityScore.objects.all()}
    assert outcomes == set(EligibilityOutcome)
    assert EligibilityScore.objects.filter(values_check_passed=False).exists()
    assert EligibilityScore.objects.values("year").distinct().count() >= 3


def test_plans_in_every_phase_with_two_and_four_year_cycles(db):
    assert set(ActionPlan.objects.values_list("phase", flat=True)) == set(Phase)
    assert set(ActionPlan.objects.values_list("duration_years", flat=True)) >= {2, 4}
    albania = Member.objects.get(ogp_code="AL")
    assert albania.action_plans.count() >= 5
    # Albania's history is OGP's real data (the sample); the demo adds only the plans after it.
    plan = albania.action_plans.get(ogp_id="AP_ALB05")
    assert plan.name == "Albania Action Plan 2020-2022" and plan.phase == Phase.ENDED
    assert plan.commitments.filter(ogp_record__isnull=False).exists()
    current = albania.action_plans.get(phase=Phase.IMPLEMENTATION)
    assert current.number == 7 and current.start_year >= 2025
    # Walking the lifecycle left a history row per phase change.
    assert current.history.count() >= 3


def test_commitments_cover_the_whole_taxonomy(db):
    used = set(PolicyArea.objects.filter(commitments__isnull=False).values_list("label", flat=True))
    assert used == set(PolicyArea.objects.values_list("label", flat=True))
    assert Commitment.objects.filter(carried_forward_from__isnull=False).count() >= 10
    # Generated commitment ids start above Albania's highest real id (AL0097 in the sample).
    generated = Commitment.objects.filter(action_plan__member__ogp_code="AL", ogp_record__isnull=True)
    assert min(generated.values_list("ogp_id", flat=True)) == "AL0098"
    commitment = generated.get(ogp_id="AL0098")
    assert commitment.problem and commitment.objective and commitment.lead_institution and commitment.values


def test_milestones_in_every_status_and_progress_with_evidence(db):
    assert set(Milestone.objects.values_list("status", flat=True)) == set(MilestoneStatus)
    assert EvidenceLink.objects.count() >= Commitment.objects.filter(progress_updates__isnull=False).count()
    # Editors reported their own member's progress; their history records who did it.
    editor = User.objects.get(email=f"editor.albania@{demo.DEMO_EMAIL_DOMAIN}")
    update = Commitment.objects.filter(action_plan__member__ogp_code="AL", progress_updates__isnull=False).first()
    assert update.progress_updates.first().author == editor


def test_every_role_has_a_confirmed_user_with_the_demo_password(db):
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role)
    for row in demo.login_table():
        user = User.objects.get(email=row[1])
        assert user.is_active and user.email_confirmed_at is not None
        assert user.check_password(demo.DEMO_PASSWORD)
    assert User.objects.get(email=f"support@{demo.DEMO_EMAIL_DOMAIN}").is_staff
    researcher = RoleAssignment.objects.get(role=Role.IRM_RESEARCHER)
    assert researcher.action_plan.phase == Phase.IMPLEMENTATION


def test_the_command_prints_the_logins(db, capsys):
    call_command("load_demo_data")
    out = capsys.readouterr().out
    assert demo.DEMO_PASSWORD in out
    for _role, email, _password in demo.login_table():
        assert email in out


def test_reset_removes_only_demo_rows(db):
    other = Member.objects.create(name="Testland", slug="testland", ogp_code="TL", region=Region.EUROPE)
    real = set(Commitment.objects.filter(ogp_record__isnull=False).values_list("ogp_id", flat=True))
    deleted = seeding.reset_all()
    # The real sample (OGP's data, imported by load()) stays; every generated row goes.
    assert set(Commitment.objects.values_list("ogp_id", flat=True)) == real and len(real) == 259
    assert not demo_plans().exists()
    assert not User.objects.filter(email__endswith=demo.DEMO_EMAIL_DOMAIN).exists()
    # Demo members the sample does not hold are gone (Ukraine, Spain, Madrid...); those it holds stay.
    assert deleted["members"] >= 10
    assert not Member.objects.filter(ogp_code__in=["UA", "ES", "MAD"]).exists()
    assert Member.objects.filter(ogp_code__in=["AL", "BUE", "TL"]).count() == 3
    assert other in Member.objects.all()
