"""The moderation lifecycle of a story, declared once as data.

Rules (stories/rules.py), actions (stories/actions.py) and pages read these tables; nothing else compares statuses.
A story is submitted by its author; communications staff ask for changes, decline (with a reason), publish or
feature it. An author may revise a story while it waits for review or after changes were asked; a revision of a
story sent back for changes goes back to review.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    FEATURED = "featured", _("Featured")
    DECLINED = "declined", _("Declined")


@dataclass(frozen=True)
class StatusRules:
    public: bool  # anyone may read it; it is in lists, feeds, panels and the API
    author_may_revise: bool  # the author may change its text
    revision_returns_to: Status | None = None  # where a revision by the author moves it


STATUSES: dict[Status, StatusRules] = {
    Status.SUBMITTED: StatusRules(public=False, author_may_revise=True),
    Status.CHANGES_REQUESTED: StatusRules(public=False, author_may_revise=True, revision_returns_to=Status.SUBMITTED),
    Status.PUBLISHED: StatusRules(public=True, author_may_revise=False),
    Status.FEATURED: StatusRules(public=True, author_may_revise=False),
    Status.DECLINED: StatusRules(public=False, author_may_revise=False),
}

PUBLIC = frozenset(status for status, rules in STATUSES.items() if rules.public)
# What waits for the curators: the statuses an author may still revise.
IN_REVIEW = frozenset(status for status, rules in STATUSES.items() if rules.author_may_revise)


@dataclass(frozen=True)
class Decision:
    """A curator's move: from which statuses, to which, whether a reason must be given, and its button label."""

    key: str
    label: object
    sources: frozenset[Status]
    target: Status
    needs_reason: bool


DECISIONS: dict[str, Decision] = {
    d.key: d
    for d in (
        Decision(
            "request_changes",
            _("Ask for changes"),
            frozenset({Status.SUBMITTED}),
            Status.CHANGES_REQUESTED,
            needs_reason=True,
        ),
        Decision(
            "publish",
            _("Publish"),
            frozenset({Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.DECLINED}),
            Status.PUBLISHED,
            needs_reason=False,
        ),
        Decision(
            "feature",
            _("Feature"),
            frozenset({Status.SUBMITTED, Status.PUBLISHED}),
            Status.FEATURED,
            needs_reason=False,
        ),
        Decision("unfeature", _("Stop featuring"), frozenset({Status.FEATURED}), Status.PUBLISHED, needs_reason=False),
        Decision(
            "decline",
            _("Decline"),
            frozenset({Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.PUBLISHED, Status.FEATURED}),
            Status.DECLINED,
            needs_reason=True,
        ),
    )
}


def rules_for(status: str) -> StatusRules:
    return STATUSES[Status(status)]


def is_public(status: str) -> bool:
    return Status(status) in PUBLIC


def decisions_from(status: str) -> list[Decision]:
    """The decisions a curator may take on a story in ``status``, in the order they are offered."""
    return [d for d in DECISIONS.values() if Status(status) in d.sources]
