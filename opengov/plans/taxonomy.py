"""OGP's policy-area taxonomy, as the columns of the commitments database name it (DOMAIN.md 4.3).

Two levels: a parent group and its areas. Standalone areas have no children. The exact labels are the
CSV column names, so the import and export map columns to areas by label. The labels are marked for
translation (gettext_noop keeps them plain strings); pages show PolicyArea.name, the translated label.
"""

from __future__ import annotations

from django.db.models import Model
from django.utils.translation import gettext_noop

TAXONOMY: list[tuple[str, list[str]]] = [
    (
        gettext_noop("Anti-Corruption and Integrity"),
        [
            gettext_noop("Anti-corruption Institutions"),
            gettext_noop("Anti-Corruption Strategies"),
            gettext_noop("Asset Disclosure"),
            gettext_noop("Audits"),
            gettext_noop("Beneficial Ownership"),
            gettext_noop("Conflicts Of Interest"),
            gettext_noop("Elections"),
            gettext_noop("Political Finance"),
            gettext_noop("Lobbying"),
            gettext_noop("Open Contracting"),
            gettext_noop("Public Procurement"),
            gettext_noop("Right To Information"),
            gettext_noop("Whistleblower Protections"),
        ],
    ),
    (
        gettext_noop("Civic Space and Enabling Environment"),
        [
            gettext_noop("Freedom of Assembly"),
            gettext_noop("Freedom of Association"),
            gettext_noop("Freedom of Expression"),
        ],
    ),
    (
        gettext_noop("Democratizing Decision-Making"),
        [
            gettext_noop("Digital Participation"),
            gettext_noop("Mainstreaming Participation"),
            gettext_noop("Regulatory Governance"),
            gettext_noop("Social Accountability"),
        ],
    ),
    (
        gettext_noop("Digital Governance"),
        [
            gettext_noop("Automated Decision-making"),
            gettext_noop("Data Stewardship and Privacy"),
            gettext_noop("Digital Inclusion"),
            gettext_noop("Disinformation/Misinformation"),
            gettext_noop("Online Civic Space"),
        ],
    ),
    (
        gettext_noop("Environment & Climate"),
        [
            gettext_noop("Climate Finance"),
            gettext_noop("Climate Mitigation and Adaptation"),
            gettext_noop("Environmental Regulation"),
            gettext_noop("International Environmental Agreements"),
        ],
    ),
    (
        gettext_noop("Fiscal Openness"),
        [
            gettext_noop("Publication Of Budget/Fiscal Information"),
            gettext_noop("Public Participation In Budget/Fiscal Policy"),
            gettext_noop("Oversight Of Budget/Fiscal Policies"),
            gettext_noop("Stimulus and Economic Recovery"),
            gettext_noop("Tax"),
            gettext_noop("Debt"),
        ],
    ),
    (
        gettext_noop("Inclusion"),
        [
            gettext_noop("Gender"),
            gettext_noop("Gender-Based Violence"),
            gettext_noop("Economic Inclusion"),
            gettext_noop("LGBTQIA+"),
            gettext_noop("People with Disabilities"),
            gettext_noop("Youth"),
        ],
    ),
    (
        gettext_noop("Justice"),
        [
            gettext_noop("Access to Justice"),
            gettext_noop("Open Justice"),
            gettext_noop("Policing & Corrections"),
            gettext_noop("Judiciary"),
        ],
    ),
    (gettext_noop("Open Parliaments"), []),
    (
        gettext_noop("Public Service Delivery"),
        [
            gettext_noop("Citizenship & Immigration"),
            gettext_noop("Education"),
            gettext_noop("Health & Nutrition"),
            gettext_noop("Infrastructure & Transport"),
            gettext_noop("Water & Sanitation"),
        ],
    ),
    # Cross-cutting areas
    (gettext_noop("Capacity Building"), []),
    (gettext_noop("Digital Transformation"), []),
    (gettext_noop("Legislation"), []),
    (gettext_noop("Regulation"), []),
    (gettext_noop("Legislative Oversight"), []),
    (gettext_noop("Open Data"), []),
    (gettext_noop("Public Participation"), []),
    # Sectors
    (gettext_noop("Aid"), []),
    (gettext_noop("Energy"), []),
    (gettext_noop("Extractive Industries"), []),
    (gettext_noop("Land and Spatial Planning"), []),
    (gettext_noop("Media & Telecommunications"), []),
    (gettext_noop("Science & Technology"), []),
    (gettext_noop("Security & Public Safety"), []),
    (gettext_noop("Labor"), []),
    (gettext_noop("Private Sector"), []),
    (gettext_noop("Subnational"), []),
    (gettext_noop("Human Rights"), []),
    # Others found in the database
    (gettext_noop("Open Parliament Plan"), []),
    (gettext_noop("Sustainable Development Goals"), []),
    (gettext_noop("Open Data (Water/Sanitation)"), []),
    (gettext_noop("Open Data (Health)"), []),
    (gettext_noop("Open Data (Education)"), []),
    (gettext_noop("Participation in Lawmaking"), []),
    (gettext_noop("Access to information"), []),
    (gettext_noop("Money in Politics"), []),
]


def all_labels() -> list[str]:
    labels: list[str] = []
    for parent, children in TAXONOMY:
        labels.append(parent)
        labels.extend(children)
    return labels


def seed(policy_area_model: type[Model]) -> None:
    """Create any missing area of the taxonomy (idempotent; existing rows are left as they are).

    Used by the data migration (with its historical model, hence a plain Model and its default manager), and by
    tests that run after a transactional test flushed the tables.
    """
    from django.utils.text import slugify

    position = 0
    for parent_label, children in TAXONOMY:
        position += 1
        parent, _ = policy_area_model._default_manager.get_or_create(
            label=parent_label, defaults={"slug": slugify(parent_label), "position": position}
        )
        for child_label in children:
            position += 1
            policy_area_model._default_manager.get_or_create(
                label=child_label, defaults={"slug": slugify(child_label), "position": position, "parent": parent}
            )
