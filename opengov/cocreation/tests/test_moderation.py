"""Moderation: flag, hide with a reason, restore; nothing is deleted; the author is told."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opengov.cocreation import actions
from opengov.cocreation.models import Contribution, Flag
from opengov.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_flag_once_per_user_and_not_own(consultation, participant):
    contribution = ContributionFactory(consultation=consultation)
    assert actions.flag(participant, contribution, "Insults") is True
    assert actions.flag(participant, contribution, "Insults again") is False
    contribution.refresh_from_db()
    assert contribution.flag_count == 1
    with pytest.raises(PermissionDenied):
        actions.flag(contribution.author, contribution, "Mine")


def test_moderator_hides_with_reason_and_restores(consultation, moderator):
    contribution = ContributionFactory(consultation=consultation)
    with pytest.raises(ValidationError):
        actions.hide(moderator, contribution, "")
    actions.hide(moderator, contribution, "Personal attack")
    contribution.refresh_from_db()
    assert (contribution.visibility, contribution.hidden_reason) == ("hidden", "Personal attack")
    actions.restore(moderator, contribution, "Appeal accepted")
    contribution.refresh_from_db()
    assert contribution.visibility == "visible" and contribution.hidden_reason == ""
    assert contribution.history.count() == 3
    assert Contribution.objects.filter(pk=contribution.pk).exists()


def test_support_unit_moderates_too_others_do_not(consultation, support_unit, albania_editor, participant):
    contribution = ContributionFactory(consultation=consultation)
    actions.hide(support_unit, contribution, "Spam")
    for user in (albania_editor, participant):
        with pytest.raises(PermissionDenied):
            actions.restore(user, contribution)


def test_hidden_contribution_shows_reason_not_text(client, consultation, moderator):
    contribution = ContributionFactory(consultation=consultation, body="Rude words here")
    actions.hide(moderator, contribution, "Abusive language")
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Abusive language" in page
    assert "Rude words here" not in page


def test_author_is_notified_when_hidden(consultation, moderator):
    from opengov.notifications.models import Notification

    contribution = ContributionFactory(consultation=consultation, author=UserFactory())
    actions.hide(moderator, contribution, "Off topic")
    note = Notification.objects.get(recipient=contribution.author)
    assert "Off topic" in note.body


def test_moderation_queue_lists_flagged(client, consultation, moderator, participant):
    contribution = ContributionFactory(consultation=consultation, title="Flag me")
    actions.flag(participant, contribution, "Spam link")
    client.force_login(moderator)
    page = client.get("/consultations/moderation/")
    assert page.status_code == 200
    assert "Spam link" in page.content.decode()
    assert Flag.objects.count() == 1


def test_moderators_are_told_of_a_flag(consultation, moderator, participant):
    from django.urls import reverse

    from opengov.notifications.models import Notification

    contribution = ContributionFactory(consultation=consultation)
    actions.flag(participant, contribution, "Insults")
    notification = Notification.objects.get(recipient=moderator)
    assert "flagged" in notification.subject and notification.url == reverse("cocreation:moderation")
    assert notification.body == "Insults"
