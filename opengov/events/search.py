"""Open Gov Week in site-wide search (loaded by the search app; see opengov/core/searchables.py): every edition,
and approved events only. Submitted, sent back, rejected and merged events are never indexed, so approving one
adds it and sending it back to review, rejecting or merging it removes it, after the moderation commits."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register
from opengov.members.models import Member

from .choices import State
from .models import Edition, Event


def _edition_document(edition: Edition) -> Document:
    return Document(
        title=f"{edition}: {edition.theme_en}",
        body=[edition.theme_es, edition.theme_fr, edition.call_en, edition.call_es, edition.call_fr],
        language="en",
        year=edition.year,
    )


def _event_document(event: Event) -> Document:
    return Document(
        title=event.title,
        body=[
            event.description,
            event.organiser_name,
            event.place,
            str(event.edition),
            event.get_event_type_display(),
            ", ".join(event.topic_labels),
        ],
        member=event.member,
        region=event.region,  # events happen in countries that are not members too
        year=event.starts_at.year,
    )


def _events_if_renamed(edition: Edition) -> list[int]:
    """An edition's events name it ("Open Gov Week 2025"): re-index them when its year changed, not on every edit
    of its dates or call (an edition holds thousands of events)."""
    years = list(edition.history.order_by("-history_id").values_list("year", flat=True)[:2])
    if len(years) < 2 or years[0] == years[1]:
        return []
    return list(edition.events.filter(state=State.APPROVED).values_list("pk", flat=True))


def _events_of_member(member: Member) -> list[int]:
    return list(Event.objects.filter(member=member, state=State.APPROVED).values_list("pk", flat=True))


register(
    Searchable(
        kind="edition",
        label=_("Open Gov Week editions"),
        model=Edition,
        public=lambda: Edition.objects.all(),
        document=_edition_document,
        watch=[Watch(Edition, lambda edition: [edition.pk])],
        boost=1.5,
    )
)
register(
    Searchable(
        kind="event",
        label=_("Open Gov Week events"),
        model=Event,
        public=lambda: Event.objects.public().select_related("edition", "member"),
        document=_event_document,
        watch=[
            Watch(Event, lambda event: [event.pk]),
            Watch(Edition, _events_if_renamed),
            Watch(Member, _events_of_member),
        ],
    )
)
