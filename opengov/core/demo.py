"""Demo data: a small, realistic, deterministic picture of OGP for a first run and for screenshots.

``load()`` builds it through the same actions the pages use (members.actions, plans.actions,
accounts.actions), so every row has its history and passes the same validation. It is idempotent: each
object is found by its natural key (member code, plan id, commitment id, e-mail) and only what is missing
is created, so a second run changes nothing. ``reset()`` removes only what ``load()`` creates.

Member names, codes, regions, join years and the four-year-plan members follow the Open Government
Partnership's public data (DOMAIN.md 1-2, 4.3). Statuses other than Active, the eligibility scores,
commitment texts, organisations and people are illustrative demo content, not OGP's records.

Real data first: ``load()`` imports the real sample of OGP's commitments database shipped with the open
data app (opengov/opendata/data/, credit "Open Government Partnership, commitments database") before it
generates anything. The generated demo then adds only what the sample lacks, so the two never collide:
a member the sample holds keeps its real plans and commitments (OGP ids AP_ALB01..., AL0002...) and gets
only its current and next plans, numbered after its last real plan, with commitment ids above its highest
real id; members outside the sample (names after K, and the locals it lacks) get the full generated
history. Imported members get the demo's join date, lead agency, status history and eligibility scores.

The tables (MEMBERS, LOCALS, COMMITMENT_TEMPLATES) are also read by the benchmark seeder (bench/seed.py).
"""

from __future__ import annotations

import datetime
import functools
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role, RoleAssignment, User
from opengov.members.actions import change_status, record_eligibility
from opengov.members.models import CivilSocietyOrganisation, Member, MemberKind, MemberStatus, Region
from opengov.plans import actions as plan_actions
from opengov.plans.models import (
    ActionPlan,
    Commitment,
    CompletionLevel,
    EvidenceLink,
    Milestone,
    MilestoneStatus,
    PolicyArea,
    ProgressUpdate,
)
from opengov.plans.phases import Phase
from opengov.plans.taxonomy import all_labels

# The real sample of OGP's commitments database, imported first (see the module docstring).
SAMPLE_PATH = Path(__file__).resolve().parent.parent / "opendata" / "data" / "ogp-commitments-sample.csv"
SAMPLE_CREDIT = "Open Government Partnership, commitments database"

DEMO_PASSWORD = "demo-password-2026"
DEMO_EMAIL_DOMAIN = "demo.example.org"
CREDIT = "Open Government Partnership"
# One seed: the same data on every machine and every run (tests and screenshots rely on it).
SEED = 2011  # the year OGP was launched
OGP_SITE = "https://www.opengovpartnership.org"


# --- Members ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberSpec:
    name: str
    code: str  # OGP code: ISO2 for countries, 3 letters for locals (prefix of commitment ids)
    iso3: str
    region: str
    joined: datetime.date
    lead_agency: str
    four_year: bool = False  # took up the four-year action plan option in 2023 (DOMAIN.md 2.1)
    past_plans: int = 2  # how many ended cycles before the current one
    next_phase: str | None = None  # a plan after the current one, in this phase
    # Status history after joining: (status, effective date, published reason).
    statuses: tuple[tuple[str, datetime.date, str], ...] = ()
    cycles: tuple[tuple[int, int, str], ...] | None = None  # explicit (start, end, phase) list
    # Locals only
    parent_code: str = ""
    kind: str = MemberKind.NATIONAL
    plan_code: str = ""  # locals' action-plan id stem, e.g. ARBA for AP_ARBA01


D = datetime.date
E, AME, ASIA, AFR = Region.EUROPE, Region.AMERICAS, Region.ASIA_PACIFIC, Region.AFRICA_MIDDLE_EAST

