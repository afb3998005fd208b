"""Private data of joining, governance and support (letters, internal notes, contact e-mails, review notes) never
reaches the open data download: the whole ZIP is read back and searched."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import UserFactory
from opengov.governance.models import Body, Mandate, Sector, term_end, term_start
from opengov.members import joining_actions
from opengov.members.joining_models import CandidateEligibility
from opengov.members.models import Region
from opengov.opendata.exporters.bundle import iter_zip
from opengov.support import actions as support_actions

pytestmark = pytest.mark.django_db

SECRETS = ["poc.secret@ec.example.org", "minister.secret@al.example.org", "Internal: secret note", "%PDF-1.4 secret"]


def test_open_data_holds_no_private_data(albania, albania_poc, support_unit):
    CandidateEligibility.objects.create(country="EC", year=2025, region=Region.AMERICAS, fiscal_transparency=4,
                                        access_to_information=4, asset_disclosure=4, citizen_engagement=4,
                                        values_check_passed=True)  # fmt: skip
    application = joining_actions.submit_application(
        UserFactory(),
        {"country": "EC", "government_name": "Ecuador", "lead_agency": "Secretariat", "poc_name": "G. A.",
         "poc_email": SECRETS[0]},
        SimpleUploadedFile("letter.pdf", SECRETS[3].encode()),
    )  # fmt: skip
    joining_actions.accept_application(support_unit, application, Region.AMERICAS, "EC", None, None)
    start = term_start(2025)
    sc = Body.objects.get(slug="steering-committee")
    Mandate.objects.create(body=sc, sector=Sector.GOVERNMENT, member=albania, holder="Albania",
                           contact_email=SECRETS[1], starts_on=start, ends_on=term_end(start))  # fmt: skip
    staff = UserFactory(is_staff=True)
    grant_role(None, staff, Role.SUPPORT_UNIT)
    request = support_actions.ask(albania_poc, albania, {"topic": "irm", "subject": "Timing", "message": "When?"})
    support_actions.add_note(staff, request, SECRETS[2])

    archive = zipfile.ZipFile(io.BytesIO(b"".join(iter_zip())))
    assert any("members" in name for name in archive.namelist())  # the export ran and holds the new member
    text = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8", errors="replace")
    assert "Ecuador" in text
    for secret in SECRETS:
        assert secret not in text, secret
