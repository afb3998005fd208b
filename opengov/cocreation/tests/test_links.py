"""Plan pages link their consultations and checklist (co-creation panel); consultations not yet open say so."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from opengov.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_plan_page_links_consultations_and_checklist(client, consultation, draft_plan):
    page = client.get(draft_plan.get_absolute_url()).content.decode()
    assert consultation.get_absolute_url() in page
    assert f"/action-plans/{draft_plan.ogp_id}/standards/" in page
    assert "1 contribution" not in page and "0 contributions" in page


def test_a_consultation_not_yet_open_is_not_called_closed(client, draft_plan):
    today = timezone.localdate()
    later = ConsultationFactory(
        action_plan=draft_plan,
        timeline_published_on=today,
        opens_on=today + datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=50),
    )
    page = client.get(later.get_absolute_url()).content.decode()
    assert "(not open yet)" in page and "(closed)" not in page
    assert "(not open yet)" in client.get(draft_plan.get_absolute_url()).content.decode()


def test_my_work_links_the_moderation_queue(client, moderator, consultation, participant):
    from django.urls import reverse

    from opengov.cocreation import actions
    from opengov.factories import ContributionFactory

    actions.flag(participant, ContributionFactory(consultation=consultation), "Spam")
    client.force_login(moderator)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("cocreation:moderation") in page and "1 flagged contribution is visible" in page


def test_my_work_lists_consultations_waiting_for_answers(client, albania_poc, consultation):
    from django.urls import reverse

    from opengov.factories import ContributionFactory

    ContributionFactory(consultation=consultation)
    client.force_login(albania_poc)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert consultation.get_absolute_url() in page and "1 contribution waits for your reasoned response" in page
