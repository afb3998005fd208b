"""Demo insights: a Global Report edition generated from the demo's data (HTML and PDF, by the same background
task the Support Unit starts from the edition's page), and a small third-party dataset so member snapshots show
how other organisations' numbers appear beside OGP's.

The third-party numbers are illustrative (drawn from the run's random source), and say so in their source: no real
organisation's figures are invented here. Written through insights.actions as the Support Unit would; idempotent
(an edition or dataset with the demo's title or source is left alone).
"""

from __future__ import annotations

import csv
import io

from django.utils import timezone

from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, demo_user
from opengov.core.seeding import SeedLog
from opengov.members.models import Member

from . import actions
from .models import Edition, ThirdPartyDataset

INTRODUCTION = (
    "This edition reads the commitments of every OGP member in the platform's data: how ambitious they are, how "
    "far they were implemented, and what they changed, as assessed by the Independent Reporting Mechanism. "
    "Each chapter covers one policy area; each member has a page comparing it with its region and with OGP as a "
    "whole.\n\n"
    "Numbers are computed from the data as it was when the edition was generated; every figure gives its "
    "definition and the number of commitments it rests on."
)
THIRD_PARTY_SOURCE = "Illustrative demo indicators (generated, not real data)"
THIRD_PARTY_LICENCE = "CC0 1.0"
INDICATORS = ("Open budget index (0-100)", "Civic space score (0-100)")


def edition_title(year: int) -> str:
    return f"OGP Global Report {year}"


def seed(log: SeedLog) -> None:
    support_unit = demo_user("support_unit")
    _third_party(support_unit, log)
    year = timezone.localdate().year
    if Edition.objects.filter(title=edition_title(year)).exists():
        return
    edition = actions.create_edition(support_unit, title=edition_title(year), year=year, introduction=INTRODUCTION)
    # Generated after the demo is committed (the task is queued on commit: at once with the development
    # settings' immediate backend, by the worker in production), so it reads every app's demo data.
    actions.generate_edition(support_unit, edition)
    log.created("Global Report editions")


def _third_party(user: object, log: SeedLog) -> None:
    if ThirdPartyDataset.objects.filter(source=THIRD_PARTY_SOURCE).exists():
        return
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["country", "year", *INDICATORS])
    this_year = timezone.localdate().year
    for member in Member.objects.national().order_by("name"):
        base = [log.rng.randint(35, 80) for _ in INDICATORS]
        for year in range(this_year - 4, this_year):
            writer.writerow([member.name, year, *(min(100, b + log.rng.randint(-3, 4)) for b in base)])
    dataset = actions.import_third_party(
        user,
        rows.getvalue(),
        source=THIRD_PARTY_SOURCE,
        licence=THIRD_PARTY_LICENCE,
        file_name="demo-indicators.csv",
    )
    log.created("third-party values", dataset.values.count())


def reset() -> dict[str, int]:
    """Delete the Global Report editions the demo Support Unit created (with their files) and the demo dataset."""
    editions = Edition.objects.filter(created_by__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    for edition in editions:
        for file in (edition.html_file, edition.pdf_file):
            if file:
                file.delete(save=False)
    return {
        "Global Report editions": editions.delete()[1].get("insights.Edition", 0),
        "third-party datasets": ThirdPartyDataset.objects.filter(source=THIRD_PARTY_SOURCE)
        .delete()[1]
        .get("insights.ThirdPartyDataset", 0),
    }
