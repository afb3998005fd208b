"""Following: changes reach followers grouped by item, never twice; unsubscribe links cannot be forged."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from opengov.factories import ActionPlanFactory, ProgressUpdateFactory, ResponseFactory, UserFactory
from opengov.following import actions, mailer
from opengov.following.models import Delivery, Frequency


@pytest.fixture
def plan(albania):
    return ActionPlanFactory(member=albania, phase="submitted")


def test_digest_groups_by_followed_item_and_never_sends_twice(
    plan, albania, participant, django_capture_on_commit_callbacks
):
    actions.follow(participant, plan)
    actions.follow(participant, albania)
    with django_capture_on_commit_callbacks(execute=True):
        plan.phase = "implementation"
        plan.save()
        ProgressUpdateFactory(commitment__action_plan=plan)
    assert mail.outbox == []  # phase changes and progress are daily by default
    call_command("send_digests")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    body = message.body
    assert body.count(f"== {plan.name} ==") == 1 and body.count("== Albania ==") == 1
    assert body.index("Progress reported") < body.index("is now in phase")  # newest first within the plan
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    call_command("send_digests")
    assert len(mail.outbox) == 1  # nothing new: nothing sent
    assert Delivery.objects.filter(user=participant).count() == 3


def test_immediate_kinds_go_out_at_once_and_only_to_followers(albania, participant, django_capture_on_commit_callbacks):
    other = UserFactory()
    actions.follow(participant, albania)
    with django_capture_on_commit_callbacks(execute=True):
        ActionPlanFactory(member=albania)
    assert [m.to for m in mail.outbox] == [[participant.email]]
    assert other.email not in str([m.to for m in mail.outbox])
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_preferences_per_kind(plan, participant, django_capture_on_commit_callbacks):
    actions.follow(participant, plan)
    actions.set_preferences(participant, {"phase_change": Frequency.WEEKLY})
    with django_capture_on_commit_callbacks(execute=True):
        plan.phase = "implementation"
        plan.save()
    call_command("send_digests")
    assert mail.outbox == []
    call_command("send_digests", frequency="weekly")
    assert len(mail.outbox) == 1


def test_contributor_hears_the_response(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ResponseFactory()
    author = response.contribution.author
    assert [m.to for m in mail.outbox] == [[author.email]]


def test_unsubscribe_link_is_signed(client, participant, albania):
    token = mailer.unsubscribe_token(participant.pk)
    forged = mailer.unsubscribe_token(participant.pk + 1)[:-3] + "abc"
    assert mailer.read_unsubscribe_token(forged) is None
    assert mailer.read_unsubscribe_token("e30:1abc:xyz") is None
    assert client.post(reverse("following:unsubscribe", kwargs={"token": forged})).status_code == 400
    assert client.get(reverse("following:unsubscribe", kwargs={"token": token})).status_code == 200
    response = client.post(reverse("following:unsubscribe", kwargs={"token": token}))  # one click, no session
    assert response.status_code == 200
    assert set(actions.frequencies_for(participant).values()) == {Frequency.OFF}


def test_follow_button_needs_login_and_a_public_target(client, participant, albania):
    url = reverse("following:toggle", kwargs={"label": "members.member", "pk": albania.pk})
    assert client.post(url).status_code == 302 and not actions.is_following(participant, albania)
    client.force_login(participant)
    client.post(url, {"next": "https://evil.example/"})
    assert actions.is_following(participant, albania)
    draft = reverse("following:toggle", kwargs={"label": "irm.report", "pk": 999})
    assert client.post(draft).status_code == 404
    assert (
        client.post(reverse("following:toggle", kwargs={"label": "accounts.user", "pk": participant.pk})).status_code
        == 404
    )
    page = client.get(albania.get_absolute_url())
    assert "Following · stop following" in page.content.decode()
