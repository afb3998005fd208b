"""OGP's commitments database, column by column (DOMAIN.md 4.3): names, order, and what each column is.

The order is the order of OGP's export; the import checks a file has every column and the export writes
them back in this order. Each column belongs to one group (``GROUP``), which decides where its cells land:

- ``member``, ``plan``, ``commitment``: fields of the platform's own models (members, plans apps);
- ``tag``: the policy-area taxonomy (plans.taxonomy labels are the column names), a 0/1 flag per area;
- ``twin``: the numeric twin of a label column (``_Specificity`` for ``Specificity``...). Not stored: the
  export recomputes it from the label with ``TWIN_CODES``; the import checks it and reports disagreements;
- ``irm``: IRM assessment columns, stored as given on the commitment's OGP record (and as irm assessments);
- ``derived``: OGP's own helper columns (flags, maxima, scores); stored as given on the OGP record and,
  where OGP's formula is known, checked (see ``checks`` in importers/ogp_rows.py).
"""

from __future__ import annotations

from opengov.plans.taxonomy import all_labels

COLUMNS: tuple[str, ...] = (
    "Commitment Unique Identifier",
    "Country/Locality",
    "Action Plan Number",
    "Commitment Number",
    "Code",
    "Region",
    "National Or Local",
    "Commitment Dummy",
    "Year Of Submission",
    "Action Plan End Year",
    "Action Plan Duration (Years)",
    "Theme",
    "Commitment Title",
    "Short Title",
    "Full Text",
    "Start Date",
    "End Date",
    "Lead Institution",
    "Supporting Institution(s)",
    "Anti-Corruption and Integrity",
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
    "Civic Space and Enabling Environment",
    "Freedom of Assembly",
    "Freedom of Association",
    "Freedom of Expression",
    "Democratizing Decision-Making",
    "Digital Participation",
    "Mainstreaming Participation",
    "Regulatory Governance",
    "Social Accountability",
    "Digital Governance",
    "Automated Decision-making",
    "Data Stewardship and Privacy",
    "Digital Inclusion",
    "Disinformation/Misinformation",
    "Online Civic Space",
    "Environment & Climate",
    "Climate Finance",
    "Climate Mitigation and Adaptation",
    "Environmental Regulation",
    "International Environmental Agreements",
    "Fiscal Openness",
    "Publication Of Budget/Fiscal Information",
    "Public Participation In Budget/Fiscal Policy",
    "Oversight Of Budget/Fiscal Policies",
    "Stimulus and Economic Recovery",
    "Tax",
    "Debt",
    "Inclusion",
    "Gender",
    "Gender-Based Violence",
    "Economic Inclusion",
    "LGBTQIA+",
    "People with Disabilities",
    "Youth",
    "Justice",
    "Access to Justice",
    "Open Justice",
    "Policing & Corrections",
    "Judiciary",
    "Open Parliaments",
    "Public Service Delivery",
    "Citizenship & Immigration",
    "Education",
    "Health & Nutrition",
    "Infrastructure & Transport",
    "Water & Sanitation",
    "Capacity Building",
    "Digital Transformation",
    "Legislation",
    "Regulation",
    "Legislative Oversight",
    "Open Data",
    "Public Participation",
    "Aid",
    "Energy",
    "Extractive Industries",
    "Land and Spatial Planning",
    "Media & Telecommunications",
    "Science & Technology",
    "Security & Public Safety",
    "Labor",
    "Private Sector",
    "Subnational",
    "Human Rights",
    "Open Parliament Plan",
    "Sustainable Development Goals",
    "Open Data (Water/Sanitation)",
    "Open Data (Health)",
    "Open Data (Education)",
    "Participation in Lawmaking",
    "Access to information",
    "Money in Politics",
    "Report Publication Year (Progress Report)",
    "Compound",
    "Cluster",
    "Specificity",
    "_Specificity",
    "Verifiable",
    "OGP Value Access To Information",
    "OGP Value Civic Participation",
    "OGP Value Public Accountability",
    "OGP Value Technology",
    "_Relevant",
    "Potential Impact",
    "_Potential Impact",
    "Completion (Progress Report)",
    "_CompletionProgress",
    "Starred (2015 Only)",
    "Starred (Current Formula) Progress Report",
    "Potential for Results",
    "_Potential for Results",
    "Cluster (AP Review)",
    "Cluster Commitment ID(s)",
    "Report Publication Year (End Of Term)",
    "Completion (End Of Term)",
    "_CompletionEndTerm",
    "Change In Completion",
    "_ChangeCompletion",
    "Early Results",
    "_Early Results",
    "Did It Open Government (Overall)",
    "_OpenGovernment",
    "Did It Open Government (Access To Information)",
    "_DIOGATI",
    "Did It Open Government (Civic Participation)",
    "_DIOGCP",
    "Did It Open Government: Public Accountability",
    "_DIOGPA",
    "Starred (Current Formula) End of Term",
    "Carried Forward",
    "Most Recently Assessed",
    "Star - Most Recently Assessed",
    "IRM Assessed",
    "Updated? (Website)",
    "Active Commitment",
    "Max star",
    "Ambition Assessed",
    "Comp Assessed",
    "DIOG Assessed",
    "Midterm Only",
    "Max Completion",
    "Raw Completion",
    "High Completion",
    "High Ambition",
    "High DIOG",
    "Ambitious and complete, or DIOG",
    "Ambitious but not complete",
    "Complete but not ambitious",
    "Not complete or ambitious",
    "Not reviewed",
    "CHECKSUM",
    "IRM-Based Score",
    "Binding constraint",
    "URL",
    "Latest IRM Report",
    "Subnational in NAPs",
    "Action Plan ID",
    "id",
)

