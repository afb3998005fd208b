"""Coalitions can be followed (loaded by the following app; see opengov/core/followables.py).

News: a new message in the coalition's discussion (a new thread or a reply; a hidden message never is) and a new
coalition meeting or event.
"""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.followables import ChangeKind, Trigger, followable, kind, trigger

from .models import Coalition, Event, Post, Visibility

followable(Coalition, public=lambda: Coalition.objects.all())

kind(ChangeKind("coalition_post", _("A new message in a coalition's discussion")))
kind(ChangeKind("coalition_meeting", _("A coalition plans a meeting or event"), "immediate"))

trigger(
    Trigger(
        Post,
        "coalition_post",
        when=lambda post, created, old: created and post.visibility == Visibility.VISIBLE,
        targets=lambda post: [post.thread.coalition],
        summary=lambda post: str(
            _("New message in “%(thread)s” (%(coalition)s)")
            % {"thread": post.thread.title, "coalition": post.thread.coalition}
        ),
        url=lambda post: post.thread.get_absolute_url(),
    )
)
trigger(
    Trigger(
        Event,
        "coalition_meeting",
        when=lambda event, created, old: created,
        targets=lambda event: [event.coalition],
        summary=lambda event: str(
            _("%(coalition)s meets: %(title)s, %(date)s")
            % {
                "coalition": event.coalition,
                "title": event.title,
                "date": formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT"),
            }
        ),
    )
)
