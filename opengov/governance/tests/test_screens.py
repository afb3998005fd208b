"""The governance pages, the Support Unit's screen that warns before saving, the API and the permission matrix."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from opengov.factories import MemberFactory
from opengov.governance import actions
from opengov.governance.models import Body, Mandate, Sector, term_end, term_start

pytestmark = pytest.mark.django_db

SECRET = "private.minister@gov.example.org"


@pytest.fixture
def sc():
    return Body.objects.get(slug="steering-committee")


@pytest.fixture
def seated(sc, albania):
    """Albania and Oxfam on the Steering Committee, a term that started last October 1st."""
    today = timezone.localdate()
    year = today.year if today >= datetime.date(today.year, 10, 1) else today.year - 1
    start = term_start(year)
    gov = Mandate.objects.create(
        body=sc,
        sector=Sector.GOVERNMENT,
        member=albania,
        holder="Albania",
        ministerial_lead="Minister of Justice",
        contact_email=SECRET,
        starts_on=start,
        ends_on=term_end(start),
    )
    cs = Mandate.objects.create(
        body=sc,
        sector=Sector.CIVIL_SOCIETY,
        holder="Ana Civil",
        organisation="Oxfam",
        starts_on=start,
        ends_on=term_end(start),
    )
    return gov, cs


def _fields(holder, sector, start, member=None):
    return {"sector": sector, "holder": holder, "member": member, "starts_on": start, "ends_on": term_end(start)}


def test_bodies_are_seeded_with_their_seats(sc):
    assert (sc.government_seats, sc.civil_society_seats, sc.requires_parity) == (11, 11, True)
    assert sc.subbodies.count() == 3
    assert Body.objects.filter(slug__in=["board", "international-experts-panel"]).count() == 2


def test_public_pages_show_composition_and_checks_but_never_contact_emails(
    client, seated, sc, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client.get(sc.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "Albania" in html and "Minister of Justice" in html and "Oxfam" in html
    assert "first term" in html and "10 vacant" in html
    assert SECRET not in html
    assert SECRET not in client.get(reverse("governance:bodies")).content.decode()
    api = client.get("/api/v1/governance/mandates/").content.decode()
    assert "Albania" in api and SECRET not in api
    body = client.get(f"/api/v1/governance/bodies/{sc.slug}/").json()
    assert body["checks"]["parity_kept"] is True and body["checks"]["vacancies"] == 20


def test_support_unit_sees_contacts(client, seated, sc, support_unit):
    client.force_login(support_unit)
    assert SECRET in client.get(sc.get_absolute_url()).content.decode()


def test_an_impossible_day_shows_today(client, sc):
    assert client.get(sc.get_absolute_url(), {"on": "2025-02-30"}).status_code == 200


def test_composition_on_a_past_day_is_the_history(client, seated, sc):
    gov, _cs = seated
    before = (gov.starts_on - datetime.timedelta(days=1)).isoformat()
    html = client.get(sc.get_absolute_url(), {"on": before}).content.decode()
    assert "Elected, term not started" in html


def test_screen_warns_before_breaking_parity_and_saves_only_when_confirmed(client, seated, sc, support_unit):
    client.force_login(support_unit)
    start = seated[0].starts_on
    armenia = MemberFactory(name="Armenia", slug="armenia", ogp_code="AM")
    data = {
        "sector": "government",
        "position": "member",
        "member": armenia.pk,
        "holder": "Armenia",
        "starts_on": start.isoformat(),
    }
    url = reverse("governance:mandate-add", args=[sc.slug])
    page = client.post(url, data)
    assert page.status_code == 200 and "This change needs your confirmation" in page.content.decode()
    assert not Mandate.objects.filter(holder="Armenia").exists()
    page = client.post(url, {**data, "confirm": "on"})
    assert page.status_code == 302
    added = Mandate.objects.get(holder="Armenia")
    assert added.ends_on == term_end(start)
    assert "would have 2 government and 1 civil-society" in added.history.first().history_change_reason


def test_third_consecutive_term_is_refused_without_confirmation(sc, seated, support_unit, albania):
    gov, cs = seated
    for mandate in seated:  # earlier terms for both, so parity stays kept
        Mandate.objects.create(
            body=sc,
            sector=mandate.sector,
            member=mandate.member,
            holder=mandate.holder,
            starts_on=term_start(mandate.starts_on.year - 3),
            ends_on=term_end(term_start(mandate.starts_on.year - 3)),
        )
    nxt = term_start(gov.starts_on.year + 3)
    actions.add_mandate(support_unit, sc, _fields("Ana Civil", Sector.CIVIL_SOCIETY, nxt), confirm=True)
    with pytest.raises(actions.GovernanceWarnings) as caught:
        actions.add_mandate(support_unit, sc, _fields("Albania", Sector.GOVERNMENT, nxt, albania))
    assert [w.code for w in caught.value.warnings] == ["term_limit"]


def test_recording_an_early_departure_that_breaks_parity_warns(sc, seated, support_unit):
    gov, _cs = seated
    with pytest.raises(actions.GovernanceWarnings):
        actions.end_mandate(support_unit, gov, timezone.localdate(), gov.version)


@pytest.mark.parametrize(
    "persona,allowed",
    [
        ("anonymous", False),
        ("participant", False),
        ("albania_poc", False),
        ("cso_rep", False),
        ("irm_staff", False),
        ("support_unit", True),
    ],
)
def test_permission_matrix(request, persona, allowed, sc, client):
    user = request.getfixturevalue(persona)
    for perm in (
        "governance.add_mandate",
        "governance.change_mandate",
        "governance.add_meeting",
        "governance.add_decision",
        "governance.view_contact_email",
    ):
        assert user.has_perm(perm, sc) is allowed, perm
    assert user.has_perm("governance.view_body", sc)
    if not allowed:
        with pytest.raises(PermissionDenied):
            actions.add_mandate(user, sc, _fields("X", Sector.CIVIL_SOCIETY, term_start(2030)))
        if persona != "anonymous":
            client.force_login(user)
            assert client.get(reverse("governance:mandate-add", args=[sc.slug])).status_code == 403


def test_api_create_needs_confirm_for_a_warning(sc, seated, support_unit):
    from opengov.core.testing import OpenApiClient

    api = OpenApiClient()
    api.use_token(support_unit)
    body = {
        "body": sc.slug,
        "sector": "civil_society",
        "holder": "New CSO",
        "starts_on": seated[0].starts_on.isoformat(),
    }
    refused = api.post("/api/v1/governance/mandates/", body, format="json")
    assert refused.status_code == 400 and "confirm" in refused.json()
    created = api.post("/api/v1/governance/mandates/", {**body, "confirm": True}, format="json")
    assert created.status_code == 201 and "contact_email" not in created.json()


def test_meeting_with_documents_and_decisions(client, sc, support_unit):
    client.force_login(support_unit)
    page = client.post(
        reverse("governance:meeting-add", args=[sc.slug]),
        {"title": "Ministerial meeting", "held_on": "2025-09-24", "level": "ministerial"},
    )
    meeting = sc.meetings.get()
    assert page.url == meeting.get_absolute_url()
    client.post(reverse("governance:decision-add", args=[sc.slug, meeting.pk]), {"text": "Adopt the **strategy**"})
    client.post(
        reverse("governance:document-add", args=[sc.slug, meeting.pk]),
        {"title": "Minutes", "url": "https://example.org/minutes.pdf"},
    )
    client.logout()
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "<strong>strategy</strong>" in html and "Minutes" in html
