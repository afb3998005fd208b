"""Demo governance: the Steering Committee in parity (5 + 5 of 11 + 11 seats, so vacancies show), co-chairs, terms
ending within six months of today, a member in a second term and members whose terms ended (one left early); its
three subcommittees drawn from it, the Board and the International Experts Panel; a meeting of each body with its
documents and decisions.

Written through governance.actions as the Support Unit would. Holders, organisations and meetings are illustrative
(OGP's real bodies and seat counts come from the data migration, bodies.py). Idempotent: a body that has mandates
is left alone.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from opengov.accounts.demo import demo_user
from opengov.core.seeding import SeedLog
from opengov.members.models import Member

from . import actions
from .bodies import BODIES
from .bodies import seed as seed_bodies
from .models import Body, Mandate, Meeting, MeetingLevel, Position, Sector, term_end, term_start

GOV, CSO, IND = Sector.GOVERNMENT, Sector.CIVIL_SOCIETY, Sector.INDEPENDENT
CONTACT_DOMAIN = "sc.demo.example.org"

# (holder, member code or "", organisation / ministerial lead, sector, position, cohort: 0 current, -1 ending soon,
# -3 ended before the current cohort)
SEATS = [
    ("Philippines", "PH", "Secretary of Budget and Management", GOV, Position.MEMBER, -3),
    ("Mexico", "MX", "Secretary of Public Administration", GOV, Position.MEMBER, -3),
    ("Nkechi Obi", "", "Public and Private Development Centre", CSO, Position.MEMBER, -3),
    ("Tomás Herrera", "", "Fundación Datos Abiertos", CSO, Position.MEMBER, -3),
    ("Canada", "CA", "President of the Treasury Board", GOV, Position.LEAD_CO_CHAIR, 0),
    ("Kenya", "KE", "Cabinet Secretary for Public Service", GOV, Position.INCOMING_CO_CHAIR, 0),
    ("France", "FR", "Minister for Public Transformation", GOV, Position.MEMBER, -1),
    ("Brazil", "BR", "Comptroller General", GOV, Position.MEMBER, -1),
    ("Philippines", "PH", "Secretary of Budget and Management", GOV, Position.MEMBER, 0),
    ("Aidan Eyakuze", "", "Twaweza East Africa", CSO, Position.LEAD_CO_CHAIR, 0),
    ("Lucía Gómez", "", "Transparencia Ciudadana", CSO, Position.INCOMING_CO_CHAIR, 0),
    ("Hanna Berg", "", "Open Knowledge Nordics", CSO, Position.MEMBER, -1),
    ("Ravi Menon", "", "Accountability Lab", CSO, Position.MEMBER, -1),
    ("Zainab Bello", "", "BudgIT", CSO, Position.MEMBER, 0),
]
LEFT_EARLY = "Mexico"  # left the Steering Committee before its term ended
SUBCOMMITTEES = {
    "governance-and-leadership": ("Canada", "Kenya", "Aidan Eyakuze", "Lucía Gómez"),
    "criteria-and-standards": ("France", "Brazil", "Philippines", "Hanna Berg", "Ravi Menon", "Zainab Bello"),
    "thematic-leadership": ("Kenya", "Philippines", "Lucía Gómez", "Zainab Bello"),
}
INDEPENDENT = {
    "board": (
        ("Elena Marković", "Access to Information Institute", Position.CHAIR),
        ("Samuel Mensah", "Independent", Position.MEMBER),
        ("Ingrid Solberg", "Independent", Position.MEMBER),
        ("Karim Haddad", "Independent", Position.MEMBER),
    ),
    "international-experts-panel": (
        ("Dr. Amina Yusuf", "University of Lagos", Position.CHAIR),
        ("Prof. Jorge Valdés", "Universidad de Chile", Position.MEMBER),
        ("Dr. Mei Lin", "National University of Singapore", Position.MEMBER),
    ),
}
# (body slug, days ago, title, level, summary, documents, decisions)
MEETINGS: list[tuple[str, int, str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("steering-committee", 60, "Steering Committee ministerial meeting", MeetingLevel.MINISTERIAL,
     "Reviewed the **OGP strategy** and the Criteria and Standards report.", ("Agenda", "Minutes"),
     ("Adopt the implementation plan of the OGP strategy.",
      "Ask the Criteria and Standards Subcommittee to review the members under procedural review.")),
    ("steering-committee", 180, "Steering Committee working-level meeting", MeetingLevel.WORKING,
     "Prepared the ministerial meeting and discussed the budget of the Support Unit.", ("Agenda",),
     ("Approve the Support Unit's budget for next year.",)),
    ("governance-and-leadership", 90, "Governance and Leadership Subcommittee call", MeetingLevel.WORKING,
     "Prepared the selection of the next civil-society members of the Steering Committee.", ("Selection timeline",),
     ("Open the call for civil-society candidates for three months.",)),
    ("criteria-and-standards", 45, "Criteria and Standards Subcommittee: procedural review", MeetingLevel.WORKING,
     "Reviewed the members that acted contrary to process in two consecutive cycles.", ("Procedural review memo",),
     ("Recommend that the Steering Committee keep Sierra Leone under procedural review for one more cycle.",)),
    ("thematic-leadership", 120, "Thematic Leadership Subcommittee: coalitions", MeetingLevel.WORKING,
     "Heard the Gender and Inclusion and the Beneficial Ownership coalitions.", ("Coalition reports",),
     ("Support a peer exchange on beneficial ownership registers.",)),
    ("board", 75, "Board meeting", MeetingLevel.WORKING,
     "Approved the audited accounts.", ("Audited financial statements",), ("Approve the audited accounts.",)),
    ("international-experts-panel", 150, "International Experts Panel: IRM methods", MeetingLevel.WORKING,
     "Reviewed how the IRM assesses early results.", ("Method note",),
     ("Publish the revised IRM method for comment.",)),
]  # fmt: skip


def _current_cohort_start(today: datetime.date) -> datetime.date:
    year = today.year if today >= datetime.date(today.year, 10, 1) else today.year - 1
    return term_start(year)


def _contact(holder: str) -> str:
    return f"{slugify(holder)}@{CONTACT_DOMAIN}"


def _mandate(user: Any, body: Body, fields: dict[str, Any]) -> Mandate:
    # The composition is recorded one seat at a time, so between a government seat and its civil-society pair the
    # body is briefly out of parity: the Support Unit confirms those steps, as it would on the screen.
    return actions.add_mandate(user, body, fields, confirm=True)


def seed(log: SeedLog) -> None:
    # The bodies come from a data migration; a flushed test database lacks them. Seeded only when missing: seeding
    # saves every body again, which would add a history row to each on every run.
    if Body.objects.filter(slug__in=[spec[0] for spec in BODIES]).count() < len(BODIES):
        seed_bodies(Body)
    bodies = {body.slug: body for body in Body.objects.all()}
    sc = bodies["steering-committee"]
    if sc.mandates.exists():
        return
    support_unit = demo_user("support_unit")
    today = timezone.localdate()
    current = _current_cohort_start(today)
    starts = {0: current, -1: term_start(current.year - 2), -3: term_start(current.year - 3)}
    members = {m.ogp_code: m for m in Member.objects.filter(ogp_code__in=[s[1] for s in SEATS if s[1]])}
    current_seats: dict[str, dict[str, Any]] = {}
    for holder, code, lead, sector, position, cohort in SEATS:
        start = starts[cohort]
        end = term_end(start)
        if cohort == -1 and (end - today).days > 183:
            end = today + datetime.timedelta(days=120)  # keep some terms visibly "ending soon" whatever the date
        fields = {
            "sector": sector,
            "position": position,
            "member": members.get(code),
            "holder": holder,
            "ministerial_lead": lead if sector == GOV else "",
            "organisation": lead if sector == CSO else "",
            "contact_email": _contact(holder),
            "starts_on": start,
            "ends_on": end,
        }
        mandate = _mandate(support_unit, sc, fields)
        if cohort == -3 and holder == LEFT_EARLY:
            actions.end_mandate(support_unit, mandate, start + datetime.timedelta(days=400), mandate.version, True)
        if cohort != -3:
            current_seats[holder] = fields
    for slug, holders in SUBCOMMITTEES.items():
        for holder in holders:
            _mandate(support_unit, bodies[slug], {**current_seats[holder], "position": Position.MEMBER})
    for slug, people in INDEPENDENT.items():
        for holder, organisation, position in people:
            fields = {
                "sector": IND,
                "position": position,
                "holder": holder,
                "organisation": organisation,
                "contact_email": _contact(holder),
                "starts_on": current,
                "ends_on": term_end(current),
            }
            _mandate(support_unit, bodies[slug], fields)
    log.created("governance mandates", Mandate.objects.filter(contact_email__endswith=CONTACT_DOMAIN).count())
    for slug, days_ago, title, level, summary, documents, decisions in MEETINGS:
        meeting = actions.add_meeting(
            support_unit,
            bodies[slug],
            {
                "title": title,
                "held_on": today - datetime.timedelta(days=days_ago),
                "level": level,
                "location": "Online" if level == MeetingLevel.WORKING else "Paris and online",
                "summary": summary,
            },
        )
        for document in documents:
            actions.add_document(support_unit, meeting, document, "https://www.opengovpartnership.org/")
        for decision in decisions:
            actions.add_decision(support_unit, meeting, decision)
    log.created("governance meetings", len(MEETINGS))


def reset() -> dict[str, int]:
    """Delete the demo mandates and meetings (the bodies themselves come from the migration and stay)."""
    mandates = Mandate.objects.filter(contact_email__endswith=f"@{CONTACT_DOMAIN}").delete()[0]
    meetings = Meeting.objects.filter(title__in=[m[2] for m in MEETINGS]).delete()[1].get("governance.Meeting", 0)
    return {"governance mandates": mandates, "governance meetings": meetings}
