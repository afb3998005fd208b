"""A contribution with <script> and javascript: links stays inert on pages, in e-mails, in the API."""

from __future__ import annotations

import pytest
from django.core import mail

from opengov.cocreation import actions
from opengov.factories import ContributionFactory

pytestmark = pytest.mark.django_db

EVIL_TITLE = '<script>alert("t")</script>'
EVIL_BODY = "<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>"


@pytest.fixture
def evil(consultation):
    return ContributionFactory(consultation=consultation, title=EVIL_TITLE, body=EVIL_BODY)


def test_consultation_page_shows_it_inert(client, consultation, evil):
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onerror" not in page
    assert "&lt;script&gt;" in page  # the title is escaped text


def test_the_answer_is_inert_too(client, consultation, evil, albania_editor):
    actions.respond(albania_editor, evil, outcome="not_adopted", justification=EVIL_BODY)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "javascript:" not in page


def test_api_returns_raw_text_never_html(api, consultation, evil):
    data = api.get(f"/api/v1/contributions/?consultation={consultation.pk}").json()
    row = data["results"][0]
    assert row["body"] == EVIL_BODY  # raw Markdown source, to be escaped by the client
    assert api.get(f"/api/v1/contributions/{evil.pk}/")["Content-Type"].startswith("application/json")


def test_notification_email_is_plain_text(settings, consultation, evil, albania_editor):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.respond(albania_editor, evil, outcome="not_adopted", justification=EVIL_BODY)
    assert mail.outbox, "the contributor is e-mailed"
    message = mail.outbox[-1]
    assert not getattr(message, "alternatives", None)  # no HTML part
    assert message.content_subtype == "plain"


def test_commitment_story_is_inert(client, consultation, albania_editor):
    evil = ContributionFactory(consultation=consultation, title="Good title", body=EVIL_BODY)
    actions.respond(albania_editor, evil, outcome="adopted", justification=EVIL_BODY, create_commitment=True)
    page = client.get(evil.response.commitment.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "javascript:" not in page and "onerror" not in page
