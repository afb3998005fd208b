"""OpenStories in the open data downloads and the ZIP (opendata/exporters/entities.py): published stories only,
user text made safe for spreadsheets."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from opengov.opendata.exporters.entities import Dataset, computed, field

from .models import Story


def _text(name: str) -> Callable[[Story], str]:
    return lambda story: getattr(story, name)


def datasets() -> tuple[Dataset, ...]:
    return (
        Dataset(
            "stories",
            _("Stories"),
            _("Published OpenStories: stories of progress shared by the community and curated by OGP."),
            Story,
            lambda: (
                Story.objects.public()
                .select_related("member", "translation_of")
                .prefetch_related("topics", "commitments", "members")
                .order_by("pk")
            ),
            (
                field(Story, "id"),
                computed("title", _text("title"), "text", "Title."),
                computed("summary", _text("summary"), "text", "Summary."),
                field(Story, "language"),
                field(Story, "country", get=lambda s: s.country.code or ""),
                field(Story, "member__ogp_code", "member"),
                field(Story, "region"),
                field(Story, "format"),
                field(Story, "status"),
                field(Story, "published_at"),
                field(Story, "featured_at"),
                field(Story, "translation_of__id", "translation_of"),
                computed(
                    "topics",
                    lambda s: "; ".join(t.label for t in s.topics.all()),
                    "text",
                    "Policy areas, separated by '; '.",
                ),
                computed(
                    "commitments",
                    lambda s: "; ".join(c.ogp_id for c in s.commitments.all()),
                    "text",
                    "OGP ids of the commitments it is about.",
                ),
                computed(
                    "members",
                    lambda s: "; ".join(m.ogp_code for m in s.members.all()),
                    "text",
                    "OGP codes of the members it is about.",
                ),
            ),
            (Story,),
        ),
    )
