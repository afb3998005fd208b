"""Demo commitment texts: one template per top-level policy area, and what progress reports say at each level.

Illustrative demo content, not OGP's records. Also read by the benchmark seeder (bench/seed.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import CompletionLevel


@dataclass(frozen=True)
class CommitmentTemplate:
    area: str  # a top-level label of plans.taxonomy
    children: tuple[str, ...]  # areas under it the commitment is also tagged with
    titles: tuple[str, ...]
    problem: str
    objective: str
    description: str
    lead: str
    supporting: tuple[str, ...]
    milestones: tuple[str, ...]
    values: tuple[str, ...]  # Commitment boolean field names
    outputs: tuple[str, ...] = field(default=())


COMMITMENT_TEMPLATES: list[CommitmentTemplate] = [
    CommitmentTemplate(
        "Anti-Corruption and Integrity",
        ("Beneficial Ownership", "Open Contracting", "Public Procurement", "Asset Disclosure"),
        (
            "Publish a central register of the beneficial owners of companies",
            "Open contracting data for public procurement",
            "Digital asset declarations for senior public officials",
        ),
        "Citizens, journalists and oversight bodies in {member} cannot see who ultimately owns the companies "
        "that win public contracts; procurement records are scattered across agencies and published as scans.",
        "Make ownership and contracting information open, searchable and verifiable so that conflicts of "
        "interest and collusion can be detected early.",
        "Adopt the legal basis for the register, publish its data in the Open Contracting and Beneficial "
        "Ownership Data Standards, and train control bodies and civil society to use it.",
        "Public Procurement Agency",
        ("Ministry of Finance", "Business Registration Centre", "Supreme Audit Institution"),
        (
            "Adopt regulation on beneficial ownership disclosure",
            "Launch the open data portal for procurement",
            "Train oversight bodies and civil society to use the data",
            "Publish the first annual verification report",
        ),
        ("access_to_information", "public_accountability", "technology_innovation"),
    ),
    CommitmentTemplate(
        "Civic Space and Enabling Environment",
        ("Freedom of Association", "Freedom of Assembly", "Freedom of Expression"),
        (
            "Simplify the registration of civil-society organisations",
            "Protect the safety of journalists and human rights defenders",
        ),
        "Registering an association in {member} takes months and the rules on foreign funding are unclear; "
        "organisations report administrative pressure after public criticism.",
        "Guarantee a predictable, fair legal environment in which civil society can organise, assemble and "
        "speak without fear of reprisal.",
        "Review the law on associations with civil society, publish registration statistics and set up a "
        "joint monitoring group on attacks against journalists and defenders.",
        "Ministry of Justice",
        ("Ombudsperson's Office", "National Council for Civil Society Development"),
        (
            "Joint review of the law on associations",
            "Online registration of associations",
            "Publish annual civic space monitoring report",
        ),
        ("civic_participation", "public_accountability"),
    ),
    CommitmentTemplate(
        "Democratizing Decision-Making",
        ("Digital Participation", "Mainstreaming Participation", "Regulatory Governance", "Social Accountability"),
        (
            "A single portal for public consultation on draft laws and regulations",
            "Participatory budgeting in municipalities",
        ),
        "Draft regulations in {member} are often adopted without public consultation, or with windows too "
        "short for people to comment; participants rarely learn what happened to their input.",
        "Give every person a real chance to shape rules before they are adopted, and a reasoned response to "
        "every contribution.",
        "Create a single consultation portal with minimum consultation periods, publish every contribution and "
        "the government's reasoned response, and report on it yearly.",
        "Prime Minister's Office",
        ("Ministry of Public Administration", "Association of Municipalities"),
        (
            "Adopt minimum standards for public consultation",
            "Launch the consultation portal",
            "Publish the first report on reasoned responses",
        ),
        ("civic_participation", "technology_innovation"),
    ),
    CommitmentTemplate(
        "Digital Governance",
        ("Automated Decision-making", "Data Stewardship and Privacy", "Digital Inclusion", "Online Civic Space"),
        (
            "A public register of algorithms used by government",
            "Digital inclusion for rural communities",
        ),
        "Public bodies in {member} increasingly use automated systems to decide on benefits and inspections, "
        "but people cannot know when an algorithm affected a decision about them.",
        "Make the use of algorithms by public bodies transparent and open to challenge.",
        "Publish a register of the algorithmic systems in use, with their purpose, data and responsible "
        "official, and give people a way to ask for human review.",
        "Ministry of Digital Affairs",
        ("Data Protection Authority", "National Statistics Office"),
        (
            "Inventory of automated decision systems",
            "Publish the algorithm register",
            "Set up the human review procedure",
        ),
        ("access_to_information", "public_accountability", "technology_innovation"),
    ),
    CommitmentTemplate(
        "Environment & Climate",
        ("Climate Mitigation and Adaptation", "Environmental Regulation", "Climate Finance"),
        (
            "Open data on climate finance and emissions",
            "Public participation in environmental impact assessments",
        ),
        "Information on climate spending and industrial emissions in {member} is incomplete and hard to "
        "compare, and affected communities learn about new projects only after permits are issued.",
        "Let people follow climate money and emissions, and take part in decisions on projects that affect "
        "their environment.",
        "Publish climate finance flows and facility-level emissions as open data and open environmental "
        "impact assessments to public hearings with published minutes.",
        "Ministry of Environment",
        ("Environmental Protection Agency", "Ministry of Finance"),
        (
            "Publish the climate finance tracker",
            "Release facility-level emissions data",
            "Hold public hearings on impact assessments",
        ),
        ("access_to_information", "civic_participation"),
    ),
    CommitmentTemplate(
        "Fiscal Openness",
        (
            "Publication Of Budget/Fiscal Information",
            "Public Participation In Budget/Fiscal Policy",
            "Oversight Of Budget/Fiscal Policies",
        ),
        (
            "Citizens' budget and open budget data",
            "Public participation in the annual budget process",
            "Follow-up of supreme audit recommendations",
        ),
        "The budget of {member} is published late and in formats that are hard to use; few people can follow "
        "how allocations are executed or what auditors found.",
        "Make the budget understandable and open at every stage, and let citizens take part in setting "
        "priorities and in following audit findings.",
        "Publish a citizens' budget and machine-readable execution data every quarter, hold pre-budget "
        "consultations and publish a tracker of audit recommendations.",
        "Ministry of Finance",
        ("Supreme Audit Institution", "Parliamentary Budget Committee"),
        (
            "Publish the citizens' budget",
            "Quarterly open budget execution data",
            "Pre-budget public consultation",
            "Online tracker of audit recommendations",
        ),
        ("access_to_information", "civic_participation", "public_accountability"),
    ),
    CommitmentTemplate(
        "Inclusion",
        ("Gender", "Gender-Based Violence", "People with Disabilities", "Youth"),
        (
            "Gender-responsive open government",
            "Accessible public services for people with disabilities",
            "Youth participation in local decision-making",
        ),
        "Women, young people and people with disabilities in {member} are under-represented in public "
        "decision-making, and services data is rarely broken down by sex, age or disability.",
        "Ensure that open government reforms reach and involve the groups that are most often left out.",
        "Collect and publish disaggregated service data, set up advisory councils with under-represented "
        "groups and audit the accessibility of public websites and offices.",
        "Ministry of Social Affairs",
        ("National Gender Equality Commission", "Council of Persons with Disabilities"),
        (
            "Publish sex- and age-disaggregated service data",
            "Set up the inclusion advisory council",
            "Accessibility audit of public websites",
        ),
        ("access_to_information", "civic_participation"),
    ),
    CommitmentTemplate(
        "Justice",
        ("Access to Justice", "Open Justice", "Judiciary"),
        (
            "Open justice: publication of court decisions",
            "Legal aid for vulnerable groups",
        ),
        "Court decisions in {member} are not systematically published and people on low incomes struggle to "
        "obtain legal advice.",
        "Make the justice system more transparent and easier to reach for everyone.",
        "Publish anonymised court decisions in a searchable database, publish court performance statistics "
        "and extend free legal aid through community paralegals.",
        "High Judicial Council",
        ("Ministry of Justice", "Bar Association"),
        (
            "Anonymisation rules for court decisions",
            "Launch the searchable decisions database",
            "Train community paralegals",
        ),
        ("access_to_information", "public_accountability"),
    ),
    CommitmentTemplate(
        "Open Parliaments",
        (),
        (
            "Open parliament: publication of votes and committee work",
            "Public participation in the legislative process",
        ),
        "Citizens in {member} cannot easily see how their representatives vote or comment on bills while "
        "committees discuss them.",
        "Open the work of parliament to the public and make the legislative process participatory.",
        "Publish roll-call votes, committee agendas and amendments as open data, and open an online channel "
        "for comments on bills in committee.",
        "Secretariat of the Parliament",
        ("Parliamentary committees", "Civil-society parliamentary monitoring groups"),
        (
            "Publish roll-call votes as open data",
            "Open committee agendas and amendments",
            "Launch the online comment channel for bills",
        ),
        ("access_to_information", "civic_participation", "public_accountability"),
    ),
    CommitmentTemplate(
        "Public Service Delivery",
        ("Education", "Health & Nutrition", "Water & Sanitation", "Infrastructure & Transport"),
        (
            "Social audits of public schools and health centres",
            "Open data on water and sanitation services",
            "Open data on public infrastructure projects",
        ),
        "Parents, patients and users of public services in {member} have little information on service "
        "quality and no effective channel to report problems.",
        "Improve the quality of public services by publishing service data and involving users in monitoring.",
        "Publish service-level data for schools, health centres and utilities, run social audits with users "
        "and publish the government's answers to their findings.",
        "Ministry of Public Administration",
        ("Ministry of Education", "Ministry of Health", "Water Regulatory Authority"),
        (
            "Publish service-level open data",
            "Pilot social audits in three districts",
            "Publish answers to social audit findings",
        ),
        ("access_to_information", "civic_participation", "public_accountability"),
    ),
    CommitmentTemplate(
        "Extractive Industries",
        ("Open Data", "Energy"),
        ("Disclosure of extractive industry contracts and payments",),
        "Contracts and revenue payments for mining and oil projects in {member} are not public, which "
        "feeds suspicion about how licences are awarded.",
        "Disclose contracts, licences and payments in the extractive sector, in line with the EITI Standard.",
        "Publish all extractive contracts and licences with their annexes, reconcile company payments and "
        "government receipts yearly and publish the data openly.",
        "Ministry of Energy and Mines",
        ("EITI National Secretariat", "Revenue Authority"),
        (
            "Publish the contracts and licences register",
            "Annual reconciliation of payments and receipts",
            "Community dissemination of the results",
        ),
        ("access_to_information", "public_accountability"),
    ),
    CommitmentTemplate(
        "Right To Information",
        ("Open Data", "Capacity Building", "Legislation"),
        ("Strengthen the right to information",),
        "Requests for information in {member} often go unanswered within the legal deadline, and the "
        "oversight body lacks the power to enforce its decisions.",
        "Make the right to information effective in practice.",
        "Amend the access to information law to give the commissioner binding powers, publish request "
        "statistics and train information officers in every ministry.",
        "Information Commissioner",
        ("Ministry of Justice", "School of Public Administration"),
        (
            "Draft amendments to the access to information law",
            "Online system for information requests",
            "Train information officers",
        ),
        ("access_to_information", "public_accountability"),
    ),
]

COMPLETION_TEXTS = {
    CompletionLevel.NOT_STARTED: "Preparatory discussions with the implementing agencies; work has not started.",
    CompletionLevel.LIMITED: "The first milestone is under way; terms of reference were agreed with civil society.",
    CompletionLevel.SUBSTANTIAL: "Most milestones are delivered; the remaining ones are planned for next quarter.",
    CompletionLevel.COMPLETE: "All milestones are delivered and the results were presented to the forum.",
}
