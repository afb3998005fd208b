"""Demo joining (called at the end of members/demo.py): candidate countries' score sheets (so How to join
lists some), a letter of intent under review,
and an open OGP Local call with expressions of interest in every status, a selection committee and scores."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from opengov.accounts.demo import person
from opengov.core.months import add_months
from opengov.core.seeding import SeedLog

from .joining_models import (
    CandidateEligibility,
    CommitteeSeat,
    EoiStatus,
    ExpressionOfInterest,
    JoiningApplication,
    LetterOfSupport,
    LocalCall,
    Score,
)
from .models import Member, Region

# country, region, four criteria, Values Check
CANDIDATES = [
    ("EC", Region.AMERICAS, (4, 4, 3, 3), True),
    ("ZM", Region.AFRICA_MIDDLE_EAST, (3, 4, 2, 3), True),
    ("BT", Region.ASIA_PACIFIC, (2, 4, 4, None), True),
    ("TD", Region.AFRICA_MIDDLE_EAST, (4, 4, 4, 4), False),
    ("LA", Region.ASIA_PACIFIC, (0, 1, 2, 1), True),
]

# jurisdiction, country code, type, status
EXPRESSIONS = [
    ("Mombasa County", "KE", "County", EoiStatus.SUBMITTED),
    ("Kisumu County", "KE", "County", EoiStatus.SHORTLISTED),
    ("Recife", "BR", "City", EoiStatus.FINALIST),
    ("Medellín", "CO", "City", EoiStatus.FINALIST),
    ("Quezon City", "PH", "City", EoiStatus.NOT_SELECTED),
    ("Lyon", "FR", "City", EoiStatus.WITHDRAWN),
    ("Accra Metropolitan Assembly", "GH", "City", EoiStatus.SUBMITTED),
]

PDF = b"%PDF-1.4\n% demo letter\n"


def seed(log: SeedLog) -> None:
    if LocalCall.objects.filter(slug="ogp-local-demo").exists():
        return
    for code, region, criteria, values in CANDIDATES:
        CandidateEligibility.objects.get_or_create(
            country=code,
            year=timezone.localdate().year,
            defaults={
                "region": region,
                "fiscal_transparency": criteria[0],
                "access_to_information": criteria[1],
                "asset_disclosure": criteria[2],
                "citizen_engagement": criteria[3],
                "values_check_passed": values,
            },
        )
    official = person("official.ecuador", "Gabriela Andrade")
    application = JoiningApplication(
        country="EC",
        government_name="Ecuador",
        lead_agency="Secretariat of Public Administration",
        poc_name="Gabriela Andrade",
        poc_email="gabriela.andrade@ecuador.demo.example.org",
        submitted_by=official,
        letter_content_type="application/pdf",
    )
    application.letter_of_intent.save("letter-of-intent-ecuador.pdf", ContentFile(PDF), save=False)
    application.save()

    today = timezone.localdate()
    call = LocalCall.objects.create(
        title="OGP Local call for expressions of interest",
        slug="ogp-local-demo",
        places=50,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=45),
        text="Local governments of OGP member countries in good standing are invited to express interest in "
        "joining **OGP Local**. Up to 50 new members will be selected.",
    )
    kenyan, brazilian = person("committee.kenya", "Wanjiku Mwangi"), person("committee.brazil", "João Pereira")
    CommitteeSeat.objects.create(call=call, user=kenyan, country="KE")
    CommitteeSeat.objects.create(call=call, user=brazilian, country="BR")
    countries = {m.ogp_code: m for m in Member.objects.filter(ogp_code__in={e[1] for e in EXPRESSIONS})}
    for jurisdiction, code, kind, status in EXPRESSIONS:
        submitter = person(f"official.{jurisdiction.split()[0].lower()}", f"Official of {jurisdiction}")
        expression = ExpressionOfInterest.objects.create(
            call=call,
            country_member=countries[code],
            jurisdiction=jurisdiction,
            jurisdiction_key=jurisdiction.casefold(),
            jurisdiction_type=kind,
            official_name=submitter.display_name,
            official_title="Head of the open government office",
            contact_email=submitter.email,
            supporting_organisations="Local Transparency Network",
            status=status,
            submitted_by=submitter,
            reasons_and_ambition="Open up the city budget and contracts.",
            track_record="Open data portal (2024).",
            capacity_and_resources="Two staff and a civil-society partner.",
            benefits="Trust and better services.",
            community_contribution="Share our participatory budgeting method.",
            term_ends_on=add_months(today, 30),
        )
        if status in (EoiStatus.SHORTLISTED, EoiStatus.FINALIST):
            for letter_kind, signatory in (("head", "The Mayor"), ("ngo", "Local Transparency Network")):
                if letter_kind == "ngo" and status == EoiStatus.SHORTLISTED:
                    continue  # still missing one letter
                letter = LetterOfSupport(
                    expression=expression, kind=letter_kind, signatory=signatory, content_type="application/pdf"
                )
                letter.file.save(f"letter-{letter_kind}.pdf", ContentFile(PDF), save=False)
                letter.save()
        if status != EoiStatus.WITHDRAWN:
            scorer = brazilian if code != "BR" else kenyan  # nobody scores their own country
            Score.objects.create(
                expression=expression,
                scorer=scorer,
                reasons_and_ambition=4,
                track_record=3,
                capacity_and_resources=3,
                benefits=4,
                community_contribution=3,
            )
    log(
        f"Joining: {len(CANDIDATES)} candidate score sheets, a letter of intent, an OGP Local call with "
        f"{len(EXPRESSIONS)} expressions of interest in every status."
    )


def reset() -> dict[str, int]:
    """Delete the demo call (expressions, letters, scores, committee), letter of intent and candidate sheets."""
    expressions = ExpressionOfInterest.objects.filter(call__slug="ogp-local-demo")
    deleted = Score.objects.filter(expression__in=expressions).delete()[0]
    deleted += expressions.delete()[0]
    deleted += LocalCall.objects.filter(slug="ogp-local-demo").delete()[0]
    deleted += JoiningApplication.objects.filter(
        government_name="Ecuador", submitted_by__email__endswith="demo.example.org"
    ).delete()[0]
    deleted += CandidateEligibility.objects.filter(country__in=[c[0] for c in CANDIDATES]).delete()[0]
    return {"joining rows": deleted}
