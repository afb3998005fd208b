"""Demo co-creation, so the consultation, moderation and reasoned-response screens have something to show:
a consultation open now on Albania's draft plan, with a proposal and a comment from participants, one of them
flagged for the moderators and waiting for the government's reasoned response.

Written through cocreation.actions as the people would (idempotent: an existing consultation is left alone).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, demo_user
from opengov.core.seeding import SeedLog
from opengov.plans.models import ActionPlan
from opengov.plans.phases import Phase

from . import actions
from .models import Consultation, Contribution, ContributionKind, Response

TITLE = "Consultation on the draft action plan"
DESCRIPTION = (
    "The government invites proposals for new commitments and comments on the draft ones. Every contribution "
    "receives a reasoned response before the plan is submitted."
)


def seed(log: SeedLog) -> None:
    plan = ActionPlan.objects.filter(member__ogp_code="AL", phase=Phase.CO_CREATION).order_by("-start_year").first()
    if plan is None or Consultation.objects.filter(action_plan=plan).exists():
        return
    today = timezone.localdate()
    # The Support Unit records a consultation with its real dates: opened ten days ago, timeline public before.
    consultation = actions.create_consultation(
        demo_user("support_unit"),
        plan,
        {
            "title": TITLE,
            "description": DESCRIPTION,
            "timeline_published_on": today - datetime.timedelta(days=30),
            "opens_on": today - datetime.timedelta(days=10),
            "closes_on": today + datetime.timedelta(days=30),
        },
    )
    log.created("consultations")
    proposal = actions.contribute(
        demo_user("participant"),
        consultation,
        kind=ContributionKind.PROPOSAL,
        title="Publish every public contract within 30 days",
        body="Add a commitment to publish every contract above 10,000 euros in open data within 30 days of "
        "signature. Call me to discuss it: +355 69 000 0000 (my private number).",
    )
    actions.contribute(
        demo_user("cso_rep"),
        consultation,
        kind=ContributionKind.PROPOSAL,
        title="Budget hearings open to the public",
        body="The parliament's budget committee should hold its hearings in public and publish the minutes.",
    )
    log.created("contributions", 2)
    actions.flag(demo_user("cso_rep"), proposal, "It publishes a private phone number.")
    log.created("flags")


def reset() -> dict[str, int]:
    """Delete the consultations the demo people opened, with their contributions, answers and flags."""
    consultations = Consultation.objects.filter(created_by__email__endswith=DEMO_EMAIL_DOMAIN)
    contributions = Contribution.objects.filter(consultation__in=consultations)
    Response.objects.filter(contribution__in=contributions).delete()
    return {
        "contributions": contributions.delete()[1].get("cocreation.Contribution", 0),
        "consultations": consultations.delete()[0],
    }
