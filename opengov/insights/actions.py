"""Every write in insights: authorise, validate, write, then schedule work after commit."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from opengov.core.permissions import require

from . import thirdparty
from .models import Edition, EditionState, ThirdPartyDataset


def import_third_party(
    user: Any, text: str, *, source: str, licence: str, source_url: str = "", file_name: str = ""
) -> ThirdPartyDataset:
    """Import a CSV of country-year indicators (all or nothing; thirdparty.ThirdPartyImportError lists why not)."""
    require(user, "insights.import_third_party")
    return thirdparty.import_csv(
        text, source=source, licence=licence, source_url=source_url, user=user, file_name=file_name
    )


def create_edition(user: Any, *, title: str, year: int, introduction: str = "") -> Edition:
    require(user, "insights.add_edition")
    return Edition.objects.create(title=title, year=year, introduction=introduction, created_by=user)


def generate_edition(user: Any, edition: Edition) -> Edition:
    """Queue the edition's generation (HTML then PDF) as a background task; refused while one is running."""
    require(user, "insights.generate_edition", edition)
    with transaction.atomic():
        claimed = (
            Edition.objects.filter(pk=edition.pk)
            .exclude(state__in=[EditionState.QUEUED, EditionState.RUNNING])
            .update(state=EditionState.QUEUED, progress=0, progress_message="", error="")
        )
        if claimed:
            from .tasks import generate_edition_task

            transaction.on_commit(lambda: generate_edition_task.enqueue(edition.pk))
    edition.refresh_from_db()
    return edition
