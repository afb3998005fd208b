"""Open Gov Week editions and approved events can be followed (loaded by the following app; see
opengov/core/followables.py).

News: an edition opening for submissions and an edition's week starting (date-driven, recorded by the digest
command), and an approved event whose date or place changes. An organiser's change of date or place sends the
event back to review (actions.MATERIAL_FIELDS), so its followers hear of it when a moderator approves it again;
a moderator's own edit keeps it approved and they hear of it at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from opengov.core.followables import ChangeKind, News, Trigger, followable, kind, scheduled, trigger

from .choices import Decision, Format, State
from .models import Edition, Event, ModerationDecision

# What an attendee must know again: when and where (the city last: the change key holds the values, cut at 200).
WHEN_AND_WHERE = ("starts_at", "ends_at", "format", "country", "timezone", "city")

followable(Edition, public=lambda: Edition.objects.all())
followable(Event, public=lambda: Event.objects.public())

kind(ChangeKind("ogw_submissions_open", _("An Open Gov Week edition opens for event submissions"), "immediate"))
kind(ChangeKind("ogw_starts", _("An Open Gov Week edition starts")))
kind(ChangeKind("event_changed", _("An event changes its date or place"), "immediate"))


def _when_and_where(event: Event) -> str:
    place = _("online") if event.format == Format.ONLINE else event.place
    return str(
        _("%(title)s: now %(start)s (%(zone)s), %(place)s")
        % {
            "title": event.title,
            "start": formats.date_format(event.local_start, "DATETIME_FORMAT"),
            "zone": event.timezone,
            "place": place,
        }
    )


def _if_still_public(event: Event) -> list[Any]:
    # Read after commit: an organiser's edit that sent the event back to review is not news yet.
    return [event] if event.state == State.APPROVED else []


trigger(
    Trigger(
        Event,
        "event_changed",
        fields=WHEN_AND_WHERE,
        when=lambda event, created, old: (
            not created
            and event.state == State.APPROVED
            and any(name in old and old[name] != getattr(event, name) for name in WHEN_AND_WHERE)
        ),
        targets=_if_still_public,
        summary=_when_and_where,
    )
)


def _approved_after_resubmission(decision: ModerationDecision) -> list[Any]:
    """An approval right after the organiser resubmitted a change of date or place (actions.update_event gives
    the resubmission the changed MATERIAL_FIELDS as its reason, e.g. "title, starts_at")."""
    previous = (
        ModerationDecision.objects.filter(event_id=decision.event_id, pk__lt=decision.pk)
        .order_by("-pk")
        .values_list("decision", "reason")
        .first()
    )
    if previous is None or previous[0] != Decision.RESUBMITTED:
        return []
    if not set(previous[1].split(", ")) & set(WHEN_AND_WHERE):
        return []
    return _if_still_public(decision.event)


trigger(
    Trigger(
        ModerationDecision,
        "event_changed",
        when=lambda decision, created, old: created and decision.decision == Decision.APPROVED,
        targets=_approved_after_resubmission,
        summary=lambda decision: _when_and_where(decision.event),
        url=lambda decision: decision.event.get_absolute_url(),
    )
)


@scheduled
def edition_dates(today: datetime.date) -> Iterator[News]:
    """Editions that opened for submissions or whose week started in the last seven days (a missed daily run
    still reports them, once: the key)."""
    week = today - datetime.timedelta(days=7)
    for edition in Edition.objects.filter(submissions_open_on__range=(week, today)):
        yield News(
            "ogw_submissions_open",
            edition,
            [edition],
            str(
                _("%(edition)s is open for event submissions until %(date)s")
                % {"edition": edition, "date": formats.date_format(edition.submissions_close_on)}
            ),
            f"ogw_submissions_open:{edition.pk}:{edition.submissions_open_on.isoformat()}",
        )
    for edition in Edition.objects.filter(starts_on__range=(week, today)):
        yield News(
            "ogw_starts",
            edition,
            [edition],
            str(_("%(edition)s starts: %(theme)s") % {"edition": edition, "theme": edition.theme}),
            f"ogw_starts:{edition.pk}:{edition.starts_on.isoformat()}",
        )
