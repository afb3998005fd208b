"""OGP's campaigns as data (DOMAIN.md 5.4): Break the Roles, Open Response + Open Recovery (with Open Renewal) and
the Open Gov Challenge, with their targets, themes or areas and guides. ``ensure_campaigns`` writes them
idempotently (found by slug); the demo and the tests call it. Targets name indicators of targets.py, so their
values are measured on the data, never typed in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from .models import Campaign, CampaignDocument, DocumentKind, Target, Theme


@dataclass(frozen=True)
class TargetSpec:
    title: str
    indicator: str
    threshold: str
    window_starts_on: datetime.date
    deadline: datetime.date


@dataclass(frozen=True)
class CampaignSpec:
    slug: str
    title: str
    description: str
    hero_en: str
    hero_es: str
    hero_fr: str
    starts_on: datetime.date
    ends_on: datetime.date
    targets: tuple[TargetSpec, ...] = ()
    themes: tuple[str, ...] = ()
    documents: tuple[tuple[str, str, str], ...] = ()  # (kind, title, url)
    flags: dict[str, bool] = field(default_factory=dict)


BREAK_THE_ROLES = CampaignSpec(
    slug="break-the-roles",
    title="Break the Roles",
    description=(
        "Launched at OGP's sixth Global Summit in 2019: at least 30 % of members take meaningful action on gender "
        "and inclusion by the end of 2019. Before the campaign fewer than 2 % of some 4,000 commitments dealt with "
        "gender."
    ),
    hero_en="At least 30 % of OGP members take meaningful action on gender and inclusion.",
    hero_es="Al menos el 30 % de los miembros de OGP toma medidas significativas en género e inclusión.",
    hero_fr="Au moins 30 % des membres de l'OGP agissent concrètement pour le genre et l'inclusion.",
    starts_on=datetime.date(2019, 1, 1),
    ends_on=datetime.date(2019, 12, 31),
    targets=(
        TargetSpec(
            "At least 30 % of active members take meaningful action on gender and inclusion by 31 December 2019",
            "gender-inclusion-action",
            "30",
            datetime.date(2019, 1, 1),
            datetime.date(2019, 12, 31),
        ),
    ),
    documents=(
        ("guide", "Break the Roles campaign page", "https://www.opengovpartnership.org/campaigns/break-the-roles/"),
        ("document", "OGP policy area: Gender", "https://www.opengovpartnership.org/policy-area/gender/"),
    ),
)

OPEN_RESPONSE = CampaignSpec(
    slug="open-response-open-recovery",
    title="Open Response + Open Recovery",
    description=(
        "Launched in April 2020 and informed by more than 200 crowdsourced examples of open government in the "
        "COVID-19 response; continued from 2021 as **Open Renewal**. Examples shared here are public at once and "
        "marked as not reviewed or vetted by OGP until staff review them. Members pledge actions with a due date, "
        "followed up as met or not."
    ),
    hero_en="Open government for the COVID-19 response, recovery and renewal.",
    hero_es="Gobierno abierto para la respuesta, la recuperación y la renovación tras la COVID-19.",
    hero_fr="Un gouvernement ouvert pour la réponse, la relance et le renouveau après la COVID-19.",
    starts_on=datetime.date(2020, 4, 1),
    ends_on=datetime.date(2022, 3, 31),
    targets=(
        TargetSpec(
            "Members commit to open response and recovery in their action plans by the end of 2021",
            "open-response-action",
            "50",
            datetime.date(2020, 4, 1),
            datetime.date(2021, 12, 31),
        ),
    ),
    themes=(
        "Open data for the health response",
        "Emergency procurement",
        "Social safety nets",
        "Stimulus oversight",
        "Fiscal transparency",
        "Parliaments",
    ),
    documents=(
        (
            "guide",
            "A Guide to Open Government and the Coronavirus",
            "https://www.opengovpartnership.org/stories/launching-open-response-open-recovery/",
        ),
        (
            "event",
            "Open Response + Open Recovery Digital Forum (May–July 2020)",
            "https://www.opengovpartnership.org/events/open-response-open-recovery-digital-forum/",
        ),
    ),
    flags={"collects_examples": True, "takes_pledges": True},
)

CHALLENGE_AREAS = (
    "Access to Information",
    "Anti-Corruption",
    "Civic Space",
    "Climate and Environment",
    "Digital Governance",
    "Fiscal Openness",
    "Gender and Inclusion",
    "Justice",
    "Media Freedom",
    "Public Participation",
)

OPEN_GOV_CHALLENGE = CampaignSpec(
    slug="open-gov-challenge",
    title="Open Gov Challenge",
    description=(
        "OGP's 2023–2028 strategy asks members and non-members to raise ambition in ten areas. Public institutions "
        "of any branch or level submit a standalone reform or nominate commitments of their action plans; the "
        "Support Unit assigns the area."
    ),
    hero_en="Raise the ambition of open government reforms in ten areas by 2028.",
    hero_es="Elevar la ambición de las reformas de gobierno abierto en diez áreas para 2028.",
    hero_fr="Relever l'ambition des réformes de gouvernement ouvert dans dix domaines d'ici 2028.",
    starts_on=datetime.date(2023, 1, 1),
    ends_on=datetime.date(2028, 12, 31),
    targets=(
        TargetSpec(
            "Half of active members answer the Challenge by the end of 2028",
            "open-gov-challenge-members",
            "50",
            datetime.date(2023, 1, 1),
            datetime.date(2028, 12, 31),
        ),
    ),
    themes=CHALLENGE_AREAS,
    documents=(
        ("guide", "The Open Gov Challenge", "https://www.opengovpartnership.org/the-open-gov-challenge/"),
        (
            "document",
            "Open Gov Challenge: frequently asked questions",
            "https://www.opengovpartnership.org/the-open-gov-challenge/the-open-gov-challenge-frequently-asked-questions/",
        ),
    ),
    flags={"takes_challenge_submissions": True},
)

CAMPAIGNS = (BREAK_THE_ROLES, OPEN_RESPONSE, OPEN_GOV_CHALLENGE)


def ensure(spec: CampaignSpec) -> Campaign:
    campaign = Campaign.objects.filter(slug=spec.slug).first()
    if campaign is not None:
        return campaign
    campaign = Campaign.objects.create(
        slug=spec.slug,
        title=spec.title,
        description=spec.description,
        hero_en=spec.hero_en,
        hero_es=spec.hero_es,
        hero_fr=spec.hero_fr,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        **spec.flags,
    )
    for i, t in enumerate(spec.targets):
        target = Target(
            campaign=campaign,
            title=t.title,
            indicator=t.indicator,
            threshold=Decimal(t.threshold),
            window_starts_on=t.window_starts_on,
            deadline=t.deadline,
            position=i,
        )
        target.full_clean()
        target.save()
    for i, title in enumerate(spec.themes):
        Theme.objects.create(campaign=campaign, title=title, slug=slugify(title), position=i)
    for kind, title, url in spec.documents:
        CampaignDocument.objects.create(campaign=campaign, kind=DocumentKind(kind), title=title, url=url)
    return campaign


def ensure_campaigns() -> list[Campaign]:
    return [ensure(spec) for spec in CAMPAIGNS]
