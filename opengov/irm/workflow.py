"""The IRM report workflow, declared once as data (draft -> public comment -> final -> published).

Rules (irm/rules.py), actions (irm/actions.py) and querysets (irm/models.py) read this table; nothing else
compares report states. IRM staff move reports between states; researchers draft.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# OGP: drafts are open for public comment for two weeks (DOMAIN.md 3.1).
MIN_COMMENT_PERIOD = datetime.timedelta(days=14)


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLIC_COMMENT = "public_comment", _("Open for public comment")
    FINAL = "final", _("Final")
    PUBLISHED = "published", _("Published")


@dataclass(frozen=True)
class StateRules:
    researcher_edits: bool  # the assigned researchers may change the report's assessments
    staff_edits: bool  # IRM staff may change them (review)
    public: bool  # anyone may read the report page and its assessments
    accepts_comments: bool  # signed-in users may comment
    next_states: tuple[ReportState, ...]


WORKFLOW: dict[ReportState, StateRules] = {
    # The researcher writes; only the IRM team sees it.
    ReportState.DRAFT: StateRules(True, True, False, False, (ReportState.PUBLIC_COMMENT,)),
    # The "For Public Comment" version: public, anyone signed in may comment; the researcher still revises.
    ReportState.PUBLIC_COMMENT: StateRules(True, True, True, True, (ReportState.FINAL, ReportState.DRAFT)),
    # Comments addressed; IRM staff do the last review before publication. Not public yet.
    ReportState.FINAL: StateRules(False, True, False, False, (ReportState.PUBLISHED, ReportState.PUBLIC_COMMENT)),
    # Published: the record is closed (corrections are a new report version, out of scope here).
    ReportState.PUBLISHED: StateRules(False, False, True, False, ()),
}

# What the button that moves a report into each state says (IRM workspace, report page).
MOVE_LABELS: dict[ReportState, Promise] = {
    ReportState.DRAFT: _("Send back to draft"),
    ReportState.PUBLIC_COMMENT: _("Open for public comment"),
    ReportState.FINAL: _("Mark as final"),
    ReportState.PUBLISHED: _("Publish"),
}

PUBLIC_STATES = tuple(state for state, rules in WORKFLOW.items() if rules.public)


def rules_for(state: str) -> StateRules:
    return WORKFLOW[ReportState(state)]


def next_moves(state: str) -> list[tuple[str, str]]:
    """(target state, button label) for every move the workflow allows from ``state``."""
    return [(str(target), str(MOVE_LABELS[target])) for target in rules_for(state).next_states]


def can_move(from_state: str, to_state: str) -> bool:
    return ReportState(to_state) in WORKFLOW[ReportState(from_state)].next_states
