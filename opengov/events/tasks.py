"""Bulk uploads run as a task (django-tasks): the page saves an UploadJob and enqueues ``run_upload`` after commit;
the task writes progress onto the job (the job page refreshes itself until it is finished), then the report."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .bulk import FileRejected, check_and_import
from .models import UploadJob, UploadStatus


@task()
def run_upload(job_id: int) -> str:
    job = UploadJob.objects.select_related("uploaded_by", "edition").get(pk=job_id)
    UploadJob.objects.filter(pk=job.pk).update(status=UploadStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        UploadJob.objects.filter(pk=job.pk).update(done_rows=done, total_rows=total)

    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        report = check_and_import(
            job.uploaded_by,
            job.edition,
            data,
            job.filename,
            dry_run=job.dry_run,
            import_good_rows=job.import_good_rows,
            approve=job.approve,
            progress=progress,
        )
    except FileRejected as exc:
        UploadJob.objects.filter(pk=job.pk).update(
            status=UploadStatus.FAILED, message=str(exc), finished_at=timezone.now()
        )
        return "failed"
    except Exception as exc:  # noqa: BLE001 - the job page must say it failed whatever the cause
        UploadJob.objects.filter(pk=job.pk).update(
            status=UploadStatus.FAILED, message=repr(exc), finished_at=timezone.now()
        )
        raise
    UploadJob.objects.filter(pk=job.pk).update(
        status=UploadStatus.DONE,
        total_rows=report.total,
        done_rows=report.total,
        imported=report.imported,
        problems=report.problems,
        finished_at=timezone.now(),
    )
    return "done"
