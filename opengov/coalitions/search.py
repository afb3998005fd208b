"""Coalitions and their public discussion in site-wide search.

Every coalition is public (its page, resources and events). A discussion thread is indexed with its visible
messages only: a message a moderator hides leaves the index when the moderation commits, and a thread whose
every message is hidden is not indexed at all."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register

from .models import Coalition, Event, Post, Resource, Thread, Visibility


def _coalition_document(coalition: Coalition) -> Document:
    return Document(
        title=coalition.name,
        body=[
            coalition.description,
            *(area.label for area in coalition.policy_areas.all()),
            *(f"{r.title}\n{r.description}" for r in coalition.resources.all()),
            *(f"{e.title} {e.location}" for e in coalition.events.all()),
        ],
        language="en",
        policy_area_ids=[area.pk for area in coalition.policy_areas.all()],
    )


def _thread_document(thread: Thread) -> Document:
    posts: list[Post] = thread.visible_posts  # type: ignore[attr-defined]  # Prefetch to_attr in public()
    return Document(
        title=thread.title,
        body=[*(post.body for post in posts), thread.coalition.name],
        year=thread.created_at.year,
        policy_area_ids=[area.pk for area in thread.coalition.policy_areas.all()],
    )


def _visible_threads() -> QuerySet[Thread]:
    visible = Post.objects.filter(visibility=Visibility.VISIBLE)
    return (
        Thread.objects.filter(Exists(visible.filter(thread=OuterRef("pk"))))
        .select_related("coalition")
        .prefetch_related(
            "coalition__policy_areas",
            Prefetch("posts", queryset=visible.only("pk", "thread_id", "body"), to_attr="visible_posts"),
        )
    )


register(
    Searchable(
        kind="coalition",
        label=_("Coalitions"),
        model=Coalition,
        public=lambda: Coalition.objects.prefetch_related("policy_areas", "resources", "events"),
        document=_coalition_document,
        watch=[
            Watch(Coalition, lambda coalition: [coalition.pk], m2m=Coalition.policy_areas.through),
            Watch(Resource, lambda resource: [resource.coalition_id]),
            Watch(Event, lambda event: [event.coalition_id]),
        ],
        boost=1.5,
    )
)
register(
    Searchable(
        kind="discussion",
        label=_("Coalition discussions"),
        model=Thread,
        public=_visible_threads,
        document=_thread_document,
        watch=[
            Watch(Thread, lambda thread: [thread.pk]),
            Watch(Post, lambda post: [post.thread_id]),
            # Threads carry their coalition's name and policy areas (facets).
            Watch(
                Coalition,
                lambda coalition: list(coalition.threads.values_list("pk", flat=True)),
                m2m=Coalition.policy_areas.through,
            ),
        ],
        boost=0.8,
    )
)
