"""The stories pages: list with filters, search and figures; a story; sharing; curating; panels; timeline."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from opengov.factories import CommitmentFactory, policy_area
from opengov.stories.lifecycle import Status
from opengov.stories.models import Story

from .conftest import PNG, make_story

pytestmark = pytest.mark.django_db


def test_the_list_shows_public_stories_with_featured_first(client, author):
    make_story(author, title="A published one")
    make_story(author, status=Status.FEATURED, title="A featured one")
    make_story(author, status=Status.SUBMITTED, title="A pending one")
    make_story(author, status=Status.DECLINED, title="A declined one")
    html = client.get(reverse("stories:list")).content.decode()
    assert "A published one" in html and "A featured one" in html
    assert "A pending one" not in html and "A declined one" not in html
    assert html.index("A featured one") < html.index("A published one")


def test_filters_and_search_within_stories(client, author, albania):
    area = policy_area("Gender")
    one = make_story(author, title="Women in budgets", country="AL", format="video", language="es")
    one.topics.add(area.parent or area)
    make_story(author, title="Roads and water", country="AM", body="About pipes")
    old = make_story(author, title="An old story", published_at=timezone.now().replace(year=2019))
    assert old.published_at.year == 2019

    def titles(**params):
        html = client.get(reverse("stories:list"), params).content.decode()
        return {t for t in ("Women in budgets", "Roads and water", "An old story") if t in html}

    assert titles(q="pipes") == {"Roads and water"}
    assert titles(q="WOMEN budgets") == {"Women in budgets"}
    assert titles(country="AM") == {"Roads and water"}
    assert titles(format="video") == {"Women in budgets"}
    assert titles(language="es") == {"Women in budgets"}
    assert titles(topic=(area.parent or area).slug) == {"Women in budgets"}
    assert titles(year="2019") == {"An old story"}
    assert titles(region="europe") == set()  # stories written straight to the database have no region
    assert titles(country="not-a-country") == {"Women in budgets", "Roads and water", "An old story"}


def test_yearly_figures_count_submitted_published_and_featured(client, author):
    this_year = timezone.now().year
    make_story(author, status=Status.FEATURED)
    make_story(author)
    make_story(author, status=Status.SUBMITTED)
    make_story(author, status=Status.DECLINED)
    response = client.get(reverse("stories:list"))
    row = next(r for r in response.context["figures"] if r.year == this_year)
    assert (row.submitted, row.published, row.featured) == (4, 2, 1)
    assert row.published_share == 50


def test_a_pending_story_is_hidden_from_others_and_shown_to_its_author(client, author, participant):
    story = make_story(author, status=Status.SUBMITTED, title="Not yet")
    assert client.get(story.get_absolute_url()).status_code == 403
    client.force_login(participant)
    assert client.get(story.get_absolute_url()).status_code == 403
    client.force_login(author)
    assert "Not yet" in client.get(story.get_absolute_url()).content.decode()


def test_the_readers_language_comes_first(client, author, participant):
    original = make_story(author, title="Open budgets", language="en")
    make_story(participant, title="Presupuestos abiertos", language="es", translation_of=original)
    html = client.get(reverse("stories:list"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Presupuestos abiertos" in html and "Open budgets" not in html
    page = client.get(original.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")
    assert [s.language for s in page.context["versions"]] == ["es", "en"]


def test_sharing_a_photo_essay_through_the_form(client, author):
    client.force_login(author)
    data = {
        "title": "Photos of the new library",
        "summary": "Open hours decided with readers.",
        "body": "Text",
        "language": "en",
        "country": "AL",
        "format": "photo_essay",
        "consent_publish": "on",
        "photo_1": SimpleUploadedFile("library.png", PNG, content_type="image/png"),
        "alt_1": "Readers at the library's door",
    }
    response = client.post(reverse("stories:submit"), data)
    assert response.status_code == 302
    story = Story.objects.get(title="Photos of the new library")
    image = story.images.get()
    assert image.alt_text == "Readers at the library's door"
    photo = client.get(image.get_absolute_url())
    assert photo["Content-Type"] == "image/png"
    assert b"".join(photo.streaming_content) == PNG


def test_the_form_keeps_input_and_says_what_is_wrong(client, author):
    client.force_login(author)
    response = client.post(
        reverse("stories:submit"),
        {
            "title": "Kept",
            "summary": "s",
            "body": "b",
            "language": "en",
            "format": "written",
            "commitment_ids": "ZZ9999",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "commitment_ids" in form.errors and "ZZ9999" in str(form.errors["commitment_ids"])
    assert 'value="Kept"' in response.content.decode()


def test_staff_publish_from_the_story_page_and_the_author_is_told(client, comms_editor, author):
    story = make_story(author, status=Status.SUBMITTED)
    client.force_login(comms_editor)
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'value="publish"' in page
    client.post(reverse("stories:decide", args=[story.pk]), {"decision": "publish", "version": story.version})
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


def test_panels_show_stories_on_member_plan_and_commitment_pages_and_on_the_timeline(client, author, albania):
    commitment = CommitmentFactory(action_plan__member=albania)
    story = make_story(author, title="Story about the commitment")
    story.commitments.add(commitment)
    story.action_plans.add(commitment.action_plan)
    story.members.add(albania)
    hidden = make_story(author, status=Status.SUBMITTED, title="Hidden story")
    hidden.commitments.add(commitment)
    for url in (commitment.get_absolute_url(), commitment.action_plan.get_absolute_url(), albania.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Story about the commitment" in html, url
        assert "Hidden story" not in html
    html = client.get(commitment.get_absolute_url()).content.decode()
    assert "Story published" in html  # the entry on the commitment's story


def test_versions_are_for_author_and_curators(client, author, participant, comms_editor):
    story = make_story(author)
    client.force_login(participant)
    assert client.get(reverse("stories:versions", args=[story.pk])).status_code == 403
    client.force_login(comms_editor)
    assert client.get(reverse("stories:versions", args=[story.pk])).status_code == 200


def test_the_review_queue_is_for_curators(client, participant, comms_editor, author):
    make_story(author, status=Status.SUBMITTED, title="Waiting story")
    client.force_login(participant)
    assert client.get(reverse("stories:review")).status_code == 403
    client.force_login(comms_editor)
    assert "Waiting story" in client.get(reverse("stories:review")).content.decode()


def test_user_text_is_sanitised(client, author):
    story = make_story(author, body="<script>alert(1)</script>**bold**", title="<b>t</b>")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;b&gt;t&lt;/b&gt;" in html


@pytest.mark.parametrize("n", [5, 40])
def test_the_list_page_runs_a_fixed_number_of_queries(client, author, django_assert_max_num_queries, n):
    day = timezone.now() - datetime.timedelta(days=1)
    for i in range(n):
        make_story(author, title=f"S{i}", status=Status.FEATURED if i % 7 == 0 else Status.PUBLISHED, published_at=day)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("stories:list")).status_code == 200


def test_featured_stories_lead_the_home_page(client, author):
    make_story(author, status=Status.FEATURED, title="Featured on the home page")
    make_story(author, title="Only published")
    html = client.get(reverse("core:home")).content.decode()
    assert "Featured on the home page" in html and "Only published" not in html
