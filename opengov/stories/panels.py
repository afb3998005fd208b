"""What OpenStories shows on the pages of members, action plans and commitments (core/panels.py), and on a
commitment's story (cocreation/timeline.py): the published stories that link them. Two queries each."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from opengov.cocreation import timeline
from opengov.core import panels

from .models import Story, StoryQuerySet

PANEL_SIZE = 5


def _render(request: HttpRequest, stories: StoryQuerySet, heading: str, feed_url: str = "") -> str:
    rows = list(stories.public().select_related("member").order_by("-published_at", "-pk")[: PANEL_SIZE + 1])
    can_share = request.user.has_perm("stories.add_story")
    if not rows and not can_share:
        return ""
    return render_to_string(
        "stories/includes/panel.html",
        {
            "stories": rows[:PANEL_SIZE],
            "more": len(rows) > PANEL_SIZE,
            "heading": heading,
            "feed_url": feed_url,
            "can_share": can_share,
        },
        request=request,
    )


def member_stories(request: HttpRequest, member: Any) -> str:
    about = Story.members.through.objects.filter(member=member).values("story_id")
    return _render(
        request,
        Story.objects.filter(Q(member=member) | Q(pk__in=about)),
        _("Stories"),
        reverse("stories:feed-member", kwargs={"slug": member.slug}),
    )


def plan_stories(request: HttpRequest, plan: Any) -> str:
    return _render(request, Story.objects.filter(action_plans=plan), _("Stories about this action plan"))


def commitment_stories(request: HttpRequest, commitment: Any) -> str:
    return _render(request, Story.objects.filter(commitments=commitment), _("Stories about this commitment"))


def commitment_timeline(commitment: Any) -> list[dict[str, Any]]:
    rows = Story.objects.public().filter(commitments=commitment).only("pk", "title", "published_at")
    return [
        {
            "date": story.published_at.date() if story.published_at else None,
            "label": _("Story published"),
            "title": story.title,
            "url": story.get_absolute_url(),
        }
        for story in rows.order_by("published_at")[:20]
    ]


def register() -> None:
    panels.register("members.Member", order=50)(member_stories)
    panels.register("plans.ActionPlan", order=50)(plan_stories)
    panels.register("plans.Commitment", order=50)(commitment_stories)
    timeline.register(commitment_timeline)
