"""The moderation lifecycle: every decision from every status, as declared in lifecycle.py, through the action."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opengov.notifications.models import Notification
from opengov.stories import actions
from opengov.stories.lifecycle import DECISIONS, PUBLIC, STATUSES, Status, decisions_from
from opengov.stories.models import PUBLIC_ORIGINAL

from .conftest import make_story, story_fields

pytestmark = pytest.mark.django_db


def test_the_lifecycle_table_is_consistent():
    assert set(STATUSES) == set(Status)
    for decision in DECISIONS.values():
        assert decision.target not in decision.sources or decision.key == "unfeature"
    # Only published and featured stories are public, as the list's partial indexes say (models.PUBLIC_ORIGINAL).
    assert {s for s, r in STATUSES.items() if r.public} == {Status.PUBLISHED, Status.FEATURED}
    assert PUBLIC_ORIGINAL.children[0] == ("status__in", sorted(PUBLIC))


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("key", list(DECISIONS))
def test_each_decision_is_allowed_exactly_from_its_sources(comms_editor, author, status, key):
    story = make_story(author, status=status, published_at=None, featured_at=None)
    decision = DECISIONS[key]
    if decision in decisions_from(status):
        story = actions.decide(comms_editor, story, key, reason="Because.", expected_version=story.version)
        assert story.status == decision.target
        if decision.target in (Status.PUBLISHED, Status.FEATURED):
            assert story.published_at is not None
        if decision.target == Status.FEATURED:
            assert story.featured_at is not None
        assert Notification.objects.filter(recipient=author).exists()
    else:
        with pytest.raises(ValidationError):
            actions.decide(comms_editor, story, key, reason="Because.")


def test_declining_or_asking_for_changes_needs_a_reason(comms_editor, author):
    story = make_story(author, status=Status.SUBMITTED)
    for key in ("decline", "request_changes"):
        with pytest.raises(ValidationError) as info:
            actions.decide(comms_editor, story, key, reason="  ")
        assert "reason" in info.value.message_dict


def test_an_author_cannot_curate_their_own_story(author):
    story = make_story(author, status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        actions.decide(author, story, "publish")


def test_full_path_submit_changes_revise_publish_keeps_every_version(comms_editor, author):
    story = actions.submit_story(author, story_fields())
    assert story.status == Status.SUBMITTED
    story = actions.decide(comms_editor, story, "request_changes", reason="Add a date.", expected_version=1)
    assert story.status == Status.CHANGES_REQUESTED
    story = actions.revise_story(author, story, {"body": "In **2021** it started."}, expected_version=story.version)
    assert story.status == Status.SUBMITTED  # a revision goes back to review
    story = actions.decide(comms_editor, story, "publish", expected_version=story.version)
    assert story.status == Status.PUBLISHED
    bodies = [h.body for h in story.history.order_by("history_date")]
    assert bodies[0] == "It started with a **hackathon**."
    assert bodies[-1] == "In **2021** it started."
    assert story.history.count() == 4
    # Published: the author can no longer change it.
    with pytest.raises(PermissionDenied):
        actions.revise_story(author, story, {"title": "New"})


def test_bad_input_gets_errors_on_the_fields(author):
    with pytest.raises(ValidationError) as info:
        actions.submit_story(author, story_fields(consent_publish=False, country="", format="video", summary="x" * 700))
    errors = info.value.message_dict
    assert {"consent_publish", "country", "video_url", "summary"} <= set(errors)


def test_a_photo_essay_needs_a_described_png_or_jpeg(author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as info:
        actions.submit_story(author, story_fields(format="photo_essay"))
    assert "images" in info.value.message_dict
    fake = SimpleUploadedFile("photo.png", b"GIF89a not a png", content_type="image/png")
    with pytest.raises(ValidationError) as info:
        actions.submit_story(author, story_fields(format="photo_essay"), images=[actions.NewImage(fake, "A square")])
    assert "images" in info.value.message_dict


def test_the_region_follows_the_member_or_the_country(author, albania):
    story = actions.submit_story(author, story_fields(country="", member=albania))
    assert story.region == albania.region
    story = actions.submit_story(author, story_fields(country="AL"))
    assert story.region == albania.region


def test_a_translation_must_be_in_another_language(author, participant):
    original = make_story(author, language="en")
    with pytest.raises(ValidationError):
        actions.submit_story(participant, story_fields(language="en"), translation_of=original)
    translation = actions.submit_story(participant, story_fields(language="es"), translation_of=original)
    assert translation.translation_of == original
