"""Staff support: who may ask and read, routing to regional staff, replies vs internal notes, first response,
overdue, the queue and the member's timeline, and that notes and contact e-mails never leak."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import CivilSocietyOrganisationFactory, MemberFactory, UserFactory
from opengov.members.models import Region
from opengov.notifications.models import Notification
from opengov.support import actions
from opengov.support.models import Attachment, StaffCoverage, Status, SupportRequest

pytestmark = pytest.mark.django_db

NOTE = "Internal: the minister is about to resign"


def staff(email, *regions):
    user = UserFactory(email=email, is_staff=True)
    grant_role(None, user, Role.SUPPORT_UNIT)
    for region in regions:
        StaffCoverage.objects.create(user=user, region=region)
    return user


@pytest.fixture
def europe_staff(db):
    return staff("europe@su.example.org", Region.EUROPE)


@pytest.fixture
def ask_fields():
    return {"topic": "co_creation", "subject": "How do we run the forum?", "message": "We need **help**."}


@pytest.fixture
def asked(albania_poc, albania, europe_staff, ask_fields):
    return actions.ask(albania_poc, albania, ask_fields)


def test_routing_goes_to_the_least_loaded_staff_covering_the_region(albania, albania_poc, ask_fields):
    busy, free = staff("busy@su.example.org", Region.EUROPE), staff("free@su.example.org", Region.EUROPE)
    staff("americas@su.example.org", Region.AMERICAS)
    SupportRequest.objects.create(
        member=albania, requester=albania_poc, topic="irm", subject="x", message="x", assigned_to=busy
    )
    request = actions.ask(albania_poc, albania, ask_fields)
    assert request.assigned_to == free
    assert Notification.objects.filter(recipient=free, url=request.get_absolute_url()).exists()


def test_nobody_covering_leaves_it_unassigned_and_tells_every_staff(albania, albania_poc, ask_fields, support_unit):
    request = actions.ask(albania_poc, albania, ask_fields)
    assert request.assigned_to is None
    assert Notification.objects.filter(recipient=support_unit).exists()


def test_first_response_only_from_a_staff_reply_not_a_note(asked, europe_staff, albania_poc):
    actions.add_note(europe_staff, asked, NOTE)
    asked.refresh_from_db()
    assert asked.first_response_at is None
    actions.reply(albania_poc, asked, "Any news?")
    asked.refresh_from_db()
    assert asked.first_response_at is None
    actions.reply(europe_staff, asked, "Here is the guide.")
    asked.refresh_from_db()
    assert asked.first_response_at is not None and asked.status == Status.IN_PROGRESS
    assert Notification.objects.filter(recipient=albania_poc, subject__startswith="New reply").exists()


def test_overdue_after_the_first_response_allowance(asked, europe_staff, settings):
    settings.SUPPORT_FIRST_RESPONSE_HOURS = 48
    later = asked.created_at + datetime.timedelta(hours=49)
    assert asked.is_overdue(later) and list(SupportRequest.objects.overdue(later)) == [asked]
    actions.reply(europe_staff, asked, "On it.")
    asked.refresh_from_db()
    assert not asked.is_overdue(later) and not SupportRequest.objects.overdue(later).exists()


def test_resolving_stamps_and_notifies_and_a_follow_up_reopens(asked, europe_staff, albania_poc):
    actions.update(europe_staff, asked, {"status": Status.RESOLVED}, asked.version)
    asked.refresh_from_db()
    assert asked.resolved_at is not None
    assert Notification.objects.filter(recipient=albania_poc, subject__contains="resolved").exists()
    actions.reply(albania_poc, asked, "Not quite.")
    asked.refresh_from_db()
    assert asked.status == Status.IN_PROGRESS and asked.resolved_at is None
    assert asked.history.count() >= 3


@pytest.fixture
def armenia_editor(db):
    armenia = MemberFactory(name="Armenia", slug="armenia", ogp_code="AM", region=Region.EUROPE)
    user = UserFactory()
    grant_role(None, user, Role.GOVERNMENT_EDITOR, armenia)
    return user


@pytest.fixture
def albania_cso_rep(albania):
    user = UserFactory()
    organisation = CivilSocietyOrganisationFactory()
    organisation.members.add(albania)
    grant_role(None, user, Role.CSO_REPRESENTATIVE, organisation)
    return user


# persona -> (may ask about Albania, may read Albania's request, may add notes / change / queue)
MATRIX = {
    "anonymous": (False, False, False),
    "participant": (False, False, False),
    "cso_rep": (False, False, False),  # represents an organisation not working with Albania
    "albania_cso_rep": (True, False, False),
    "albania_editor": (True, False, False),  # another Albanian editor does not read the PoC's request
    "albania_poc": (True, True, False),  # asked it
    "armenia_editor": (False, False, False),
    "irm_staff": (False, False, False),
    "support_unit": (True, True, True),
}


@pytest.mark.parametrize("persona", MATRIX)
def test_permission_matrix(request, persona, asked, albania, client):
    user = request.getfixturevalue(persona)
    may_ask, may_read, staff_only = MATRIX[persona]
    assert user.has_perm("support.add_supportrequest", albania) is may_ask
    assert user.has_perm("support.view_supportrequest", asked) is may_read
    assert user.has_perm("support.reply_supportrequest", asked) is may_read
    for perm in ("support.note_supportrequest", "support.change_supportrequest"):
        assert user.has_perm(perm, asked) is staff_only
    assert user.has_perm("support.view_queue") is staff_only
    assert user.has_perm("support.view_member_timeline", albania) is staff_only
    if not may_read:
        with pytest.raises(PermissionDenied):
            actions.reply(user, asked, "hello")
    if not staff_only:
        with pytest.raises(PermissionDenied):
            actions.add_note(user, asked, "hello")
    if persona != "anonymous":
        client.force_login(user)
        assert client.get(asked.get_absolute_url()).status_code == (200 if may_read else 403)
        assert client.get(reverse("support:queue")).status_code == (200 if staff_only else 403)


def test_internal_notes_never_reach_the_requester_or_the_api(asked, europe_staff, albania_poc, client, albania):
    actions.add_note(europe_staff, asked, NOTE)
    actions.reply(europe_staff, asked, "Public answer")
    client.force_login(albania_poc)
    html = client.get(asked.get_absolute_url()).content.decode()
    assert "Public answer" in html and NOTE not in html and "Internal notes" not in html
    api = client.get("/api/v1/support/requests/").content.decode()
    assert "Public answer" in api and NOTE not in api
    # The public member page shows no support data at all; staff see the timeline there (but not the note).
    client.logout()
    assert asked.subject not in client.get(albania.get_absolute_url()).content.decode()
    client.force_login(europe_staff)
    html = client.get(albania.get_absolute_url()).content.decode()
    assert asked.subject in html and NOTE not in html
    assert NOTE in client.get(asked.get_absolute_url()).content.decode()
    assert NOTE not in client.get("/api/v1/support/requests/").content.decode()


def test_api_lists_only_own_requests(asked, client, albania_editor):
    client.force_login(albania_editor)
    assert client.get("/api/v1/support/requests/").json()["count"] == 0
    assert client.get(f"/api/v1/support/requests/{asked.pk}/").status_code == 404
    assert client.get("/api/v1/support/requests/", HTTP_AUTHORIZATION="").status_code == 200
    client.logout()
    assert client.get("/api/v1/support/requests/").status_code in (401, 403)


def test_ask_in_the_browser_with_an_attachment_and_a_bad_one(client, albania_poc, albania, europe_staff):
    client.force_login(albania_poc)
    url = reverse("support:ask")
    bad = SimpleUploadedFile("plan.pdf", b"not a pdf", content_type="application/pdf")
    data = {"member": albania.pk, "topic": "irm", "subject": "IRM report", "message": "Question"}
    page = client.post(url, {**data, "attachments": [bad]})
    assert page.status_code == 200 and "not a PDF file" in page.content.decode()
    assert not SupportRequest.objects.exists()
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 hello", content_type="application/pdf")
    page = client.post(url, {**data, "attachments": [good]})
    created = SupportRequest.objects.get()
    assert page.url == created.get_absolute_url() and created.assigned_to == europe_staff
    attachment = Attachment.objects.get()
    assert client.get(reverse("support:attachment", args=[created.pk, attachment.pk])).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("support:attachment", args=[created.pk, attachment.pk])).status_code == 403


def test_queue_views_and_query_count_flat(client, europe_staff, albania, albania_poc, django_assert_max_num_queries):
    old = timezone.now() - datetime.timedelta(days=5)
    for i in range(30):
        SupportRequest.objects.create(
            member=albania,
            requester=albania_poc,
            topic="irm",
            subject=f"Q{i}",
            message="m",
            assigned_to=europe_staff if i % 2 else None,
            created_at=old,
        )
    client.force_login(europe_staff)
    for view in ("mine", "region", "unassigned", "overdue", "all"):
        with django_assert_max_num_queries(10):
            page = client.get(reverse("support:queue"), {"view": view})
        assert page.status_code == 200
    assert "30 requests wait" in client.get(reverse("support:queue")).content.decode()
    assert "15 requests, newest first" in client.get(reverse("support:queue"), {"view": "mine"}).content.decode()
