"""OGP's policy-area taxonomy, as the columns of the commitments database name it (DOMAIN.md 4.3).

Two levels: a parent group and its areas. Standalone areas have no children. The exact labels are the
CSV column names, so the import and export map columns to areas by label.
"""

from __future__ import annotations

TAXONOMY: list[tuple[str, list[str]]] = [
    (
        "Anti-Corruption and Integrity",
        [
            "Anti-corruption Institutions",
            "Anti-Corruption Strategies",
            "Asset Disclosure",
            "Audits",
            "Beneficial Ownership",
            "Conflicts Of Interest",
            "Elections",
            "Political Finance",
            "Lobbying",
            "Open Contracting",
            "Public Procurement",
            "Right To Information",
            "Whistleblower Protections",
        ],
    ),
    (
        "Civic Space and Enabling Environment",
        ["Freedom of Assembly", "Freedom of Association", "Freedom of Expression"],
    ),
    (
        "Democratizing Decision-Making",
        [
            "Digital Participation",
            "Mainstreaming Participation",
            "Regulatory Governance",
            "Social Accountability",
        ],
    ),
    (
        "Digital Governance",
        [
            "Automated Decision-making",
            "Data Stewardship and Privacy",
            "Digital Inclusion",
            "Disinformation/Misinformation",
            "Online Civic Space",
        ],
    ),
    (
        "Environment & Climate",
        [
            "Climate Finance",
            "Climate Mitigation and Adaptation",
            "Environmental Regulation",
            "International Environmental Agreements",
        ],
    ),
    (
        "Fiscal Openness",
        [
            "Publication Of Budget/Fiscal Information",
            "Public Participation In Budget/Fiscal Policy",
            "Oversight Of Budget/Fiscal Policies",
            "Stimulus and Economic Recovery",
            "Tax",
            "Debt",
        ],
    ),
    (
        "Inclusion",
        [
            "Gender",
            "Gender-Based Violence",
            "Economic Inclusion",
            "LGBTQIA+",
            "People with Disabilities",
            "Youth",
        ],
    ),
    ("Justice", ["Access to Justice", "Open Justice", "Policing & Corrections", "Judiciary"]),
    ("Open Parliaments", []),
    (
        "Public Service Delivery",
        [
            "Citizenship & Immigration",
            "Education",
            "Health & Nutrition",
            "Infrastructure & Transport",
            "Water & Sanitation",
        ],
    ),
    # Cross-cutting areas
    ("Capacity Building", []),
    ("Digital Transformation", []),
    ("Legislation", []),
    ("Regulation", []),
    ("Legislative Oversight", []),
    ("Open Data", []),
    ("Public Participation", []),
    # Sectors
    ("Aid", []),
    ("Energy", []),
    ("Extractive Industries", []),
    ("Land and Spatial Planning", []),
    ("Media & Telecommunications", []),
    ("Science & Technology", []),
    ("Security & Public Safety", []),
    ("Labor", []),
    ("Private Sector", []),
    ("Subnational", []),
    ("Human Rights", []),
    # Others found in the database
    ("Open Parliament Plan", []),
    ("Sustainable Development Goals", []),
    ("Open Data (Water/Sanitation)", []),
    ("Open Data (Health)", []),
    ("Open Data (Education)", []),
    ("Participation in Lawmaking", []),
    ("Access to information", []),
    ("Money in Politics", []),
]


def all_labels() -> list[str]:
    labels: list[str] = []
    for parent, children in TAXONOMY:
        labels.append(parent)
        labels.extend(children)
    return labels