MEMBERS: list[MemberSpec] = [
    # Europe
    MemberSpec(
        "Albania", "AL", "ALB", E, D(2011, 9, 20), "Department of Development and Good Governance",
        past_plans=5, next_phase=Phase.CO_CREATION,
    ),
    MemberSpec(
        "Armenia", "AM", "ARM", E, D(2011, 9, 20), "Office of the Deputy Prime Minister",
        past_plans=4, next_phase=Phase.SUBMITTED,
    ),
    MemberSpec(
        "Georgia", "GE", "GEO", E, D(2011, 9, 20), "Administration of the Government of Georgia", past_plans=3,
        statuses=(
            (MemberStatus.SUSPENDED, D(2024, 9, 25),
             "Suspended under OGP's Response Policy by decision of the Steering Committee (demo entry)."),
        ),
    ),
    MemberSpec("Ukraine", "UA", "UKR", E, D(2011, 9, 20), "Secretariat of the Cabinet of Ministers", past_plans=3),
    MemberSpec("France", "FR", "FRA", E, D(2014, 4, 24), "Interministerial Directorate for Public Transformation",
               next_phase=Phase.SUBMITTED),
    MemberSpec("Spain", "ES", "ESP", E, D(2011, 9, 20), "Ministry for Digital Transformation and Public Service"),
    MemberSpec(
        "Hungary", "HU", "HUN", E, D(2012, 4, 17), "Ministry of Public Administration and Justice",
        cycles=((2013, 2015, Phase.ENDED),),
        statuses=(
            (MemberStatus.WITHDRAWN, D(2016, 12, 9),
             "The government notified the Support Unit of its withdrawal from OGP (demo entry)."),
        ),
    ),
    # Africa and the Middle East
    MemberSpec("Kenya", "KE", "KEN", AFR, D(2011, 9, 20), "Office of the President", four_year=True),
    MemberSpec("Nigeria", "NG", "NGA", AFR, D(2016, 7, 1), "Federal Ministry of Justice"),
    MemberSpec("Morocco", "MA", "MAR", AFR, D(2018, 4, 26), "Ministry of Digital Transition and Administrative Reform",
               four_year=True),
    MemberSpec("Ghana", "GH", "GHA", AFR, D(2011, 9, 20), "Office of the Head of Civil Service", four_year=True),
    MemberSpec(
        "Sierra Leone", "SL", "SLE", AFR, D(2014, 1, 10), "Open Government Initiative, Office of the President",
        four_year=True,
        statuses=(
            (MemberStatus.UNDER_PROCEDURAL_REVIEW, D(2025, 3, 1),
             "Acted contrary to process in two consecutive action plan cycles: the multi-stakeholder forum did "
             "not meet during co-creation (demo entry)."),
        ),
    ),
    # Americas
    MemberSpec("Brazil", "BR", "BRA", AME, D(2011, 9, 20), "Office of the Comptroller General", four_year=True,
               past_plans=3),
    MemberSpec("Mexico", "MX", "MEX", AME, D(2011, 9, 20), "Ministry of Public Administration", past_plans=4),
    MemberSpec("Colombia", "CO", "COL", AME, D(2011, 9, 20), "Secretariat of Transparency"),
    MemberSpec("Canada", "CA", "CAN", AME, D(2012, 4, 17), "Treasury Board of Canada Secretariat",
               next_phase=Phase.CO_CREATION),
    MemberSpec("Argentina", "AR", "ARG", AME, D(2012, 4, 17), "Undersecretariat of Open Government"),
    # Asia and the Pacific
    MemberSpec("Philippines", "PH", "PHL", ASIA, D(2011, 9, 20), "Department of Budget and Management",
               four_year=True),
    MemberSpec("Indonesia", "ID", "IDN", ASIA, D(2011, 9, 20), "Ministry of National Development Planning"),
    MemberSpec("Republic of Korea", "KR", "KOR", ASIA, D(2011, 9, 20), "Ministry of the Interior and Safety",
               four_year=True),
    MemberSpec("Mongolia", "MN", "MNG", ASIA, D(2013, 5, 16), "Cabinet Secretariat of the Government",
               four_year=True),
]  # fmt: skip

LOCALS: list[MemberSpec] = [
    MemberSpec("Buenos Aires", "BUE", "", AME, D(2016, 4, 1), "Undersecretariat of Open Government",
               parent_code="AR", kind=MemberKind.LEGACY_LOCAL, plan_code="ARBA"),
    MemberSpec("Madrid", "MAD", "", E, D(2016, 4, 1), "Directorate General for Transparency",
               parent_code="ES", kind=MemberKind.LEGACY_LOCAL, plan_code="ESMA"),
    MemberSpec("Jalisco", "JAL", "", AME, D(2016, 4, 1), "State Transparency Institute",
               parent_code="MX", kind=MemberKind.LEGACY_LOCAL, plan_code="MXJL"),
    MemberSpec("Tbilisi", "TBI", "", E, D(2016, 4, 1), "Tbilisi City Hall",
               parent_code="GE", kind=MemberKind.LEGACY_LOCAL, plan_code="GETB", past_plans=1),
    MemberSpec("Nairobi City County", "NAI", "", AFR, D(2020, 10, 1), "County Department of Innovation",
               parent_code="KE", kind=MemberKind.LOCAL, plan_code="KENA", past_plans=1),
]  # fmt: skip

