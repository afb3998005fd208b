"""Background import: the upload page saves an ImportJob and enqueues ``run_import_job`` after commit.
The task runs the importer, writes its progress (rows done / total) and finally the counts, the issues
and the summary onto the job, which the job page polls."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .importers.base import FileRejected
from .models import ImportJob, ImportKind, JobState


@task()
def run_import_job(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by", "member").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, started_at=timezone.now())
    last = {"percent": -1}

    def progress(done: int, total: int) -> None:
        # Saved as it goes (every 5 %) so the page shows movement; the write stage runs in one transaction,
        # whose progress other connections see when it commits.
        percent = 100 * done // total if total else 0
        if percent >= last["percent"] + 5 or done == total:
            last["percent"] = percent
            ImportJob.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        if job.kind == ImportKind.TRACKER:
            from .importers.tracker import import_tracker

            assert job.member is not None  # ImportForm requires the member of a tracker
            report = import_tracker(
                job.created_by, job.member, data, filename=job.filename, dry_run=job.dry_run, progress=progress
            )
        else:
            from .importers.ogp_csv import import_ogp_csv

            report = import_ogp_csv(
                job.created_by,
                data,
                filename=job.filename,
                dry_run=job.dry_run,
                skip_bad_rows=job.skip_bad_rows,
                progress=progress,
                file_wins=job.file_wins,
                file_wins_for=job.file_wins_for,
            )
    except FileRejected as exc:
        ImportJob.objects.filter(pk=job.pk).update(
            state=JobState.FAILED, error=str(exc), summary=f"{exc} Nothing was imported.", finished_at=timezone.now()
        )
        return "failed"
    except Exception as exc:  # noqa: BLE001 - the job page must say it failed whatever the cause
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, error=repr(exc), finished_at=timezone.now())
        raise
    if report.changed_anything:
        # New numbers for the insights pages now, rather than in the first visitor's request (insights listens).
        from .signals import data_imported

        data_imported.send(sender=ImportJob, job=job)
    rows = report.rows
    total = rows.created + rows.updated + rows.unchanged + rows.held + rows.rejected
    ImportJob.objects.filter(pk=job.pk).update(
        state=JobState.DONE,
        rows_done=total,
        rows_total=total,
        counts=report.counts_dict(),
        issues=[issue.as_dict() for issue in report.issues],
        summary=report.summary(),
        finished_at=timezone.now(),
    )
    return "done"
