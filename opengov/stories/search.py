"""OpenStories in site-wide search: published and featured stories and translations only (lifecycle.PUBLIC).
A story awaiting review, sent back for changes or declined is never indexed; declining a published one removes it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register
from opengov.members.models import Member

from .models import Story

SEARCH_LANGUAGES = ("en", "es", "fr")  # the languages search stems; others are detected from their words


def _document(story: Story) -> Document:
    return Document(
        title=story.title,
        body=[story.summary, story.body],
        language=story.language if story.language in SEARCH_LANGUAGES else "",
        member=story.member,
        region=story.region,
        year=(story.published_at or story.created_at).year,
        policy_area_ids=[area.pk for area in story.topics.all()],
    )


def _stories_of_member(member: Member) -> list[int]:
    return list(Story.objects.public().filter(member=member).values_list("pk", flat=True))


register(
    Searchable(
        kind="story",
        label=_("Stories"),
        model=Story,
        public=lambda: Story.objects.public().select_related("member").prefetch_related("topics"),
        document=_document,
        watch=[
            Watch(Story, lambda story: [story.pk], m2m=Story.topics.through),
            Watch(Member, _stories_of_member),
        ],
    )
)