# Current national cycles: two-year plans 2024-2026, four-year plans 2023-2027 (OGP's cohorts in the data).
CURRENT_TWO_YEAR_START = 2024
# Members whose milestones and progress are written through the actions, one by one, with a full change
# history (the ones the demo's editors work on); elsewhere they are bulk-inserted with a creation history
# row each, which keeps the command well under 15 s on SQLite.
HISTORY_MEMBERS = ("AL", "AM")
CURRENT_FOUR_YEAR_START = 2023


def plan_cycles(spec: MemberSpec) -> list[tuple[int, int, str]]:
    """(start year, end year, phase) of each of a member's plans, oldest first."""
    if spec.cycles is not None:
        return list(spec.cycles)
    start = CURRENT_FOUR_YEAR_START if spec.four_year else CURRENT_TWO_YEAR_START
    end = start + (4 if spec.four_year else 2)
    first_possible = spec.joined.year + 1
    past = [(start - 2 * (i + 1), start - 2 * i, Phase.ENDED) for i in range(spec.past_plans)]
    past = [cycle for cycle in past if cycle[0] >= first_possible]
    cycles = [*reversed(past), (start, end, Phase.IMPLEMENTATION)]
    if spec.next_phase:
        cycles.append((end, end + 2, spec.next_phase))
    return cycles


# --- Commitment texts: one template per top-level policy area -----------------------------------------------


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


# --- People and organisations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    key: str
    email: str
    display_name: str
    role_label: str  # what the log-in list prints
    role: str | None = None
    scope: str = ""  # "member:AL", "plan:current:AL", "organisation:<slug>"
    is_staff: bool = False


ORGANISATIONS: list[tuple[str, str, str, tuple[str, ...]]] = [
    # (name, country, description, member codes it works with) -- fictional organisations
    ("Open Budget Forum Albania", "AL", "Budget literacy and fiscal transparency.", ("AL",)),
    ("Armenian Civic Data Lab", "AM", "Open data and civic technology.", ("AM",)),
    ("Transparencia Ciudadana", "MX", "Procurement monitoring and access to information.", ("MX", "JAL")),
    ("Kenya Open Contracting Network", "KE", "Follows county and national contracts.", ("KE", "NAI")),
    ("Philippine Budget Watch", "PH", "Participatory budgeting and social audits.", ("PH",)),
    ("Foro Abierto Buenos Aires", "AR", "Participation in city and national plans.", ("AR", "BUE")),
]

DEMO_USERS: list[DemoUser] = [
    DemoUser("support_unit", f"support@{DEMO_EMAIL_DOMAIN}", "Amira Haddad", "Support Unit staff",
             Role.SUPPORT_UNIT, is_staff=True),
    DemoUser("irm_staff", f"irm@{DEMO_EMAIL_DOMAIN}", "Jonas Lindqvist", "IRM staff", Role.IRM_STAFF),
    DemoUser("irm_researcher", f"researcher@{DEMO_EMAIL_DOMAIN}", "Elira Hoxha",
             "IRM researcher (Albania's current plan)", Role.IRM_RESEARCHER, "plan:current:AL"),
    DemoUser("moderator", f"moderator@{DEMO_EMAIL_DOMAIN}", "Priya Raman", "Moderator", Role.MODERATOR),
    DemoUser("communications", f"communications@{DEMO_EMAIL_DOMAIN}", "Lucía Ferreira",
             "Communications editor (curates stories)", Role.COMMUNICATIONS_EDITOR),
    DemoUser("albania_poc", f"poc.albania@{DEMO_EMAIL_DOMAIN}", "Arben Krasniqi", "Point of Contact, Albania",
             Role.POINT_OF_CONTACT, "member:AL"),
    DemoUser("albania_editor", f"editor.albania@{DEMO_EMAIL_DOMAIN}", "Mira Shehu", "Government editor, Albania",
             Role.GOVERNMENT_EDITOR, "member:AL"),
    DemoUser("armenia_editor", f"editor.armenia@{DEMO_EMAIL_DOMAIN}", "Anush Petrosyan", "Government editor, Armenia",
             Role.GOVERNMENT_EDITOR, "member:AM"),
    DemoUser("cso_rep", f"cso@{DEMO_EMAIL_DOMAIN}", "Besa Dervishi",
             "Civil-society representative (Open Budget Forum Albania)", Role.CSO_REPRESENTATIVE,
             "organisation:open-budget-forum-albania"),
    DemoUser("participant", f"participant@{DEMO_EMAIL_DOMAIN}", "Daniel Okafor", "Participant (no role)"),
]  # fmt: skip


