"""The Support Unit's back office for members: access, fixed query counts, status changes through the action,
no deletion anywhere."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.accounts.models import Role, RoleAssignment
from opengov.factories import ActionPlanFactory, CivilSocietyOrganisationFactory, MemberFactory, UserFactory
from opengov.members.models import EligibilityScore, MemberStatus, StatusChange

pytestmark = pytest.mark.django_db


def admin_url(model: str, view: str = "changelist", *args) -> str:
    app = "accounts" if model in ("user", "roleassignment") else "members"
    return reverse(f"admin:{app}_{model}_{view}", args=args)


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_member_rows(n: int) -> None:
    for _i in range(n):
        member = MemberFactory()
        ActionPlanFactory(member=member)
        EligibilityScore.objects.create(member=member, year=2024, fiscal_transparency=4, access_to_information=4)
        CivilSocietyOrganisationFactory().members.add(member)
        grant = UserFactory()
        RoleAssignment.objects.create(user=grant, role=Role.GOVERNMENT_EDITOR, member=member)


CHANGELISTS = ("member", "eligibilityscore", "civilsocietyorganisation", "user", "roleassignment")


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelist_query_count_does_not_grow_with_rows(client, support_unit, model):
    client.force_login(support_unit)
    add_member_rows(2)
    few = query_count(client, admin_url(model))
    add_member_rows(6)
    assert query_count(client, admin_url(model)) == few


def test_support_unit_opens_every_change_page(client, support_unit, albania):
    EligibilityScore.objects.create(member=albania, year=2024, fiscal_transparency=4)
    organisation = CivilSocietyOrganisationFactory()
    organisation.members.add(albania)
    assignment = RoleAssignment.objects.get(user=support_unit)
    client.force_login(support_unit)
    assert client.get(reverse("admin:index")).status_code == 200
    for model, pk in (
        ("member", albania.pk),
        ("eligibilityscore", albania.eligibility_scores.get().pk),
        ("civilsocietyorganisation", organisation.pk),
        ("user", support_unit.pk),
        ("roleassignment", assignment.pk),
    ):
        assert client.get(admin_url(model, "change", pk)).status_code == 200, model
        assert client.get(admin_url(model, "history", pk)).status_code == 200, model
    for model in CHANGELISTS:
        assert client.get(admin_url(model, "add")).status_code == 200, model


def test_index_lists_the_apps_for_support_unit_staff(client, support_unit):
    client.force_login(support_unit)
    content = client.get(reverse("admin:index")).content.decode()
    assert "Support Unit back office" in content
    for model in CHANGELISTS:
        assert admin_url(model) in content


@pytest.mark.parametrize("model", CHANGELISTS)
def test_non_staff_users_are_sent_to_the_login_page(client, participant, albania_editor, model):
    for user in (participant, albania_editor):
        client.force_login(user)
        response = client.get(admin_url(model))
        assert response.status_code == 302 and "/admin/login/" in response.url


def test_staff_without_a_support_unit_role_sees_nothing(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(admin_url("member")).status_code == 403


def member_post_data(member, **extra) -> dict:
    data = {
        "name": member.name,
        "slug": member.slug,
        "kind": member.kind,
        "parent": "",
        "region": member.region,
        "country": member.country.code or "",
        "iso3": member.iso3,
        "ogp_code": member.ogp_code,
        "join_date": member.join_date.isoformat() if member.join_date else "",
        "lead_agency": member.lead_agency,
        "website_url": member.website_url,
        "repository_url": member.repository_url,
        "new_status": "",
        "status_effective_date": "",
        "status_reason": "",
    }
    for prefix, count in (("status_changes", member.status_changes.count()), ("eligibility_scores", 0)):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": str(count)})
        data.update({f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(extra)
    return data


def test_status_change_through_the_admin_records_history_and_updates_the_member(client, support_unit, albania):
    client.force_login(support_unit)
    today = datetime.date.today()
    response = client.post(
        admin_url("member", "change", albania.pk),
        member_post_data(
            albania,
            new_status=MemberStatus.UNDER_PROCEDURAL_REVIEW,
            status_effective_date=today.isoformat(),
            status_reason="Acted contrary to process in two consecutive cycles.",
        ),
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    change = StatusChange.objects.get(member=albania)
    assert change.status == MemberStatus.UNDER_PROCEDURAL_REVIEW and change.recorded_by == support_unit
    albania.refresh_from_db()
    assert albania.status == MemberStatus.UNDER_PROCEDURAL_REVIEW and albania.status_since == today
    assert albania.history.first().history_user == support_unit


def test_status_change_needs_date_and_reason(client, support_unit, albania):
    client.force_login(support_unit)
    response = client.post(
        admin_url("member", "change", albania.pk),
        member_post_data(albania, new_status=MemberStatus.SUSPENDED),
    )
    assert response.status_code == 200
    assert "status_reason" in response.context["adminform"].form.errors
    assert not StatusChange.objects.exists()
    albania.refresh_from_db()
    assert albania.status == MemberStatus.ACTIVE


def test_status_field_itself_is_not_editable(client, support_unit, albania):
    client.force_login(support_unit)
    client.post(admin_url("member", "change", albania.pk), member_post_data(albania, status="suspended"))
    albania.refresh_from_db()
    assert albania.status == MemberStatus.ACTIVE


def test_eligibility_outcome_is_shown(client, support_unit, albania):
    EligibilityScore.objects.create(
        member=albania, year=2024, fiscal_transparency=4, access_to_information=4, asset_disclosure=3
    )
    client.force_login(support_unit)
    content = client.get(admin_url("eligibilityscore")).content.decode()
    assert "11 / 12" in content and "91.7 %" in content and "Eligible" in content
    assert "Eligible" in client.get(admin_url("member", "change", albania.pk)).content.decode()


def test_delete_is_not_offered(client, support_unit, albania):
    client.force_login(support_unit)
    content = client.get(admin_url("member", "change", albania.pk)).content.decode()
    assert admin_url("member", "delete", albania.pk) not in content
    assert client.get(admin_url("member", "delete", albania.pk)).status_code == 403
    assert "delete_selected" not in client.get(admin_url("member")).content.decode()
    assignment = RoleAssignment.objects.get(user=support_unit)
    assert client.get(admin_url("roleassignment", "delete", assignment.pk)).status_code == 403
    assert client.get(admin_url("user", "delete", support_unit.pk)).status_code == 403


def test_granting_a_role_in_the_admin_goes_through_grant_role(client, support_unit, albania):
    person = UserFactory(email="new-editor@example.org")
    client.force_login(support_unit)
    response = client.post(
        admin_url("roleassignment", "add"),
        {
            "user": person.pk,
            "role": Role.GOVERNMENT_EDITOR,
            "member": albania.pk,
            "organisation": "",
            "action_plan": "",
        },
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=person)
    assert assignment.member == albania and assignment.history.first().history_user == support_unit
    # A scope that does not fit the role is explained on the field.
    response = client.post(
        admin_url("roleassignment", "add"),
        {"user": person.pk, "role": Role.MODERATOR, "member": albania.pk, "organisation": "", "action_plan": ""},
    )
    assert response.status_code == 200 and "member" in response.context["adminform"].form.errors


def test_ending_roles_with_the_admin_action(client, support_unit, albania_editor):
    client.force_login(support_unit)
    assignment = RoleAssignment.objects.get(user=albania_editor)
    response = client.post(
        admin_url("roleassignment"), {"action": "end_roles", "_selected_action": [assignment.pk]}, follow=True
    )
    assert response.status_code == 200
    assignment.refresh_from_db()
    assert assignment.ends_at is not None
    assert not RoleAssignment.objects.current().filter(user=albania_editor).exists()


def test_only_superusers_make_superusers(client, support_unit):
    client.force_login(support_unit)
    form = client.get(admin_url("user", "change", support_unit.pk)).context["adminform"].form
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields


def test_support_unit_cannot_change_a_superuser(client, support_unit):
    boss = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(support_unit)
    assert client.get(admin_url("user", "change", boss.pk)).context["has_change_permission"] is False
    assert client.get(reverse("admin:auth_user_password_change", args=[boss.pk])).status_code == 403


def test_granting_a_role_from_the_user_page(client, support_unit, albania):
    person = UserFactory(email="poc@example.org")
    client.force_login(support_unit)
    form = client.get(admin_url("user", "change", person.pk)).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in ("email", "display_name", "first_name", "last_name")}
    data.update({"is_active": "on", "date_joined_0": "", "last_login_0": ""})
    prefix = "role_assignments"
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"})
    data.update({f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update({f"{prefix}-0-role": Role.POINT_OF_CONTACT, f"{prefix}-0-member": albania.pk})
    response = client.post(admin_url("user", "change", person.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assignment = RoleAssignment.objects.get(user=person)
    assert assignment.role == Role.POINT_OF_CONTACT and assignment.member == albania
