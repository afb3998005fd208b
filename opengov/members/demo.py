"""Demo members: a small, realistic picture of OGP's membership (every region, status and kind of member).

Member names, codes, regions, join years and the four-year-plan members follow the Open Government Partnership's
public data (DOMAIN.md 1-2, 4.3). Statuses other than Active, the eligibility scores, organisations and people are
illustrative demo content, not OGP's records. A member the real sample created (opendata/demo.py, seeded first)
keeps its real record and gets the demo's join date, lead agency, status history and eligibility scores.

The tables (MEMBERS, LOCALS) are also read by plans/demo.py (each member's plan cycles) and by the benchmark seeder
(bench/seed.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from opengov.accounts.demo import DEMO_USERS, demo_user, grant_demo_role
from opengov.core.seeding import SeedLog

from .actions import change_status, record_eligibility
from .joining_demo import reset as reset_joining
from .joining_demo import seed as seed_joining
from .models import CivilSocietyOrganisation, Member, MemberKind, MemberStatus, Region

CREDIT = "Open Government Partnership"
OGP_SITE = "https://www.opengovpartnership.org"

# Plan cycles are described here, beside the member they belong to, and read by plans/demo.py. Members sit below
# plans, so phases are named by their value (plans.phases.Phase: "co_creation", "submitted", "implementation",
# "ended").


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
        past_plans=5, next_phase="co_creation",
    ),
    MemberSpec(
        "Armenia", "AM", "ARM", E, D(2011, 9, 20), "Office of the Deputy Prime Minister",
        past_plans=4, next_phase="submitted",
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
               next_phase="submitted"),
    MemberSpec("Spain", "ES", "ESP", E, D(2011, 9, 20), "Ministry for Digital Transformation and Public Service"),
    MemberSpec(
        "Hungary", "HU", "HUN", E, D(2012, 4, 17), "Ministry of Public Administration and Justice",
        cycles=((2013, 2015, "ended"),),
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
               next_phase="co_creation"),
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


ORGANISATIONS: list[tuple[str, str, str, tuple[str, ...]]] = [
    # (name, country, description, member codes it works with) -- fictional organisations
    ("Open Budget Forum Albania", "AL", "Budget literacy and fiscal transparency.", ("AL",)),
    ("Armenian Civic Data Lab", "AM", "Open data and civic technology.", ("AM",)),
    ("Transparencia Ciudadana", "MX", "Procurement monitoring and access to information.", ("MX", "JAL")),
    ("Kenya Open Contracting Network", "KE", "Follows county and national contracts.", ("KE", "NAI")),
    ("Philippine Budget Watch", "PH", "Participatory budgeting and social audits.", ("PH",)),
    ("Foro Abierto Buenos Aires", "AR", "Participation in city and national plans.", ("AR", "BUE")),
    ("Canadian Centre for Civic Data", "CA", "Open data literacy and civic technology.", ("CA",)),
    ("Salone Budget Advocacy Network", "SL", "Budget tracking in districts and chiefdoms.", ("SL",)),
]


def member_slug(name: str) -> str:
    return slugify(name)


def ensure_member(spec: MemberSpec, members: dict[str, Member], log: SeedLog) -> None:
    member = Member.objects.filter(ogp_code=spec.code).first()
    if member is not None:
        members[spec.code] = member
        if member.join_date is None and not member.status_changes.exists():
            enrich_imported_member(spec, member, log)
        return
    parent = members.get(spec.parent_code) if spec.parent_code else None
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
    # What django-simple-history reads for the next save (core.permissions.attribute_to sets the same).
    member._history_user = demo_user("support_unit")  # type: ignore[attr-defined]
    member.save()
    members[spec.code] = member
    log.created("members")
    add_status_history(spec, member, log)


def enrich_imported_member(spec: MemberSpec, member: Member, log: SeedLog) -> None:
    """A member the real sample created (no join date, no status history): add the demo's details."""
    member.join_date = spec.joined
    member.lead_agency = member.lead_agency or spec.lead_agency
    member.website_url = member.website_url or f"{OGP_SITE}/members/{member.slug}/"
    member._history_user = demo_user("support_unit")  # type: ignore[attr-defined]  # as above
    member.save(update_fields=["join_date", "lead_agency", "website_url"])
    add_status_history(spec, member, log)


def add_status_history(spec: MemberSpec, member: Member, log: SeedLog) -> None:
    su = demo_user("support_unit")
    joined_reason = (
        "Joined OGP: letter of intent received and Open Government Declaration endorsed."
        if not member.is_local
        else "Joined OGP Local after the call for expressions of interest."
    )
    change_status(su, member, MemberStatus.ACTIVE, spec.joined, joined_reason)
    for status, effective, reason in spec.statuses:
        change_status(su, member, status, effective, reason)
    log.created("status changes", 1 + len(spec.statuses))
    if not member.is_local:
        eligibility(spec, member, log)


def eligibility(spec: MemberSpec, member: Member, log: SeedLog) -> None:
    su = demo_user("support_unit")
    rng = log.rng
    for year in range(2022, 2026):
        scores: dict[str, Any] = {
            "fiscal_transparency": rng.choice([2, 4, 4]),
            "access_to_information": rng.choice([3, 4, 4]),
            "asset_disclosure": rng.choice([2, 3, 4]),
            "citizen_engagement": rng.choice([3, 4]),
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
        log.created("eligibility scores")


def ensure_organisations(members: dict[str, Member], log: SeedLog) -> None:
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
            org.members.set([members[code] for code in codes if code in members])
            log.created("organisations")


def grant_scoped_roles(members: dict[str, Member], log: SeedLog) -> None:
    """The demo roles scoped to a member or an organisation (editors report their own member's progress, so their
    roles exist before the plans)."""
    for spec in DEMO_USERS:
        if spec.role is None:
            continue
        scope: Any = None
        if spec.scope.startswith("member:"):
            scope = members[spec.scope.split(":")[1]]
        elif spec.scope.startswith("organisation:"):
            scope = CivilSocietyOrganisation.objects.get(slug=spec.scope.split(":")[1])
        else:
            continue
        grant_demo_role(spec, scope, log)


def seed(log: SeedLog) -> None:
    members: dict[str, Member] = {}
    for spec in [*MEMBERS, *LOCALS]:
        ensure_member(spec, members, log)
    ensure_organisations(members, log)
    grant_scoped_roles(members, log)
    seed_joining(log)


def reset() -> dict[str, int]:
    """Delete the demo organisations, and the demo members that hold no plan (an import may have added real ones)."""
    deleted: dict[str, int] = reset_joining()
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