# --- Loading ------------------------------------------------------------------------------------------------


def member_slug(name: str) -> str:
    return slugify(name)


def plan_ogp_id(spec: MemberSpec, number: int) -> str:
    # AP_{ISO3}{NN} for countries, AP_{ISO2}{2 letters}{NN} for locals (DOMAIN.md 4.3).
    return f"AP_{spec.plan_code or spec.iso3}{number:02d}"


def commitment_url(member_slug_: str, ogp_id: str) -> str:
    return f"{OGP_SITE}/members/{member_slug_}/commitments/{ogp_id}/"


@dataclass
class Report:
    """What a run created, for the command's summary."""

    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    def summary(self) -> str:
        if not self.created:
            return "Demo data already loaded: nothing to create."
        return "Created " + ", ".join(f"{n} {what}" for what, n in self.created.items()) + "."


class _Loader:
    def __init__(self, log: Callable[[str], None]):
        self.rng = random.Random(SEED)  # noqa: S311 - reproducible demo content, not a secret
        self.log = log
        self.report = Report()
        self.today = timezone.localdate()
        self.areas = {area.label: area for area in PolicyArea.objects.all()}
        # Every label of the taxonomy is used at least once: commitments take one extra tag in turn.
        self.extra_tags: Iterator[str] = itertools.cycle([label for label in all_labels() if label in self.areas])
        self.members: dict[str, Member] = {}
        self.users: dict[str, User] = {}

    @functools.cached_property
    def password_hash(self) -> str:
        return make_password(DEMO_PASSWORD)

    # People

    def ensure_user(self, spec: DemoUser) -> User:
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            user = User.objects.create_user(
                email=spec.email,
                password=None,
                display_name=spec.display_name,
                is_staff=spec.is_staff,
                is_active=True,
                email_confirmed_at=timezone.now(),
            )
            # One hash for every demo user: hashing is deliberately slow, and the password is the same.
            user.password = self.password_hash
            user.save(update_fields=["password"])
            self.report.add("users")
        self.users[spec.key] = user
        return user

    def ensure_organisations(self) -> None:
        for name, country, description, codes in ORGANISATIONS:
            org, created = CivilSocietyOrganisation.objects.get_or_create(
                slug=slugify(name),
                defaults={
                    "name": name,
                    "country": country,
                    "description": f"{description} Demo organisation.",
                    "verified": True,
                },
            )
            if created:
                org.members.set([self.members[code] for code in codes if code in self.members])
                self.report.add("organisations")

    def grant_roles(self, with_plan_scopes: bool) -> None:
        for spec in DEMO_USERS:
            if spec.role is None or (spec.scope.startswith("plan:") and not with_plan_scopes):
                continue
            scope: Any = None
            if spec.scope.startswith("member:"):
                scope = self.members[spec.scope.split(":")[1]]
            elif spec.scope.startswith("plan:current:"):
                member = self.members[spec.scope.split(":")[2]]
                scope = member.action_plans.filter(phase=Phase.IMPLEMENTATION).order_by("-start_year").first()
            elif spec.scope.startswith("organisation:"):
                scope = CivilSocietyOrganisation.objects.get(slug=spec.scope.split(":")[1])
            before = RoleAssignment.objects.count()
            grant_role(None, self.users[spec.key], spec.role, scope)
            if RoleAssignment.objects.count() != before:
                self.report.add("role grants")

    # Members

    def ensure_member(self, spec: MemberSpec) -> None:
        member = Member.objects.filter(ogp_code=spec.code).first()
        if member is not None:
            self.members[spec.code] = member
            if member.join_date is None and not member.status_changes.exists():
                self.enrich_imported_member(spec, member)
            return
        parent = self.members.get(spec.parent_code) if spec.parent_code else None
        slug = member_slug(spec.name)
        member = Member(
            name=spec.name,
            slug=slug,
            kind=spec.kind,
            country=parent.country if parent else spec.code,
            iso3=spec.iso3,
            ogp_code=spec.code,
            parent=parent,
            region=spec.region,
            join_date=spec.joined,
            lead_agency=spec.lead_agency,
            website_url=f"{OGP_SITE}/members/{slug}/",
        )
        member.full_clean()
        member._history_user = self.users["support_unit"]  # type: ignore[attr-defined]
        member.save()
        self.members[spec.code] = member
        self.report.add("members")
        self.add_status_history(spec, member)

    def enrich_imported_member(self, spec: MemberSpec, member: Member) -> None:
        """A member the real sample created (no join date, no status history): add the demo's details."""
        su = self.users["support_unit"]
        member.join_date = spec.joined
        member.lead_agency = member.lead_agency or spec.lead_agency
        member.website_url = member.website_url or f"{OGP_SITE}/members/{member.slug}/"
        member._history_user = su  # type: ignore[attr-defined]
        member.save(update_fields=["join_date", "lead_agency", "website_url"])
        self.add_status_history(spec, member)

    def add_status_history(self, spec: MemberSpec, member: Member) -> None:
        su = self.users["support_unit"]
        joined_reason = (
            "Joined OGP: letter of intent received and Open Government Declaration endorsed."
            if not member.is_local
            else "Joined OGP Local after the call for expressions of interest."
        )
        change_status(su, member, MemberStatus.ACTIVE, spec.joined, joined_reason)
        for status, effective, reason in spec.statuses:
            change_status(su, member, status, effective, reason)
        self.report.add("status changes", 1 + len(spec.statuses))
        if not member.is_local:
            self.eligibility(spec, member)

    def eligibility(self, spec: MemberSpec, member: Member) -> None:
        su = self.users["support_unit"]
        for year in range(2022, 2026):
            scores: dict[str, Any] = {
                "fiscal_transparency": self.rng.choice([2, 4, 4]),
                "access_to_information": self.rng.choice([3, 4, 4]),
                "asset_disclosure": self.rng.choice([2, 3, 4]),
                "citizen_engagement": self.rng.choice([3, 4]),
                "values_check_passed": None,
                "notes": "",
            }
            # Named cases the eligibility pages must show: missing data and a failed Values Check.
            if spec.code == "SL" and year == 2023:
                scores.update(fiscal_transparency=None, asset_disclosure=None)
                scores["notes"] = "Only two criteria have data this year: Not enough data (demo entry)."
            if spec.code == "GE" and year == 2025:
                scores["values_check_passed"] = False
                scores["notes"] = "Values Check failed on CSO Repression (demo entry)."
            if spec.code == "HU" and year >= 2024:
                scores["fiscal_transparency"] = 2
                scores["asset_disclosure"] = 1
                scores["notes"] = "Below the 75 % threshold (demo entry)."
            record_eligibility(su, member, year, scores)
            self.report.add("eligibility scores")

    # Plans

    def ensure_plans(self, spec: MemberSpec) -> None:
        member = self.members[spec.code]
        previous: list[Commitment] = []
        # Commitment ids run on across a member's plans (AL0001, AL0002, ...), as in OGP's database, and
        # start above the member's highest real id.
        next_number = int(plan_actions.next_commitment_id(member)[len(member.ogp_code) :])
        real = real_plans(member)
        cycles = plan_cycles(spec)
        first_number = 1
        if real:
            # The sample holds the member's history: generate only what comes after its last real plan.
            last = real[-1]
            previous = list(last.commitments.order_by("ogp_id"))
            cycles = cycles_after(cycles, last)
            first_number = last.number + 1
        for number, (start, end, phase) in enumerate(cycles, start=first_number):
            ogp_id = plan_ogp_id(spec, number)
            plan = ActionPlan.objects.filter(ogp_id=ogp_id).first()
            if plan is not None:
                previous = list(plan.commitments.order_by("ogp_id"))
                continue
            previous = self.create_plan(member, number, ogp_id, (start, end, phase), previous, next_number)
            next_number += len(previous)

    def editor_for(self, member: Member) -> User:
        """Progress is reported by the member's own government editor where the demo has one."""
        by_code = {"AL": "albania_editor", "AM": "armenia_editor"}
        return self.users[by_code.get(member.ogp_code, "support_unit")]

    def create_plan(
        self,
        member: Member,
        number: int,
        ogp_id: str,
        cycle: tuple[int, int, str],
        previous: list[Commitment],
        next_number: int,
    ) -> list[Commitment]:
        """Create one plan with its commitments, milestones and progress; return the commitments."""
        su = self.users["support_unit"]
        start, end, phase = cycle
        submitted = datetime.date(start, 8, 31) if phase != Phase.CO_CREATION else None
        plan = plan_actions.create_action_plan(
            su,
            member,
            {
                "number": number,
                "ogp_id": ogp_id,
                "start_year": start,
                "end_year": end,
                "duration_years": end - start,
                "start_date": datetime.date(start, 9, 1),
                "end_date": datetime.date(end, 8, 31),
                "submitted_on": submitted,
                "phase": Phase.CO_CREATION,
                "document_url": f"{OGP_SITE}/documents/{member.slug}-action-plan-{start}-{end}/",
            },
        )
        self.report.add("action plans")
        count = {
            Phase.ENDED: self.rng.randint(3, 4),
            Phase.IMPLEMENTATION: self.rng.randint(5, 8),
        }.get(phase, 4)
        templates = self.rng.sample(COMMITMENT_TEMPLATES, k=min(count, len(COMMITMENT_TEMPLATES)))
        commitments: list[Commitment] = []
        for position, template in enumerate(templates, start=1):
            carried = None
            # The first commitment of each later plan continues one of the previous plan (OGP's "Carried
            # Forward"), as members often do with reforms that need more than one cycle.
            if position == 1 and previous:
                carried = previous[0]
                # A real commitment's theme is OGP's free text: keep the drawn template then.
                template = next((t for t in COMMITMENT_TEMPLATES if t.area == carried.theme), template)
            commitment = self.create_commitment(member, plan, template, position, next_number, carried, phase)
            next_number += 1
            commitments.append(commitment)
        # Walk the lifecycle the way it happens, so the plan's history shows each phase change.
        walk = {
            Phase.CO_CREATION: [],
            Phase.SUBMITTED: [Phase.SUBMITTED],
            Phase.IMPLEMENTATION: [Phase.SUBMITTED, Phase.IMPLEMENTATION],
            Phase.ENDED: [Phase.SUBMITTED, Phase.IMPLEMENTATION, Phase.ENDED],
        }[Phase(phase)]
        for to_phase in walk:
            plan = plan_actions.change_phase(su, plan, to_phase)
        if phase in (Phase.IMPLEMENTATION, Phase.ENDED):
            for commitment in commitments:
                commitment.action_plan = plan  # the plan as it is now, in its final phase (rules read it)
                self.report_progress(member, plan, commitment)
        return commitments

    def create_commitment(
        self,
        member: Member,
        plan: ActionPlan,
        template: CommitmentTemplate,
        position: int,
        number: int,
        carried: Commitment | None,
        final_phase: str,
    ) -> Commitment:
        su = self.users["support_unit"]
        start, end = plan.start_year, plan.end_year
        ogp_id = f"{member.ogp_code}{number:04d}"
        title = carried.title if carried else self.rng.choice(template.titles)
        tags = [
            template.area,
            *self.rng.sample(template.children, k=min(2, len(template.children))),
            next(self.extra_tags),
        ]
        fields: dict[str, Any] = {
            "ogp_id": ogp_id,
            "number": str(position),
            "title": title,
            "theme": template.area,
            "problem": template.problem.format(member=member.name),
            "status_quo": template.problem.format(member=member.name),
            "objective": template.objective,
            "description": template.description,
            "start_date": datetime.date(start, 9, 1),
            "end_date": datetime.date(end, 8, 31),
            "lead_institution": template.lead,
            "supporting_institutions": "\n".join(template.supporting),
            "url": commitment_url(member.slug, ogp_id),
            "carried_forward_from": carried,
            **dict.fromkeys(template.values, True),
        }
        commitment = plan_actions.create_commitment(
            su, plan, fields, [self.areas[label] for label in dict.fromkeys(tags) if label in self.areas]
        )
        self.report.add("commitments")
        self.create_milestones(commitment, template, final_phase)
        return commitment

    def milestone_status(self, final_phase: str) -> str:
        if final_phase not in (Phase.IMPLEMENTATION, Phase.ENDED):
            return MilestoneStatus.NOT_STARTED
        return self.rng.choices(
            list(MilestoneStatus),
            weights=[15, 30, 20, 28, 7] if final_phase == Phase.IMPLEMENTATION else [5, 10, 5, 70, 10],
        )[0]

    def create_milestones(self, commitment: Commitment, template: CommitmentTemplate, final_phase: str) -> None:
        """Milestones are created while the plan is in co-creation; their status reflects the phase the
        plan is about to reach (nothing has started in a plan still being drafted or just submitted)."""
        su = self.users["support_unit"]
        start, end = commitment.action_plan.start_year, commitment.action_plan.end_year
        # Status changes as history rows only for the members the demo editors work on (speed elsewhere).
        with_history = commitment.action_plan.member.ogp_code in HISTORY_MEMBERS
        titles = template.milestones[: self.rng.randint(2, len(template.milestones))]
        span = (datetime.date(end, 8, 31) - datetime.date(start, 9, 1)).days
        milestones = []
        for index, title in enumerate(titles):
            begin = datetime.date(start, 9, 1) + datetime.timedelta(days=span * index // len(titles))
            finish = datetime.date(start, 9, 1) + datetime.timedelta(days=span * (index + 1) // len(titles) - 1)
            status = self.milestone_status(final_phase)
            fields = {
                "position": index + 1,
                "title": title,
                "start_date": begin,
                "end_date": finish,
                "expected_output": f"{title}: published on the member's OGP repository.",
                "responsible": commitment.lead_institution,
                "status": status,
            }
            self.report.add("milestones")
            if not with_history:
                milestones.append(Milestone(commitment=commitment, **fields))
                continue
            milestone = plan_actions.create_milestone(su, commitment, {**fields, "status": MilestoneStatus.NOT_STARTED})
            if status != MilestoneStatus.NOT_STARTED:
                # Recorded as a change, so the milestone's history shows when it moved.
                plan_actions.update_milestone(su, milestone, {"status": status}, expected_version=None)
        if milestones:
            bulk_create_with_history(milestones, Milestone, default_user=su)

    def report_progress(self, member: Member, plan: ActionPlan, commitment: Commitment) -> None:
        author = self.editor_for(member)
        statuses = list(commitment.milestones.values_list("status", flat=True))
        live = [s for s in statuses if s != MilestoneStatus.WITHDRAWN] or statuses
        done = sum(1 for s in live if s == MilestoneStatus.COMPLETE)
        if done == len(live):
            completion = CompletionLevel.COMPLETE
        elif done * 2 >= len(live):
            completion = CompletionLevel.SUBSTANTIAL
        elif done or any(s in (MilestoneStatus.IN_PROGRESS, MilestoneStatus.DELAYED) for s in live):
            completion = CompletionLevel.LIMITED
        else:
            completion = CompletionLevel.NOT_STARTED
        if plan.phase == Phase.ENDED:
            # An ended plan keeps its end-of-term report only.
            reports = [(datetime.date(plan.end_year, 8, 31), completion)]
        else:
            # A current plan shows how progress moved: a first report, then the latest one.
            first = (
                CompletionLevel.NOT_STARTED if completion == CompletionLevel.NOT_STARTED else CompletionLevel.LIMITED
            )
            reports = [(datetime.date(plan.start_year + 1, 3, 15), first)]
            if completion != first:
                reports.append((datetime.date(plan.start_year + 1, 11, 30), completion))
        with_history = member.ogp_code in HISTORY_MEMBERS
        updates, evidence = [], []
        for reported_on, level in reports:
            reported_on = min(reported_on, self.today)  # never in the future, whatever the machine's date
            fields = {"reported_on": reported_on, "completion": level, "text": COMPLETION_TEXTS[CompletionLevel(level)]}
            links = [
                (commitment.url, "Commitment page on opengovpartnership.org"),
                (
                    f"https://evidence.example.org/{member.slug}/{commitment.ogp_id.lower()}/"
                    f"report-{reported_on.isoformat()}.pdf",
                    "Implementation report (PDF)",
                ),
            ]
            self.report.add("progress updates")
            if with_history:
                plan_actions.create_progress_update(author, commitment, fields, evidence=links)
            else:
                update = ProgressUpdate(commitment=commitment, author=author, **fields)
                updates.append(update)
                evidence.extend(EvidenceLink(progress_update=update, url=url, title=title) for url, title in links)
        if updates:
            bulk_create_with_history(updates, ProgressUpdate, default_user=author)
            for link in evidence:
                link.progress_update_id = link.progress_update.pk  # the pk exists only after the insert
            bulk_create_with_history(evidence, EvidenceLink, default_user=author)

    def import_sample(self) -> None:
        """The real sample of OGP's database, through the open data import (idempotent: a second run
        finds every row unchanged and writes nothing)."""
        from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv

        result = import_ogp_csv(SYSTEM, SAMPLE_PATH, filename=SAMPLE_PATH.name, skip_bad_rows=True)
        if result.rows.created:
            self.report.add("real commitments imported (sample)", result.rows.created)
        self.areas = {area.label: area for area in PolicyArea.objects.all()}

    def run(self) -> Report:
        self.import_sample()
        for spec in DEMO_USERS:
            self.ensure_user(spec)
        if not RoleAssignment.objects.filter(user=self.users["support_unit"], role=Role.SUPPORT_UNIT).exists():
            grant_role(None, self.users["support_unit"], Role.SUPPORT_UNIT)
        for spec in [*MEMBERS, *LOCALS]:
            self.ensure_member(spec)
        self.ensure_organisations()
        # Editors report their own member's progress, so their roles exist before the plans; the researcher
        # is assigned to a plan, so after them.
        self.grant_roles(with_plan_scopes=False)
        for spec in [*MEMBERS, *LOCALS]:
            self.ensure_plans(spec)
        self.grant_roles(with_plan_scopes=True)
        return self.report


def load(log: Callable[[str], None] = lambda message: None) -> Report:
    """Create whatever demo rows are missing, in one transaction (all or nothing)."""
    with transaction.atomic():
        return _Loader(log).run()


def real_plans(member: Member) -> list[ActionPlan]:
    """The member's plans that came from OGP's data (imported with their OGP record), oldest first."""
    return list(
        ActionPlan.objects.filter(member=member, commitments__ogp_record__isnull=False).distinct().order_by("number")
    )


def cycles_after(cycles: list[tuple[int, int, str]], last: ActionPlan) -> list[tuple[int, int, str]]:
    """The generated cycles a member with real plans still needs: its current plan (unless the real last
    plan is still running) and its next one, moved to start when the real last plan ends."""
    running = last.phase != Phase.ENDED
    wanted = [c for c in cycles if c[2] not in (Phase.ENDED, Phase.IMPLEMENTATION) or not running]
    wanted = [c for c in wanted if c[2] != Phase.ENDED]
    if not wanted:
        return []
    shift = max(0, last.end_year - wanted[0][0])
    return [(start + shift, end + shift, phase) for start, end, phase in wanted]


def demo_plans() -> Any:
    """Plans the demo generated: members' plans without an OGP record (not from the imported sample)."""
    codes = [spec.code for spec in [*MEMBERS, *LOCALS]]
    return ActionPlan.objects.filter(member__ogp_code__in=codes).exclude(commitments__ogp_record__isnull=False)


@transaction.atomic
def reset() -> dict[str, int]:
    """Delete what load() creates, and only that: demo plans (with their commitments), demo users and
    organisations, and demo members that hold no other plan (an import may have added real ones)."""
    deleted: dict[str, int] = {}
    plans = ActionPlan.objects.filter(pk__in=list(demo_plans().values_list("pk", flat=True)))
    # carried_forward_from is SET_NULL, milestones and progress updates cascade with their commitment.
    deleted["commitments"] = Commitment.objects.filter(action_plan__in=plans).delete()[1].get("plans.Commitment", 0)
    deleted["action plans"] = plans.delete()[1].get("plans.ActionPlan", 0)
    deleted["users"] = User.objects.filter(email__in=[u.email for u in DEMO_USERS]).delete()[1].get("accounts.User", 0)
    deleted["organisations"] = (
        CivilSocietyOrganisation.objects.filter(slug__in=[slugify(name) for name, *_ in ORGANISATIONS])
        .delete()[1]
        .get("members.CivilSocietyOrganisation", 0)
    )
    deleted["members"] = 0
    # Locals first: a national member is protected while its locals exist.
    for specs in (LOCALS, MEMBERS):
        members = Member.objects.filter(
            ogp_code__in=[spec.code for spec in specs], action_plans__isnull=True, locals__isnull=True
        )
        deleted["members"] += (
            Member.objects.filter(pk__in=list(members.values_list("pk", flat=True)))
            .delete()[1]
            .get("members.Member", 0)
        )
    return deleted


def login_table() -> list[tuple[str, str, str]]:
    """(role, e-mail, password) for every demo user, in the order the command prints them."""
    return [(spec.role_label, spec.email, DEMO_PASSWORD) for spec in DEMO_USERS]
