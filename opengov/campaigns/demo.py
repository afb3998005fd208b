"""Demo campaigns: OGP's three campaigns (catalogue.py, real definitions) with their live targets, plus illustrative
crowdsourced examples, pledges and Open Gov Challenge submissions. Written through the actions. Idempotent."""

from __future__ import annotations

import datetime

from opengov.accounts.demo import DEMO_EMAIL_DOMAIN
from opengov.accounts.models import User
from opengov.core.seeding import Log
from opengov.members.models import Member

from . import actions, catalogue
from .models import ChallengeSubmission, Example, Pledge, PledgeOutcome, SubmissionKind, SubmissionStatus

EXAMPLES = [
    ("AR", "emergency-procurement", "Every emergency purchase published as open data within 48 hours."),
    ("KE", "open-data-for-the-health-response", "Daily case data released under an open licence."),
    ("AL", "social-safety-nets", "Cash transfers listed by municipality, with eligibility rules."),
    ("AM", "stimulus-oversight", "Parliament reviews each stimulus package in public hearings."),
    ("MX", "fiscal-transparency", "Monthly reports on COVID-19 spending by ministry."),
    ("PH", "parliaments", "Virtual plenary sessions streamed with published votes."),
]
PLEDGES = [
    ("AL", "Publish all emergency contracts with beneficial owners.", datetime.date(2021, 6, 30), PledgeOutcome.MET),
    ("AM", "Open a public dashboard of stimulus spending.", datetime.date(2021, 12, 31), PledgeOutcome.NOT_MET),
    ("KE", "Co-create a recovery commitment with civil society.", datetime.date(2022, 6, 30), PledgeOutcome.PENDING),
]


def seed(log: Log) -> None:
    response, challenge = catalogue.ensure_campaigns()[1:]
    users = {u.email: u for u in User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")}
    participant = users.get(f"participant@{DEMO_EMAIL_DOMAIN}")
    support = users.get(f"support@{DEMO_EMAIL_DOMAIN}")
    editor = users.get(f"editor.albania@{DEMO_EMAIL_DOMAIN}")
    if participant is None or support is None or editor is None:
        log("Campaigns: demo users missing; campaigns seeded without examples.")
        return
    themes = {t.slug: t for t in response.themes.all()}
    if not response.examples.exists():
        for i, (country, theme, text) in enumerate(EXAMPLES):
            example = actions.submit_example(
                participant,
                response,
                {
                    "country": country,
                    "theme": themes[theme],
                    "description": text,
                    "source_url": "https://www.example.org/",
                },
            )
            if i < 2:
                actions.review_example(support, example, "reviewed")
    members = {m.ogp_code: m for m in Member.objects.filter(ogp_code__in=["AL", "AM", "KE"])}
    if not response.pledges.exists():
        for code, text, due, outcome in PLEDGES:
            if code in members:
                pledge = Pledge.objects.create(campaign=response, member=members[code], action=text, due_on=due)
                if outcome != PledgeOutcome.PENDING:
                    actions.follow_up_pledge(support, pledge, outcome, "Checked against the member's repository.")
    if not challenge.submissions.exists() and "AL" in members:
        areas = {t.slug: t for t in challenge.themes.all()}
        mine = actions.submit_challenge(
            editor,
            challenge,
            {
                "member": members["AL"],
                "institution": "Ministry of State for Local Government",
                "country": "AL",
                "level_of_government": "National",
                "title": "Public registry of beneficial owners",
                "description": "Open the registry by 2025, with milestones each semester.",
                "kind": SubmissionKind.STANDALONE,
            },
        )
        actions.review_submission(support, mine, areas["anti-corruption"], SubmissionStatus.ACCEPTED)
        actions.submit_challenge(
            participant,
            challenge,
            {
                "member": None,
                "institution": "City of Springfield transparency office",
                "country": "US",
                "level_of_government": "Local",
                "title": "Open council meetings",
                "description": "Stream and publish every council meeting.",
                "kind": SubmissionKind.STANDALONE,
            },
        )
    log("Campaigns: Break the Roles, Open Response + Open Recovery and the Open Gov Challenge ready.")


def reset() -> dict[str, int]:
    """Delete the demo examples, pledges and Challenge submissions; OGP's campaigns themselves stay (real data)."""
    demo_user = {"submitted_by__email__endswith": f"@{DEMO_EMAIL_DOMAIN}"}
    examples = Example.objects.filter(**demo_user).delete()[1].get("campaigns.Example", 0)
    submissions = ChallengeSubmission.objects.filter(**demo_user).delete()[1].get("campaigns.ChallengeSubmission", 0)
    pledges = (
        Pledge.objects.filter(action__in=[text for _, text, _, _ in PLEDGES]).delete()[1].get("campaigns.Pledge", 0)
    )
    return {"campaign examples": examples, "Challenge submissions": submissions, "pledges": pledges}
