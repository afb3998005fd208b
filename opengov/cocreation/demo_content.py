"""What the co-creation demo writes (read by cocreation/demo.py): forums with their seats and meetings, the
consultations and their contributions. Illustrative content: the people, organisations' seats and meetings are not
OGP's records; the institutions are the members' real kinds of institutions (lead agencies from members/demo.py).

Dates are offsets in days from the day the demo is loaded, so the forum keeps meeting "every few months" and the
consultations stay open, closed and upcoming whatever the machine's date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import ContributionKind, DocumentKind, MeetingKind, Outcome, Sector

G, CS, OTH = Sector.GOVERNMENT, Sector.CIVIL_SOCIETY, Sector.OTHER


@dataclass(frozen=True)
class SeatSpec:
    name: str
    affiliation: str
    sector: str
    organisation: str = ""  # slug of a registered civil-society organisation (members/demo.py ORGANISATIONS)
    since: int = -700  # days from today
    until: int | None = None  # days from today: the person left the forum


@dataclass(frozen=True)
class MeetingSpec:
    days_ago: int
    title: str
    kind: str = MeetingKind.CO_CREATION
    plan: str = "current"  # "current" (implementation) or "next" (the draft plan), or "" for none
    attendance: tuple[int, int, int] = (6, 7, 1)  # government, civil society, other
    agenda: str = ""
    minutes: str = ""  # empty: the minutes are still to be written (the meeting is recent)


@dataclass(frozen=True)
class ForumSpec:
    member: str  # OGP code
    editor: str  # key of the demo user who keeps the forum (DEMO_USERS), or "support_unit"
    name: str
    description: str
    rules: str
    seats: tuple[SeatSpec, ...]
    meetings: tuple[MeetingSpec, ...]
    documents: tuple[tuple[int, str, str, str], ...] = ()  # (days ago, kind, title, plan: "current"/"next"/"")


RULES = (
    "- Seats are shared equally between government and civil society; civil-society members are chosen by an open "
    "call run by the civil-society caucus, not by the government.\n"
    "- The forum meets at least every three months; agendas are published a week before, minutes within two weeks.\n"
    "- Decisions are taken by consensus; where there is none, the disagreement is recorded in the minutes.\n"
    "- Anyone may attend the open sessions and send written input to the secretariat."
)

AGENDA_DRAFT = (
    "1. Results of the public consultation so far\n2. Which proposals become draft commitments\n"
    "3. Timeline to submission"
)
AGENDA_IMPLEMENTATION = (
    "1. Progress of each commitment, reported by the lead institutions\n2. Delayed milestones and what unblocks "
    "them\n3. Civil-society monitoring notes"
)
MINUTES_DRAFT = (
    "The secretariat presented the contributions received. The forum agreed to turn the proposal on contract "
    "publication into a draft commitment and asked the Ministry of Finance to say by the next meeting whether the "
    "budget hearings can be public. Civil-society members asked that every contribution be answered before the plan "
    "is submitted; the government agreed."
)
MINUTES_IMPLEMENTATION = (
    "Lead institutions reported progress on each commitment. Two milestones are delayed; the forum asked for a "
    "revised timeline and a named contact for each. Civil-society members presented their monitoring notes; the "
    "government will answer them in writing."
)


def _cadence(kind_after: int, every: int, since: int, title: str) -> tuple[MeetingSpec, ...]:
    """Meetings every ``every`` days from ``since`` days ago: implementation dialogues on the current plan until
    ``kind_after`` days ago, then co-creation meetings on the next plan (the last year of a cycle drafts the next)."""
    meetings = []
    for days_ago in range(since, 0, -every):
        drafting = days_ago <= kind_after
        meetings.append(
            MeetingSpec(
                days_ago,
                f"{title}: {'co-creation of the next action plan' if drafting else 'implementation review'}",
                MeetingKind.CO_CREATION if drafting else MeetingKind.IMPLEMENTATION,
                "next" if drafting else "current",
                (5 + days_ago % 3, 6 + days_ago % 4, days_ago % 2),
                AGENDA_DRAFT if drafting else AGENDA_IMPLEMENTATION,
                "" if days_ago < 20 else (MINUTES_DRAFT if drafting else MINUTES_IMPLEMENTATION),
            )
        )
    return tuple(meetings)


def _documents(plan_label: str) -> tuple[tuple[int, str, str, str], ...]:
    return (
        (640, DocumentKind.RULES, "Rules of participation of the multi-stakeholder forum", ""),
        (420, DocumentKind.PROGRESS, f"Self-assessment: first year of the {plan_label}", "current"),
        (250, DocumentKind.MINUTES, "Minutes of the forum meetings (first half of the year)", ""),
        (120, DocumentKind.TIMELINE, "Co-creation timeline of the next action plan", "next"),
        (30, DocumentKind.DRAFT_PLAN, "Draft action plan for public consultation", "next"),
    )


FORUMS: tuple[ForumSpec, ...] = (
    ForumSpec(
        "AL",
        "albania_poc",
        "Albania Open Government Multi-stakeholder Forum",
        "The forum steers Albania's OGP process: it co-creates each action plan, follows its implementation and "
        "answers for it to the public. It is chaired jointly by the Department of Development and Good Governance "
        "and a civil-society co-chair elected by the civil-society caucus.",
        RULES,
        (
            SeatSpec("Arben Krasniqi", "Department of Development and Good Governance", G),
            SeatSpec("Mira Shehu", "Department of Development and Good Governance", G),
            SeatSpec("Ilir Gjoni", "Ministry of Finance and Economy", G),
            SeatSpec("Teuta Dervishaj", "National Agency for Information Society", G),
            SeatSpec("Besa Dervishi", "Open Budget Forum Albania", CS, "open-budget-forum-albania"),
            SeatSpec("Klodiana Meta", "Women's Network for Local Democracy", CS),
            SeatSpec("Erion Cela", "Institute for Public Integrity", CS),
            SeatSpec("Dritan Hoxha", "Youth Network for Transparency", CS, until=-200),
            SeatSpec("Sokol Berisha", "Youth Network for Transparency", CS, since=-200),
            SeatSpec("Prof. Lindita Rama", "University of Tirana, Faculty of Law", OTH),
        ),
        _cadence(kind_after=300, every=75, since=690, title="Forum meeting"),
        _documents("current action plan"),
    ),
    ForumSpec(
        "AM",
        "armenia_editor",
        "Armenia OGP Multi-stakeholder Forum",
        "Government agencies and civil-society organisations co-create and monitor Armenia's action plans. The "
        "Office of the Deputy Prime Minister runs the secretariat.",
        RULES,
        (
            SeatSpec("Anush Petrosyan", "Office of the Deputy Prime Minister", G),
            SeatSpec("Hayk Grigoryan", "Ministry of Justice", G),
            SeatSpec("Lilit Sargsyan", "State Revenue Committee", G),
            SeatSpec("Narek Avetisyan", "Armenian Civic Data Lab", CS, "armenian-civic-data-lab"),
            SeatSpec("Sona Hakobyan", "Freedom of Information Centre", CS),
            SeatSpec("Tigran Mkrtchyan", "Transparency Watch Armenia", CS),
        ),
        _cadence(kind_after=420, every=90, since=700, title="Forum meeting"),
        _documents("current action plan"),
    ),
    ForumSpec(
        "CA",
        "canada_poc",
        "Multi-Stakeholder Forum on Open Government",
        "Eight members from civil society and four from government advise on Canada's national action plans and "
        "follow their implementation.",
        RULES,
        (
            SeatSpec("Claire Tremblay", "Treasury Board of Canada Secretariat", G),
            SeatSpec("Daniel Nguyen", "Library and Archives Canada", G),
            SeatSpec("Amara Osei", "Open North", CS),
            SeatSpec("Jean-Philippe Roy", "Canadian Centre for Civic Data", CS),
            SeatSpec("Sarah Whitehorse", "Indigenous Data Network", CS),
            SeatSpec("Priya Sandhu", "University of Ottawa, Centre for Law, Technology and Society", OTH),
        ),
        _cadence(kind_after=250, every=80, since=640, title="Forum meeting"),
        _documents("2024-2026 National Action Plan"),
    ),
    ForumSpec(
        "KE",
        "support_unit",
        "Kenya OGP Steering Committee",
        "The steering committee brings together the Office of the President, county representatives and "
        "civil-society organisations to co-create and monitor Kenya's action plan.",
        RULES,
        (
            SeatSpec("Wanjiru Kamau", "Office of the President", G),
            SeatSpec("Otieno Odhiambo", "Council of Governors", G),
            SeatSpec("Achieng Atieno", "Kenya Open Contracting Network", CS, "kenya-open-contracting-network"),
            SeatSpec("Mohamed Abdi", "Mzalendo Trust", CS),
            SeatSpec("Grace Njeri", "Article 19 Eastern Africa", CS),
        ),
        _cadence(kind_after=0, every=85, since=700, title="Steering committee meeting"),
        _documents("2023-2027 National Action Plan"),
    ),
    ForumSpec(
        "PH",
        "support_unit",
        "Philippine Open Government Partnership Steering Committee",
        "Government and civil-society co-chairs lead the co-creation of the Philippines' action plans.",
        RULES,
        (
            SeatSpec("Maria Santos", "Department of Budget and Management", G),
            SeatSpec("Jose Reyes", "Department of the Interior and Local Government", G),
            SeatSpec("Ana Villanueva", "Philippine Budget Watch", CS, "philippine-budget-watch"),
            SeatSpec("Ramon Cruz", "Caucus of Development NGO Networks", CS),
        ),
        _cadence(kind_after=0, every=100, since=600, title="Steering committee meeting"),
    ),
    # Sierra Leone's forum stopped meeting: the co-creation standards show it, and so does its procedural review.
    ForumSpec(
        "SL",
        "support_unit",
        "Sierra Leone OGP Steering Committee",
        "The committee was set up in 2016 to co-create Sierra Leone's action plans.",
        "",
        (
            SeatSpec("Fatmata Kamara", "Open Government Initiative, Office of the President", G, since=-1200),
            SeatSpec("Ibrahim Sesay", "Ministry of Finance", G, since=-1200),
            SeatSpec("Aminata Conteh", "Campaign for Good Governance", CS, since=-1200),
        ),
        (
            MeetingSpec(1100, "Steering committee meeting: action plan launch", plan="current"),
            MeetingSpec(
                980, "Steering committee meeting: first implementation review", MeetingKind.IMPLEMENTATION, "current"
            ),
        ),
        (
            (1150, DocumentKind.ACTION_PLAN, "National Action Plan 2023-2027", "current"),
            (1000, DocumentKind.MINUTES, "Minutes of the steering committee meetings", ""),
        ),
    ),
)

# Canada's Point of Contact keeps its forum and answers its consultation (a demo person, not in the log-in list).
CANADA_POC = ("poc.canada", "Claire Tremblay")


@dataclass(frozen=True)
class ContributionSpec:
    key: str
    author: str  # a DEMO_USERS key, or "person:<local part>:<display name>"
    kind: str
    title: str
    body: str
    on_commitment: int = 0  # comments: position of the draft commitment in the plan (1-based)
    organisation: str = ""  # slug, when written on behalf of an organisation the author represents
    supporters: tuple[str, ...] = ()
    flags: tuple[tuple[str, str], ...] = ()  # (who, why)
    hidden: str = ""  # a moderator hid it, with this public reason
    response: tuple[str, str] | None = None  # (outcome, justification)
    becomes_commitment: bool = False  # an adopted proposal turned into a new draft commitment
    milestones: tuple[str, ...] = ()  # what the government then plans for that new commitment
    on_existing: int = 0  # a partly adopted proposal merged into this draft commitment (position)


@dataclass(frozen=True)
class ConsultationSpec:
    member: str
    plan: str  # "next": the member's plan in co-creation
    title: str
    description: str
    by: str  # who opens it (a DEMO_USERS key or "canada_poc")
    timeline_days: int  # when its timeline was published, in days from today
    opens_days: int
    closes_days: int
    closed_on_days: int | None = None  # the Support Unit closes it on this day once the contributions are in
    responder: str = ""
    contributions: tuple[ContributionSpec, ...] = field(default_factory=tuple)


ELONA = "person:elona.basha:Elona Basha"
GENTIAN = "person:gentian.leka:Gentian Leka"
ARDITA = "person:ardita.kola:Ardita Kola"
FATOS = "person:fatos.marku:Fatos Marku"

ALBANIA_OPEN = ConsultationSpec(
    "AL",
    "next",
    "Consultation on the draft action plan",
    "The government invites **proposals for new commitments** and **comments on the draft ones**. Every "
    "contribution receives a reasoned response before the plan is submitted.\n\n"
    "Timeline: proposals and comments for six weeks, then two forum meetings to decide, then the reasoned "
    "responses and the final draft.",
    "support_unit",
    -30,
    -10,
    30,
    responder="albania_editor",
    contributions=(
        ContributionSpec(
            "phone",
            "participant",
            ContributionKind.PROPOSAL,
            "Publish every public contract within 30 days",
            "Add a commitment to publish every contract above 10,000 euros in open data within 30 days of "
            "signature. Call me to discuss it: +355 69 000 0000 (my private number).",
            flags=(("cso_rep", "It publishes a private phone number."),),
            hidden="Hidden because it shows a private phone number. The author has posted the proposal again "
            "without it.",
        ),
        ContributionSpec(
            "contracts",
            "participant",
            ContributionKind.PROPOSAL,
            "Publish every public contract within 30 days",
            "Every contract above 10,000 euros should be published in open data (OCDS) within 30 days of "
            "signature, with its amendments. Today contracts appear months later, if at all, which makes "
            "monitoring impossible.",
            supporters=("cso_rep", ELONA, GENTIAN, ARDITA),
            response=(
                Outcome.ADOPTED,
                "Adopted. The Public Procurement Agency will publish contracts in the Open Contracting Data "
                "Standard within 30 days of signature; the draft commitment below sets the milestones.",
            ),
            becomes_commitment=True,
            milestones=(
                "Publish the contracts of the central government in OCDS within 30 days of signature",
                "Extend publication to municipalities and public companies",
                "Publish amendments and payments with each contract",
            ),
        ),
        ContributionSpec(
            "hearings",
            "cso_rep",
            ContributionKind.PROPOSAL,
            "Budget hearings open to the public",
            "The parliament's budget committee should hold its hearings in public, stream them and publish the "
            "minutes, so that citizens can follow how the budget changes between the draft and the law.",
            organisation="open-budget-forum-albania",
            supporters=("participant", ELONA),
            response=(
                Outcome.PARTLY_ADOPTED,
                "Partly adopted. Parliament decides on its own hearings, so the government cannot commit to it; "
                "the Ministry of Finance will instead publish the citizens' budget and its changes at each stage "
                "(added to the fiscal transparency commitment).",
            ),
            on_existing=1,
        ),
        ContributionSpec(
            "dates",
            ELONA,
            ContributionKind.COMMENT,
            "",
            "The milestones of this commitment have no dates. Please give each one a deadline so that progress "
            "can be checked.",
            on_commitment=2,
            supporters=(GENTIAN,),
            response=(Outcome.ADOPTED, "Adopted: each milestone now has a start and an end date."),
        ),
        ContributionSpec(
            "partners",
            GENTIAN,
            ContributionKind.COMMENT,
            "",
            "Add the national youth council as an implementing partner of this commitment.",
            on_commitment=3,
            response=(
                Outcome.NOT_ADOPTED,
                "Not adopted: the youth council has no mandate on this reform. It is invited to the forum's "
                "monitoring meetings instead, where implementation is discussed.",
            ),
        ),
        ContributionSpec(
            "air",
            ARDITA,
            ContributionKind.PROPOSAL,
            "Open data from municipal air-quality sensors",
            "Tirana, Durrës and Elbasan run air-quality sensors, but the readings are not public. Publish them "
            "hourly as open data, with a simple map for residents.",
            supporters=("participant", ELONA, GENTIAN),
        ),
        ContributionSpec(
            "angry",
            FATOS,
            ContributionKind.COMMENT,
            "",
            "This ministry never delivers anything it promises and the people in charge should be ashamed. "
            "Why would this commitment be any different?",
            on_commitment=1,
            flags=(("participant", "Insulting rather than a comment on the commitment."),),
        ),
    ),
)

ALBANIA_UPCOMING = ConsultationSpec(
    "AL",
    "next",
    "Second round: comments on the revised draft",
    "The revised draft, with the commitments that came from the first round, is open for comments for three "
    "weeks before it goes to the forum for approval.",
    "albania_editor",
    0,
    21,
    42,
)

CANADA_CLOSED = ConsultationSpec(
    "CA",
    "next",
    "Consultation on Canada's next National Action Plan on Open Government",
    "Canadians were invited to propose commitments for the next national action plan and to comment on the "
    "first draft. The consultation is closed; every contribution has received a reasoned response.",
    "support_unit",
    -60,
    -45,
    0,
    closed_on_days=-14,
    responder="canada_poc",
    contributions=(
        ContributionSpec(
            "lobbying",
            "person:amara.osei:Amara Osei",
            ContributionKind.PROPOSAL,
            "A public register of meetings with lobbyists",
            "Publish, every month, the meetings senior officials hold with registered lobbyists, with the "
            "subject discussed.",
            supporters=("person:jp.roy:Jean-Philippe Roy", "participant"),
            response=(
                Outcome.ADOPTED,
                "Adopted as a new draft commitment, led by the Office of the Commissioner of Lobbying.",
            ),
            becomes_commitment=True,
            milestones=(
                "Publish monthly reports of senior officials' meetings with registered lobbyists",
                "Add the subject of each meeting and the documents shared",
            ),
        ),
        ContributionSpec(
            "indigenous",
            "person:sarah.whitehorse:Sarah Whitehorse",
            ContributionKind.COMMENT,
            "",
            "Data about First Nations communities should follow the OCAP principles: ownership, control, "
            "access and possession.",
            on_commitment=1,
            response=(
                Outcome.PARTLY_ADOPTED,
                "Partly adopted: the commitment now names the OCAP principles and a First Nations data "
                "governance partner; its scope stays federal datasets.",
            ),
        ),
        ContributionSpec(
            "ai",
            "person:jp.roy:Jean-Philippe Roy",
            ContributionKind.PROPOSAL,
            "Publish every algorithmic impact assessment",
            "Departments using automated decision systems should publish their algorithmic impact assessments "
            "before the systems go live.",
            supporters=("person:amara.osei:Amara Osei",),
            response=(
                Outcome.NOT_ADOPTED,
                "Not adopted in this plan: the Directive on Automated Decision-Making already requires "
                "publication, and its review is under way. The forum will follow it as part of commitment 2.",
            ),
        ),
    ),
)

CONSULTATIONS = (ALBANIA_OPEN, ALBANIA_UPCOMING, CANADA_CLOSED)

MONITORING_NOTES = (
    (1, "We attended the launch of the portal. The datasets promised for the first milestone are online, but "
     "without the promised monthly updates: the latest file is four months old."),
    (2, "Good progress: the draft law was published for comment and our submission was answered in writing."),
)  # fmt: skip

STANDARD_FINDINGS = (
    # (member, plan, key, status, note): the IRM's findings on what the data cannot decide
    ("AL", "current", "website", "met", "The member's OGP website is online and updated with each meeting."),
    ("AL", "current", "inclusive_participation", "met",
     "Regional consultations were held in four cities, with sign language interpretation."),
    ("AL", "current", "draft_discussed", "met", "The forum discussed the draft plan twice before submission."),
    ("AL", "current", "implementation_meetings", "met",
     "Implementation dialogues with civil society are held every quarter (minutes in the repository)."),
    ("SL", "current", "draft_discussed", "not_met",
     "No forum meeting discussed the draft plan before it was submitted."),
    ("SL", "current", "implementation_meetings", "not_met",
     "One meeting with civil society in the first two years of implementation."),
)  # fmt: skip
