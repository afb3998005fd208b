"""Demo governance: the Steering Committee in parity (5 + 5 of 11 + 11 seats, so vacancies show), co-chairs,
four terms ending within six months of today, a ministerial meeting with a document and a decision."""

from __future__ import annotations

import datetime

from django.utils import timezone

from opengov.core.seeding import SeedLog
from opengov.members.models import Member

from .bodies import seed as seed_bodies
from .models import (
    Body,
    Decision,
    Mandate,
    Meeting,
    MeetingDocument,
    MeetingLevel,
    Position,
    Sector,
    term_end,
    term_start,
)

# (holder, member code or "", organisation / ministerial lead, sector, position, cohort: 0 = current, -1 = ending)
SEATS = [
    ("Canada", "CA", "President of the Treasury Board", Sector.GOVERNMENT, Position.LEAD_CO_CHAIR, 0),
    ("Kenya", "KE", "Cabinet Secretary for Public Service", Sector.GOVERNMENT, Position.INCOMING_CO_CHAIR, 0),
    ("France", "FR", "Minister for Public Transformation", Sector.GOVERNMENT, Position.MEMBER, -1),
    ("Brazil", "BR", "Comptroller General", Sector.GOVERNMENT, Position.MEMBER, -1),
    ("Philippines", "PH", "Secretary of Budget and Management", Sector.GOVERNMENT, Position.MEMBER, 0),
    ("Aidan Eyakuze", "", "Twaweza East Africa", Sector.CIVIL_SOCIETY, Position.LEAD_CO_CHAIR, 0),
    ("Lucía Gómez", "", "Transparencia Ciudadana", Sector.CIVIL_SOCIETY, Position.INCOMING_CO_CHAIR, 0),
    ("Hanna Berg", "", "Open Knowledge Nordics", Sector.CIVIL_SOCIETY, Position.MEMBER, -1),
    ("Ravi Menon", "", "Accountability Lab", Sector.CIVIL_SOCIETY, Position.MEMBER, -1),
    ("Zainab Bello", "", "BudgIT", Sector.CIVIL_SOCIETY, Position.MEMBER, 0),
]


def _current_cohort_start(today: datetime.date) -> datetime.date:
    year = today.year if today >= datetime.date(today.year, 10, 1) else today.year - 1
    return term_start(year)


def seed(log: SeedLog) -> None:
    # The bodies come from a data migration; a flushed test database lacks them, so seed them (idempotent).
    seed_bodies(Body)
    sc = Body.objects.get(slug="steering-committee")
    if sc.mandates.exists():
        return
    today = timezone.localdate()
    current = _current_cohort_start(today)
    # The "ending" cohort started two years before the current one, so its term ends next 30 September
    # (within six months from April on); earlier in the year it is still flagged soon enough for the demo.
    ending = term_start(current.year - 2)
    members = {m.ogp_code: m for m in Member.objects.filter(ogp_code__in=[s[1] for s in SEATS if s[1]])}
    for holder, code, lead, sector, position, cohort in SEATS:
        start = current if cohort == 0 else ending
        end = term_end(start)
        if cohort == -1 and (end - today).days > 183:
            end = today + datetime.timedelta(days=120)  # keep one term visibly "ending soon" whatever the date
        Mandate.objects.create(
            body=sc,
            sector=sector,
            position=position,
            member=members.get(code),
            holder=holder,
            ministerial_lead=lead if sector == Sector.GOVERNMENT else "",
            organisation=lead if sector == Sector.CIVIL_SOCIETY else "",
            contact_email=f"{holder.split()[0].lower()}@sc.demo.example.org",
            starts_on=start,
            ends_on=end,
        )
    meeting = Meeting.objects.create(
        body=sc,
        title="Steering Committee ministerial meeting",
        held_on=today - datetime.timedelta(days=60),
        level=MeetingLevel.MINISTERIAL,
        location="Online",
        summary="Reviewed the **OGP strategy** and the Criteria and Standards report.",
    )
    MeetingDocument.objects.create(meeting=meeting, title="Agenda", url="https://www.opengovpartnership.org/")
    Decision.objects.create(meeting=meeting, text="Adopt the 2025-2028 implementation plan.")
    log(f"Governance: {len(SEATS)} Steering Committee mandates (12 of 22 seats vacant), one meeting.")


def reset() -> dict[str, int]:
    """Delete the demo mandates and meeting (the bodies themselves come from the migration and stay)."""
    mandates = Mandate.objects.filter(contact_email__endswith="@sc.demo.example.org").delete()[0]
    meetings = Meeting.objects.filter(title="Steering Committee ministerial meeting").delete()[0]
    return {"governance mandates": mandates, "governance meetings": meetings}
