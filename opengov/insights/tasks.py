"""Background work: generating a Global Report edition (django-tasks; the Immediate backend in tests/dev)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from .models import Edition, EditionState


def staff_to_notify(edition: Edition) -> list[Any]:
    """Who hears that an edition is ready: whoever created it and the Support Unit."""
    from opengov.accounts.models import Role, RoleAssignment

    users = [a.user for a in RoleAssignment.objects.current().filter(role=Role.SUPPORT_UNIT).select_related("user")]
    return [edition.created_by, *users]


@task()
def generate_edition_task(edition_id: int) -> str | None:
    """Generate the edition, writing progress to its row as it goes; notify staff when it is ready."""
    from opengov.notifications.actions import notify

    from . import report

    edition = Edition.objects.get(pk=edition_id)

    def progress(percent: int, message: str) -> None:
        Edition.objects.filter(pk=edition_id).update(
            state=EditionState.RUNNING, progress=percent, progress_message=str(message)[:300]
        )

    progress(1, _("Started"))
    try:
        report.generate(edition, progress)
    except Exception as exc:
        Edition.objects.filter(pk=edition_id).update(
            state=EditionState.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    notify(
        staff_to_notify(edition),
        subject=_("Global Report ready: %(title)s") % {"title": edition.title},
        body=_("The HTML and PDF of this edition can be downloaded now."),
        url=edition.get_absolute_url(),
    )
    return edition.pdf_file.name


@task()
def warm_insights_task() -> str:
    """The insights numbers for the data as it is now, into the cache (enqueued after an open-data import)."""
    from .indicators import warm_cache

    return warm_cache()