ID = "Commitment Unique Identifier"
PLAN_ID = "Action Plan ID"

# Member columns -> Member fields (Country/Locality is "City, Country" for locals: name + parent).
MEMBER_COLUMNS = ("Country/Locality", "Code", "Region", "National Or Local")
# Plan columns -> ActionPlan fields.
PLAN_FIELDS = {
    "Action Plan Number": "number",
    "Year Of Submission": "start_year",
    "Action Plan End Year": "end_year",
    "Action Plan Duration (Years)": "duration_years",
    PLAN_ID: "ogp_id",
}
# Text columns -> Commitment fields. A null code in one of them leaves the field blank and is kept on the
# OGP record (``null_codes``) so the export writes it back.
COMMITMENT_TEXT_FIELDS = {
    "Commitment Number": "number",
    "Theme": "theme",
    "Commitment Title": "title",
    "Short Title": "short_title",
    "Full Text": "description",
    "Lead Institution": "lead_institution",
    "Supporting Institution(s)": "supporting_institutions",
    "URL": "url",
    "Cluster": "cluster",
}
DATE_COLUMNS = {"Start Date": "start_date", "End Date": "end_date"}
# The four OGP values the commitment is relevant to -> Commitment booleans (1/0; ND/NR kept as codes).
VALUE_FIELDS = {
    "OGP Value Access To Information": "access_to_information",
    "OGP Value Civic Participation": "civic_participation",
    "OGP Value Public Accountability": "public_accountability",
    "OGP Value Technology": "technology_innovation",
}
TAG_COLUMNS: tuple[str, ...] = tuple(all_labels())

# Numeric twins: twin column -> (label column, label -> code). Codings differ between columns on purpose
# (OGP's): per-value DIOG counts "Not Applicable" as 0 and shifts the rest by one, unlike the overall DIOG.
COMPLETION_CODES = {
    "Withdrawn": "0",
    "No Evidence Available": "1",
    "Unclear": "1",
    "Not Started": "2",
    "Limited": "3",
    "Substantial": "4",
    "Complete": "5",
}
DIOG_VALUE_CODES = {
    "Not Applicable": "0",
    "Worsens": "1",
    "Did Not Change": "2",
    "Marginal": "3",
    "Major": "4",
    "Outstanding": "5",
}
TWIN_CODES: dict[str, tuple[str, dict[str, str]]] = {
    "_Specificity": ("Specificity", {"None": "0", "Low": "1", "Medium": "2", "High": "3"}),
    "_Potential Impact": ("Potential Impact", {"None": "0", "Minor": "1", "Moderate": "2", "Transformative": "3"}),
    "_CompletionProgress": ("Completion (Progress Report)", COMPLETION_CODES),
    "_Potential for Results": ("Potential for Results", {"Unclear": "0", "Modest": "1", "Substantial": "2"}),
    "_CompletionEndTerm": ("Completion (End Of Term)", COMPLETION_CODES),
    "_Early Results": (
        "Early Results",
        {"No notable results": "0", "Moderate": "1", "Significant": "2", "Outstanding": "3"},
    ),
    "_OpenGovernment": (
        "Did It Open Government (Overall)",
        {
            "Worsens": "0",
            "Did Not Change": "1",
            "No early results to report yet": "1",
            "Marginal": "2",
            "Major": "3",
            "Outstanding": "4",
        },
    ),
    "_DIOGATI": ("Did It Open Government (Access To Information)", DIOG_VALUE_CODES),
    "_DIOGCP": ("Did It Open Government (Civic Participation)", DIOG_VALUE_CODES),
    "_DIOGPA": ("Did It Open Government: Public Accountability", DIOG_VALUE_CODES),
}
# Twins without a single label column: checked by a rule in importers/ogp_rows.py, stored as given.
RULE_TWINS = ("_Relevant", "_ChangeCompletion")
CHANGE_IN_COMPLETION = ("Increase", "No Change", "Decrease")

