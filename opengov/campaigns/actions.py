"""Every write of the campaigns app: crowdsourced examples, Challenge submissions, their review, pledge follow-up.

Each action checks its rule (campaigns/rules.py), validates, writes in one transaction and records who did it in the
history. Campaigns, targets, documents, themes and pledges are written by the Support Unit in the back office, which
checks the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opengov.core.concurrency import apply_changes, lock_version
from opengov.core.permissions import attribute_to, require
from opengov.plans.models import Commitment

from .models import (
    MAX_TEXT,
    Campaign,
    ChallengeSubmission,
    Example,
    Pledge,
    PledgeOutcome,
    ReviewStatus,
    SubmissionKind,
    SubmissionStatus,
    Theme,
)


def _check_text(**texts: str) -> None:
    for name, text in texts.items():
        if len(text) > MAX_TEXT:
            raise ValidationError({name: _("At most %(n)s characters, please.") % {"n": f"{MAX_TEXT:,}"}})


def _theme_of(campaign: Campaign, theme: Theme | None, field: str) -> None:
    if theme is not None and theme.campaign_id != campaign.pk:
        raise ValidationError({field: _("This theme belongs to another campaign.")})


@transaction.atomic
def submit_example(user: Any, campaign: Campaign, fields: dict[str, Any]) -> Example:
    """A crowdsourced example: public at once, marked as not reviewed or vetted by OGP until staff review it."""
    require(user, "campaigns.add_example", campaign)
    _check_text(description=fields.get("description", ""))
    _theme_of(campaign, fields.get("theme"), "theme")
    example = Example(campaign=campaign, submitted_by=user, status=ReviewStatus.PENDING, **fields)
    example.full_clean()
    attribute_to(example, user)
    example.save()
    return example


@transaction.atomic
def review_example(user: Any, example: Example, status: str, expected_version: int | None = None) -> Example:
    require(user, "campaigns.review_example", example)
    if status not in ReviewStatus.values or status == ReviewStatus.PENDING:
        raise ValidationError({"status": _("Mark the example reviewed or declined.")})
    example = lock_version(example, expected_version)
    attribute_to(example, user)
    apply_changes(example, {"status": status})
    return example


@transaction.atomic
def submit_challenge(
    user: Any, campaign: Campaign, fields: dict[str, Any], commitments: Iterable[Commitment] = ()
) -> ChallengeSubmission:
    """A member's or a public institution's answer to the Open Gov Challenge, standalone or by nominating
    commitments of its action plans."""
    require(user, "campaigns.add_submission", campaign)
    member = fields.get("member")
    require(user, "campaigns.submit_for_member", member)
    commitments = list(commitments)
    _check_text(description=fields.get("description", ""))
    if fields.get("kind") == SubmissionKind.NOMINATED:
        if not commitments:
            raise ValidationError({"commitments": _("Name the commitments you nominate.")})
        if member is None or any(c.action_plan.member_id != member.pk for c in commitments):
            raise ValidationError({"commitments": _("Nominate commitments of the member's own action plans.")})
    submission = ChallengeSubmission(
        campaign=campaign, submitted_by=user, status=SubmissionStatus.SUBMITTED, area=None, **fields
    )
    submission.full_clean()
    attribute_to(submission, user)
    submission.save()
    submission.commitments.set(commitments)
    return submission


@transaction.atomic
def review_submission(
    user: Any, submission: ChallengeSubmission, area: Theme | None, status: str, expected_version: int | None = None
) -> ChallengeSubmission:
    """The Support Unit assigns the Challenge area and accepts or declines; an accepted submission needs an area."""
    require(user, "campaigns.review_submission", submission)
    submission = lock_version(submission, expected_version)
    _theme_of(submission.campaign, area, "area")
    if status not in SubmissionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status == SubmissionStatus.ACCEPTED and area is None:
        raise ValidationError({"area": _("Assign a Challenge area before accepting.")})
    attribute_to(submission, user)
    apply_changes(submission, {"area": area, "status": status})
    return submission


@transaction.atomic
def follow_up_pledge(user: Any, pledge: Pledge, outcome: str, note: str, expected_version: int | None = None) -> Pledge:
    require(user, "campaigns.manage_campaign", pledge.campaign)
    if outcome not in PledgeOutcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    pledge = lock_version(pledge, expected_version)
    attribute_to(pledge, user)
    apply_changes(pledge, {"outcome": outcome, "follow_up": note.strip()})
    return pledge
