"""Atom feeds of published stories (RFC 4287 through Django's syndication framework): all, per topic, per member."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from opengov.members.models import Member
from opengov.plans.models import PolicyArea

from .models import Story, StoryQuerySet

FEED_SIZE = 30


def _published(qs: StoryQuerySet) -> list[Story]:
    return list(qs.public().select_related("author").order_by("-published_at", "-pk")[:FEED_SIZE])


class StoriesFeed(Feed[Story, Any]):  # the feed's object: none here, a policy area or a member below
    feed_type = Atom1Feed

    def title(self, obj: Any = None) -> str:
        return _("OpenStories: stories of progress from the open government community")

    def link(self, obj: Any = None) -> str:
        return reverse("stories:list")

    def subtitle(self, obj: Any = None) -> str:
        return _("Stories published by the Open Government Partnership, newest first.")

    def items(self, obj: Any = None) -> list[Story]:
        return _published(Story.objects.all())

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return item.summary

    def item_link(self, item: Story) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Story) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Story) -> datetime.datetime | None:
        return item.published_at

    def item_author_name(self, item: Story) -> str:
        return str(item.author.public_name)

    def item_guid(self, item: Story) -> str:
        return f"opengov-story-{item.pk}"


class TopicFeed(StoriesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> PolicyArea:
        return get_object_or_404(PolicyArea, slug=slug)

    def title(self, obj: Any = None) -> str:
        return _("OpenStories on %(topic)s") % {"topic": obj.name}

    def link(self, obj: Any = None) -> str:
        return reverse("stories:list") + f"?topic={obj.slug}"

    def items(self, obj: Any = None) -> list[Story]:
        ids = Story.topics.through.objects.filter(Q(policyarea=obj) | Q(policyarea__parent=obj)).values("story_id")
        return _published(Story.objects.filter(pk__in=ids))


class MemberFeed(StoriesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Member:
        return get_object_or_404(Member, slug=slug)

    def title(self, obj: Any = None) -> str:
        return _("OpenStories from %(member)s") % {"member": obj.name}

    def link(self, obj: Any = None) -> str:
        member: Member = obj  # get_object's
        return member.get_absolute_url()

    def items(self, obj: Any = None) -> list[Story]:
        about = Story.members.through.objects.filter(member=obj).values("story_id")
        return _published(Story.objects.filter(Q(member=obj) | Q(pk__in=about)))
