"""Public and editing pages: status codes, content, links, forms with CSRF."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from opengov.cocreation import actions
from opengov.cocreation.models import Consultation, Contribution, Forum, Meeting
from opengov.factories import (
    ContributionFactory,
    DocumentFactory,
    ForumFactory,
    ForumSeatFactory,
    MeetingFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def test_forum_page_shows_members_parity_meetings_and_cadence(client, albania):
    forum = ForumFactory(member=albania)
    ForumSeatFactory(forum=forum, name="Ana Gov", sector="government")
    ForumSeatFactory(forum=forum, name="Besa Civic", sector="civil_society", affiliation="Open Albania")
    MeetingFactory(forum=forum, title="Kick-off of the sixth plan", held_on=datetime.date.today())
    page = client.get(reverse("cocreation:forum", kwargs={"slug": "albania"}))
    assert page.status_code == 200
    text = page.content.decode()
    for expected in ("Ana Gov", "Besa Civic", "Kick-off of the sixth plan", "Rules of participation", "<caption"):
        assert expected in text
    assert "Met" in text


def test_forum_page_without_a_forum_says_so(client, albania):
    page = client.get(reverse("cocreation:forum", kwargs={"slug": "albania"}))
    assert page.status_code == 200
    assert "No forum has been recorded" in page.content.decode()


def test_meeting_page_shows_agenda_minutes_attendance(client, albania):
    meeting = MeetingFactory(forum=ForumFactory(member=albania), minutes="Agreed **five** commitments.")
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert "<strong>five</strong>" in page.content.decode()
    assert "4 government, 5 civil society, 0 other" in page.content.decode()


def test_repository_page_lists_documents_with_last_updated(client, albania):
    DocumentFactory(member=albania, title="Minutes of March", published_on=datetime.date(2025, 3, 1))
    page = client.get(reverse("cocreation:repository", kwargs={"slug": "albania"}))
    assert page.status_code == 200
    assert "Minutes of March" in page.content.decode()
    assert "Last updated" in page.content.decode()


def test_consultation_page_shows_contribution_with_its_answer(client, consultation):
    contribution = ContributionFactory(consultation=consultation, title="Publish all contracts")
    ResponseFactory(contribution=contribution, justification="Adopted as commitment 3.", outcome="adopted")
    page = client.get(consultation.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Publish all contracts" in text
    assert "Adopted as commitment 3." in text
    assert "Log in to take part" in text


def test_signed_in_participant_sees_the_form_and_can_contribute(client, consultation, participant):
    client.force_login(participant)
    page = client.get(consultation.get_absolute_url())
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = client.post(
        reverse("cocreation:contribute", kwargs={"pk": consultation.pk}),
        {"kind": "proposal", "title": "Lobbying register", "body": "Create one."},
    )
    assert response.status_code == 302
    assert Contribution.objects.get().title == "Lobbying register"


def test_invalid_contribution_shows_the_error_summary(client, consultation, participant):
    client.force_login(participant)
    response = client.post(reverse("cocreation:contribute", kwargs={"pk": consultation.pk}), {"kind": "proposal"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_support_button_counts_once(client, consultation, participant):
    contribution = ContributionFactory(consultation=consultation)
    client.force_login(participant)
    url = reverse("cocreation:support", kwargs={"pk": consultation.pk, "cid": contribution.pk})
    client.post(url)
    client.post(url)
    contribution.refresh_from_db()
    assert contribution.support_count == 1


def test_editor_answers_from_the_page(client, consultation, albania_editor):
    contribution = ContributionFactory(consultation=consultation)
    client.force_login(albania_editor)
    url = reverse("cocreation:respond", kwargs={"pk": consultation.pk, "cid": contribution.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"outcome": "not_adopted", "justification": "Already law since 2019."})
    assert response.status_code == 302
    assert contribution.response.justification == "Already law since 2019."


def test_participant_cannot_answer(client, consultation, participant):
    contribution = ContributionFactory(consultation=consultation)
    client.force_login(participant)
    url = reverse("cocreation:respond", kwargs={"pk": consultation.pk, "cid": contribution.pk})
    assert client.get(url).status_code == 403


def test_editor_sets_up_the_forum_and_records_a_meeting(client, albania, albania_editor):
    client.force_login(albania_editor)
    response = client.post(
        reverse("cocreation:forum-edit", kwargs={"slug": "albania"}),
        {"name": "Albanian OGP forum", "rules_of_participation": "Open to all registered CSOs."},
    )
    assert response.status_code == 302
    forum = Forum.objects.get(member=albania)
    response = client.post(
        reverse("cocreation:meeting-add", kwargs={"slug": "albania"}),
        {
            "kind": "co_creation",
            "held_on": "2025-05-01",
            "title": "First meeting",
            "attendees_government": 3,
            "attendees_civil_society": 4,
            "attendees_other": 0,
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get(forum=forum).title == "First meeting"


def test_editor_opens_a_consultation_two_weeks_ahead_only(client, draft_plan, albania_editor):
    client.force_login(albania_editor)
    url = reverse("cocreation:consultation-add", kwargs={"ogp_id": draft_plan.ogp_id})
    today = datetime.date.today()
    too_soon = {
        "title": "Draft",
        "opens_on": today + datetime.timedelta(days=13),
        "closes_on": today + datetime.timedelta(days=40),
    }
    response = client.post(url, too_soon)
    assert response.status_code == 200
    assert "two weeks" in response.content.decode()
    ok = {**too_soon, "opens_on": today + datetime.timedelta(days=14)}
    assert client.post(url, ok).status_code == 302
    assert Consultation.objects.get().timeline_published_on == today


def test_checklist_page_lists_every_requirement(client, draft_plan):
    page = client.get(reverse("cocreation:checklist", kwargs={"ogp_id": draft_plan.ogp_id}))
    assert page.status_code == 200
    assert page.content.decode().count("<tr>") >= 11


def test_member_page_links_to_forum_repository_consultations(client, albania):
    page = client.get(albania.get_absolute_url()).content.decode()
    for name in ("forum", "repository", "consultations"):
        assert reverse(f"cocreation:{name}", kwargs={"slug": "albania"}) in page


def test_commitment_page_tells_the_story_of_an_adopted_proposal(client, consultation, albania_editor):
    contribution = ContributionFactory(consultation=consultation, title="Beneficial ownership register")
    actions.respond(
        albania_editor, contribution, outcome="adopted", justification="We take it.", create_commitment=True
    )
    commitment = contribution.response.commitment
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "The commitment&#x27;s story" in page or "The commitment's story" in page
    assert "Proposed in a public consultation" in page
    assert "Beneficial ownership register" in page
    assert "We take it." in page
