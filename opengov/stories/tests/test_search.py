"""OpenStories in site-wide search: published and featured stories only, for every role; the index follows
submission, publication, revision, declining and deletion at once; facets (member, region, policy area, year) and
the member and policy-area feeds include public stories."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opengov.factories import policy_area
from opengov.search import indexer
from opengov.search.query import Filters, search
from opengov.stories import actions
from opengov.stories.lifecycle import Status

from .conftest import make_story, story_fields

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "participant", "author", "comms_editor", "moderator"]


def found(query: str) -> list[int]:
    return [hit.document.object_id for hit in search(query, Filters(kind="story")).hits]


@pytest.fixture
def stories(author, albania):
    made = {
        status: make_story(author, status=status, title=f"The {word} of Tirana", member=albania, region="europe")
        for status, word in (
            (Status.PUBLISHED, "okapi"),
            (Status.FEATURED, "ibis"),
            (Status.SUBMITTED, "zanzibar"),
            (Status.CHANGES_REQUESTED, "quokka"),
            (Status.DECLINED, "narwhal"),
        )
    }
    made[Status.PUBLISHED].topics.add(policy_area("Gender"))
    indexer.rebuild(["story"])
    return made


@pytest.mark.parametrize("role", ROLES)
def test_only_public_stories_are_found_whoever_searches(request, client, stories, role):
    user = request.getfixturevalue(role)
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    for word in ("zanzibar", "quokka", "narwhal"):
        assert "0 results" in client.get(reverse("search:search"), {"q": word}).content.decode(), (role, word)
    for status, word in ((Status.PUBLISHED, "okapi"), (Status.FEATURED, "ibis")):
        page = client.get(reverse("search:search"), {"q": word}).content.decode()
        assert stories[status].get_absolute_url() in page and "Stories" in page


def test_story_facets(stories, albania):
    story = stories[Status.PUBLISHED]
    results = search("okapi")
    (hit,) = results.hits
    assert (hit.document.member_id, hit.document.region, hit.document.year) == (
        albania.pk,
        "europe",
        story.published_at.year,
    )
    assert [v.value for v in results.facets["area"]] == [str(policy_area("Gender").pk)]


def test_the_index_follows_the_lifecycle(author, comms_editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = actions.submit_story(author, story_fields(title="Capybara contracts in Tirana"))
    assert found("capybara") == []
    with django_capture_on_commit_callbacks(execute=True):
        story = actions.decide(comms_editor, story, "publish", expected_version=story.version)
    assert found("capybara") == [story.pk]
    with django_capture_on_commit_callbacks(execute=True):
        story = actions.revise_story(
            comms_editor, story, {"summary": "A wombat reads every contract."}, expected_version=story.version
        )
    assert found("wombat") == [story.pk]
    assert found('"every public contract"') == []  # the old summary is gone
    with django_capture_on_commit_callbacks(execute=True):
        story.topics.add(policy_area("Open Contracting"))
    assert [v.value for v in search("wombat").facets["area"]] == [str(policy_area("Open Contracting").pk)]
    with django_capture_on_commit_callbacks(execute=True):
        story = actions.decide(comms_editor, story, "decline", "Not verifiable.", expected_version=story.version)
    assert found("capybara") == []
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert found("capybara") == []


def test_a_translation_is_found_in_its_own_language(author, comms_editor, stories, django_capture_on_commit_callbacks):
    original = stories[Status.PUBLISHED]
    with django_capture_on_commit_callbacks(execute=True):
        translation = actions.submit_story(
            author,
            story_fields(title="Contrataciones abiertas en Tirana", language="es", summary="Los contratos publicados."),
            translation_of=original,
        )
        actions.decide(comms_editor, translation, "publish")
    assert found("contratos") == [translation.pk]


def test_member_and_policy_area_feeds_include_public_stories(client, stories, albania):
    story = stories[Status.PUBLISHED]
    member_feed = client.get(reverse("search:member-feed", kwargs={"slug": albania.slug})).content.decode()
    area_feed = client.get(
        reverse("search:policy-area-feed", kwargs={"slug": policy_area("Gender").slug})
    ).content.decode()
    for feed in (member_feed, area_feed):
        assert story.get_absolute_url() in feed
        assert "zanzibar" not in feed