# IRM label columns and their allowed values (besides the null codes).
IRM_LABELS: dict[str, tuple[str, ...]] = {label: tuple(codes) for label, codes in TWIN_CODES.values()}
IRM_LABELS["Change In Completion"] = CHANGE_IN_COMPLETION
IRM_LABELS["Verifiable"] = ("Yes", "No")
IRM_FLAG_COLUMNS = (
    "Compound",
    "Starred (2015 Only)",
    "Starred (Current Formula) Progress Report",
    "Cluster (AP Review)",
    "Starred (Current Formula) End of Term",
    "Carried Forward",
)
IRM_YEAR_COLUMNS = ("Report Publication Year (Progress Report)", "Report Publication Year (End Of Term)")
IRM_OTHER = ("Cluster Commitment ID(s)",)
IRM_COLUMNS: tuple[str, ...] = tuple(
    c for c in COLUMNS if c in IRM_LABELS or c in IRM_FLAG_COLUMNS or c in IRM_YEAR_COLUMNS or c in IRM_OTHER
)

# OGP's helper columns: computed by OGP from the others. Stored as given (queryable), checked where the
# formula is published (High Completion, stars); see docs/opendata.md for each.
DERIVED_FLAG_COLUMNS = (
    "Commitment Dummy",
    "Most Recently Assessed",
    "Star - Most Recently Assessed",
    "IRM Assessed",
    "Active Commitment",
    "Ambition Assessed",
    "Comp Assessed",
    "DIOG Assessed",
    "Midterm Only",
    "High Completion",
    "High Ambition",
    "High DIOG",
    "Ambitious and complete, or DIOG",
    "Ambitious but not complete",
    "Complete but not ambitious",
    "Not complete or ambitious",
    "Not reviewed",
    "Subnational in NAPs",
)
DERIVED_OTHER = (
    "Updated? (Website)",
    "Max star",
    "Max Completion",
    "Raw Completion",
    "CHECKSUM",
    "IRM-Based Score",
    "Binding constraint",
    "Latest IRM Report",
    "id",
)


def _group(column: str) -> str:
    if column in MEMBER_COLUMNS:
        return "member"
    if column in PLAN_FIELDS:
        return "plan"
    if column == ID or column in COMMITMENT_TEXT_FIELDS or column in DATE_COLUMNS or column in VALUE_FIELDS:
        return "commitment"
    if column in TAG_COLUMNS:
        return "tag"
    if column in TWIN_CODES:
        return "twin"
    if column in IRM_COLUMNS or column in RULE_TWINS:
        return "irm"
    return "derived"


GROUP: dict[str, str] = {column: _group(column) for column in COLUMNS}
# Cells kept verbatim on the OGP record (everything the platform's models have no field for).
RECORD_CELL_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if GROUP[c] in ("irm", "derived"))

assert len(COLUMNS) == 171 and len(set(COLUMNS)) == 171  # noqa: S101 - a typo here would corrupt every export
assert set(DERIVED_FLAG_COLUMNS + DERIVED_OTHER) == {c for c in COLUMNS if GROUP[c] == "derived"}  # noqa: S101
