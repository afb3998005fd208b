"""Joining OGP: a national government from letter of intent to Active member; an OGP Local call from expression
of interest to new local member; the recusal rule; and that letters, contact e-mails and notes stay private."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from opengov.accounts.models import Role, RoleAssignment
from opengov.core.months import add_months
from opengov.factories import MemberFactory, UserFactory
from opengov.members import joining_actions as actions
from opengov.members.joining_models import (
    ApplicationStatus,
    CandidateEligibility,
    CommitteeSeat,
    EoiStatus,
    ExpressionOfInterest,
    LocalCall,
)
from opengov.members.local_views import call_statistics
from opengov.members.models import Member, MemberKind, MemberStatus, Region

pytestmark = pytest.mark.django_db

POC_EMAIL = "secret.poc@kenya.example.org"
EOI_EMAIL = "mayor.office@nairobi.example.org"


def pdf(name="letter.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 letter", content_type="application/pdf")


@pytest.fixture
def kenya_eligible(db):
    return CandidateEligibility.objects.create(
        country="KE",
        year=2025,
        region=Region.AFRICA_MIDDLE_EAST,
        fiscal_transparency=4,
        access_to_information=4,
        asset_disclosure=3,
        citizen_engagement=2,
        values_check_passed=True,
    )


@pytest.fixture
def official(db):
    return UserFactory(email="official@kenya.example.org")


@pytest.fixture
def application(official, kenya_eligible):
    return actions.submit_application(
        official,
        {
            "country": "KE",
            "government_name": "Kenya",
            "lead_agency": "Ministry of Public Service",
            "poc_name": "Wanjiru K.",
            "poc_email": POC_EMAIL,
        },
        pdf(),
    )


def test_how_to_join_lists_eligible_non_members(client, kenya_eligible, albania):
    CandidateEligibility.objects.create(
        country="AL",
        year=2025,
        region=Region.EUROPE,
        fiscal_transparency=4,
        access_to_information=4,
        asset_disclosure=4,
        citizen_engagement=4,
        values_check_passed=True,
    )  # already a member (albania fixture has AL)
    CandidateEligibility.objects.create(
        country="TD",
        year=2025,
        region=Region.AFRICA_MIDDLE_EAST,
        fiscal_transparency=4,
        access_to_information=4,
        asset_disclosure=4,
        citizen_engagement=4,
        values_check_passed=False,
    )  # fails the Values Check
    CandidateEligibility.objects.create(
        country="NE",
        year=2024,
        region=Region.AFRICA_MIDDLE_EAST,
        fiscal_transparency=4,
        access_to_information=4,
        asset_disclosure=4,
        citizen_engagement=4,
        values_check_passed=True,
    )
    CandidateEligibility.objects.create(
        country="NE",
        year=2025,
        region=Region.AFRICA_MIDDLE_EAST,
        fiscal_transparency=0,
        access_to_information=1,
        asset_disclosure=4,
        citizen_engagement=4,
        values_check_passed=True,
    )  # latest year fails
    html = client.get(reverse("members:how-to-join")).content.decode()
    assert "Kenya" in html
    assert "Albania" not in html and "Chad" not in html and "Niger" not in html


def test_national_joining_from_letter_to_active_member(client, application, official, support_unit):
    assert application.status == ApplicationStatus.SUBMITTED
    actions.request_information(support_unit, application, "Please sign the letter.", application.version)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION
    actions.add_information(official, application, pdf("signed.pdf"), application.version)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    member = actions.accept_application(
        support_unit, application, Region.AFRICA_MIDDLE_EAST, "KE", None, application.version
    )
    application.refresh_from_db()
    today = timezone.localdate()
    assert (member.status, member.status_since, member.join_date) == (MemberStatus.ACTIVE, today, today)
    assert member.status_changes.get().status == MemberStatus.ACTIVE
    assert RoleAssignment.objects.current().filter(user=official, role=Role.POINT_OF_CONTACT, member=member).exists()
    assert application.first_plan_due == add_months(today, 12)
    assert official.notifications.filter(subject__contains="Welcome").exists()
    assert application.history.count() >= 4


def test_accepting_needs_eligibility_and_values_check(application, support_unit, kenya_eligible):
    kenya_eligible.values_check_passed = None
    kenya_eligible.save()
    with pytest.raises(ValidationError):
        actions.accept_application(support_unit, application, Region.AFRICA_MIDDLE_EAST, "KE", None, None)
    assert not Member.objects.filter(name="Kenya").exists()


def test_letters_and_contacts_stay_private(client, application, official, support_unit):
    letter_url = reverse("members:joining-letter", args=[application.pk])
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(application.get_absolute_url()).status_code == 403
    assert client.get(letter_url).status_code == 403
    client.force_login(official)
    assert client.get(letter_url).status_code == 200
    client.force_login(support_unit)
    member = actions.accept_application(support_unit, application, Region.AFRICA_MIDDLE_EAST, "KE", None, None)
    client.logout()
    for url in (member.get_absolute_url(), reverse("members:how-to-join"), "/api/v1/members/kenya/"):
        assert POC_EMAIL not in client.get(url).content.decode()


# ------------------------------------------------------------------------------------------------------ OGP Local


@pytest.fixture
def kenya(db):
    return MemberFactory(name="Kenya", slug="kenya", ogp_code="KE", country="KE", region=Region.AFRICA_MIDDLE_EAST)


@pytest.fixture
def open_call(db):
    today = timezone.localdate()
    return LocalCall.objects.create(
        title="OGP Local 2026",
        slug="ogp-local-2026",
        text="Join us",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=60),
        places=50,
    )


def eoi_fields(country, jurisdiction="Nairobi", months=20):
    return {
        "country_member": country,
        "jurisdiction": jurisdiction,
        "jurisdiction_type": "City",
        "official_name": "A. Mayor",
        "official_title": "Mayor",
        "contact_email": EOI_EMAIL,
        "supporting_organisations": "Mzalendo Trust\n",
        "reasons_and_ambition": "Open contracting",
        "track_record": "Open budget portal 2024",
        "capacity_and_resources": "A team of 4",
        "benefits": "Trust",
        "community_contribution": "Peer learning",
        "term_ends_on": add_months(timezone.localdate(), months),
    }


def test_eoi_rules_term_ngo_one_per_jurisdiction_good_standing(open_call, kenya, official):
    with pytest.raises(ValidationError) as caught:
        actions.submit_expression(
            official, open_call, {**eoi_fields(kenya, months=15), "supporting_organisations": " "}
        )
    assert set(caught.value.message_dict) == {"term_ends_on", "supporting_organisations"}
    actions.submit_expression(official, open_call, eoi_fields(kenya, months=16))
    with pytest.raises(ValidationError) as caught:
        actions.submit_expression(UserFactory(), open_call, eoi_fields(kenya, jurisdiction=" nairobi "))
    assert "jurisdiction" in caught.value.message_dict
    suspended = MemberFactory(name="Elsewhere", ogp_code="EW", status=MemberStatus.SUSPENDED)
    with pytest.raises(ValidationError) as caught:
        actions.submit_expression(official, open_call, eoi_fields(suspended, jurisdiction="Town"))
    assert "country_member" in caught.value.message_dict


def test_closed_call_refuses(open_call, kenya, official):
    open_call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    open_call.save()
    with pytest.raises(PermissionDenied):
        actions.submit_expression(official, open_call, eoi_fields(kenya))


def test_call_lifecycle_to_a_new_local_member(open_call, kenya, official, support_unit):
    e = actions.submit_expression(official, open_call, eoi_fields(kenya))
    with pytest.raises(PermissionDenied):  # letters only once shortlisted
        actions.add_letter(official, e, "head", "Governor", pdf())
    actions.set_status(support_unit, e, EoiStatus.SHORTLISTED, e.version)
    e.refresh_from_db()
    actions.add_letter(official, e, "head", "The Governor", pdf())
    with pytest.raises(ValidationError):  # the NGO letter is missing
        actions.set_status(support_unit, e, EoiStatus.FINALIST, e.version)
    actions.add_letter(official, e, "ngo", "Mzalendo Trust", pdf())
    actions.set_status(support_unit, e, EoiStatus.FINALIST, e.version)
    e.refresh_from_db()
    with pytest.raises(ValidationError):  # no going back to shortlisted
        actions.set_status(support_unit, e, EoiStatus.SHORTLISTED, e.version)
    member = actions.accept_finalist(support_unit, e, e.version)
    assert (member.kind, member.parent, member.status, member.region) == (
        MemberKind.LOCAL,
        kenya,
        MemberStatus.ACTIVE,
        kenya.region,
    )
    assert RoleAssignment.objects.current().filter(user=official, role=Role.POINT_OF_CONTACT, member=member).exists()
    with pytest.raises(ValidationError):
        actions.accept_finalist(support_unit, ExpressionOfInterest.objects.get(), None)
    assert call_statistics(open_call) == {
        "expressions": 1,
        "shortlisted": 1,
        "finalists": 1,
        "members": 1,
        "not_selected": 0,
        "withdrawn": 0,
    }


def test_withdraw_only_by_the_submitter_before_a_decision(open_call, kenya, official, support_unit):
    e = actions.submit_expression(official, open_call, eoi_fields(kenya))
    with pytest.raises(PermissionDenied):
        actions.set_status(UserFactory(), e, EoiStatus.WITHDRAWN, None)
    actions.set_status(official, e, EoiStatus.WITHDRAWN, e.version)
    e.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.set_status(official, e, EoiStatus.WITHDRAWN, e.version)


@pytest.fixture
def committee(open_call):
    kenyan, brazilian = UserFactory(email="kenyan@committee.example.org"), UserFactory(email="br@committee.example.org")
    CommitteeSeat.objects.create(call=open_call, user=kenyan, country="KE")
    CommitteeSeat.objects.create(call=open_call, user=brazilian, country="BR")
    return {"kenyan": kenyan, "brazilian": brazilian}


SCORES = {
    "reasons_and_ambition": 4,
    "track_record": 3,
    "capacity_and_resources": 5,
    "benefits": 4,
    "community_contribution": 2,
    "comment": "Strong",
}


# persona -> (reads the application, scores it, sees contact e-mail and letters, decides)
RECUSAL_MATRIX = {
    "kenyan_member": (False, False, False, False),  # own country: recused
    "brazilian_member": (True, True, False, False),
    "submitter": (True, False, True, False),
    "support_unit": (True, False, True, True),  # staff decide; they are not on the committee
    "participant": (False, False, False, False),
    "albania_poc": (False, False, False, False),
}


@pytest.mark.parametrize("persona", RECUSAL_MATRIX)
def test_permission_matrix_with_recusal(request, persona, open_call, kenya, official, committee, client):
    e = actions.submit_expression(official, open_call, eoi_fields(kenya))
    user = {
        "kenyan_member": committee["kenyan"],
        "brazilian_member": committee["brazilian"],
        "submitter": official,
    }.get(persona) or request.getfixturevalue(persona)
    reads, scores, private, decides = RECUSAL_MATRIX[persona]
    assert user.has_perm("members.view_expressionofinterest", e) is reads
    assert user.has_perm("members.score_expressionofinterest", e) is scores
    assert user.has_perm("members.view_private_expression", e) is private
    assert user.has_perm("members.decide_expressionofinterest", e) is decides
    if scores:
        assert actions.score(user, e, SCORES).total == 18
    else:
        with pytest.raises(PermissionDenied):
            actions.score(user, e, SCORES)
    client.force_login(user)
    page = client.get(e.get_absolute_url())
    assert page.status_code == (200 if reads else 403)
    if reads:
        assert (EOI_EMAIL in page.content.decode()) is private
    if persona in ("kenyan_member", "brazilian_member"):
        listing = client.get(reverse("members:eois", args=[open_call.slug])).content.decode()
        assert ("Nairobi" in listing) is reads


def test_public_call_page_shows_numbers_not_applicants(client, open_call, kenya, official):
    actions.submit_expression(official, open_call, eoi_fields(kenya))
    html = client.get(open_call.get_absolute_url()).content.decode()
    assert "Nairobi" not in html and EOI_EMAIL not in html
    assert client.get(reverse("members:eois", args=[open_call.slug])).status_code == 302  # log-in first
