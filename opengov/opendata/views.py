"""Open data pages: the downloads (one file per entity, CSV / JSON / XLSX, streamed and cached), the data
dictionary, OGP's commitments database export, and the Support Unit's import page with job progress."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import condition, require_http_methods, require_POST

from opengov.accounts.signed_in import signed_in_user
from opengov.core.formula_injection import SafeWriter
from opengov.core.permissions import require

from .exporters import entities
from .exporters.ogp_csv import iter_csv_lines
from .forms import FileWinsForm, ImportForm
from .importers.base import ISSUE_FIELDS
from .models import ImportJob

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _dataset(slug: str) -> entities.Dataset:
    found = entities.datasets().get(slug)
    if found is None:
        raise Http404("No such dataset.")
    return found


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/index.html",
        {
            "nav": "open-data",
            "datasets": entities.datasets().values(),
            "formats": list(FORMATS),
            "licence": entities.LICENCE,
            "licence_url": entities.LICENCE_URL,
            "credit": entities.CREDIT,
        },
    )


def dictionary(request: HttpRequest) -> HttpResponse:
    from .columns import COLUMNS, GROUP

    return render(
        request,
        "opendata/dictionary.html",
        {
            "nav": "open-data",
            "datasets": entities.datasets().values(),
            "ogp_columns": [(column, GROUP[column]) for column in COLUMNS],
            "licence": entities.LICENCE,
            "licence_url": entities.LICENCE_URL,
            "credit": entities.CREDIT,
        },
    )


def _etag(request: HttpRequest, slug: str, fmt: str) -> str | None:
    dataset = entities.datasets().get(slug)
    return None if dataset is None else quote_etag(f"{entities.data_version(dataset)[0].strip(chr(34))}-{fmt}")


def _last_modified(request: HttpRequest, slug: str, fmt: str) -> Any:
    dataset = entities.datasets().get(slug)
    return None if dataset is None else entities.data_version(dataset)[1]


@condition(etag_func=_etag, last_modified_func=_last_modified)
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    dataset = _dataset(slug)
    if fmt not in FORMATS:
        raise Http404("No such format.")
    filename = f"ogp-{dataset.slug}.{fmt}"
    if fmt == "xlsx":
        response: HttpResponse | StreamingHttpResponse = _cached_xlsx(dataset)
    else:
        stream = entities.iter_csv(dataset) if fmt == "csv" else entities.iter_json(dataset)
        response = StreamingHttpResponse((chunk.encode("utf-8") for chunk in stream), content_type=FORMATS[fmt])
    response["Content-Type"] = FORMATS[fmt]
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{entities.LICENCE_URL}>; rel="license"'
    response["Cache-Control"] = "public, max-age=300"
    return response


# Part of the cached workbook's name: raised when the way workbooks are written changes (2: formulas made
# inert), so that none built the old way is served again.
XLSX_FORMAT = 2


def _cached_xlsx(dataset: entities.Dataset) -> FileResponse:
    """The workbook is built once per data version and kept in storage (building it reads every row)."""
    version = hashlib.sha256(entities.data_version(dataset)[0].encode()).hexdigest()[:16]
    name = f"opendata/cache/{dataset.slug}-{version}-v{XLSX_FORMAT}.xlsx"
    if not default_storage.exists(name):
        with entities.write_xlsx(dataset) as handle:
            default_storage.save(name, handle)
    return FileResponse(default_storage.open(name, "rb"))


def _bundle_etag(request: HttpRequest) -> str:
    versions = "|".join(entities.data_version(dataset)[0] for dataset in entities.datasets().values())
    return quote_etag(hashlib.sha256(versions.encode()).hexdigest()[:24])


@condition(etag_func=_bundle_etag)
def bundle(request: HttpRequest) -> StreamingHttpResponse:
    """Every dataset's CSV and the Data Package descriptor in one ZIP, streamed (exporters/bundle.py)."""
    from .exporters.bundle import FILENAME, iter_zip

    response = StreamingHttpResponse(iter_zip(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    response["Link"] = f'<{entities.LICENCE_URL}>; rel="license"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def ogp_database(request: HttpRequest) -> StreamingHttpResponse:
    """Every commitment in OGP's 171-column format (the import's round trip), streamed."""
    response = StreamingHttpResponse((line.encode("utf-8") for line in iter_csv_lines()), content_type=FORMATS["csv"])
    response["Content-Disposition"] = 'attachment; filename="ogp-commitments-database.csv"'
    response["Link"] = f'<{entities.LICENCE_URL}>; rel="license"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    require(request.user, "opendata.import_data")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        from .tasks import run_import_job

        upload = form.cleaned_data["file"]
        with transaction.atomic():
            job = ImportJob.objects.create(
                kind=form.cleaned_data["kind"],
                file=upload,
                filename=upload.name[:255],
                dry_run=form.cleaned_data["dry_run"],
                skip_bad_rows=form.cleaned_data["skip_bad_rows"],
                file_wins=form.cleaned_data["file_wins"],
                file_wins_for=form.cleaned_data["file_wins_for"],
                member=form.cleaned_data.get("member"),
                created_by=signed_in_user(request),  # login_required
            )
            transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
        return redirect(job)
    jobs = ImportJob.objects.select_related("created_by")[:20]
    return render(request, "opendata/import.html", {"form": form, "jobs": jobs})


def _job_for(request: HttpRequest, pk: int) -> ImportJob:
    if not request.user.has_perm("opendata.view_importjob"):
        raise PermissionDenied
    return get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)


def _held(job: ImportJob) -> list[str]:
    """The commitment ids the job held back (changed on the platform since their last import)."""
    from .importers.ogp_csv import HELD_REASON

    return [issue["key"] for issue in job.issues if issue.get("reason") == HELD_REASON]


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    template = "opendata/_job_status.html" if request.headers.get("HX-Request") else "opendata/import_job.html"
    held = _held(job)
    choice = FileWinsForm(held=held) if held and request.user.has_perm("opendata.import_data") else None
    return render(request, template, {"job": job, "issues": job.issues[:100], "choice": choice})


@login_required
@require_POST
def import_job_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    """Import the job's file again, the file winning for the held-back rows staff ticked."""
    require(request.user, "opendata.import_data")
    job = _job_for(request, pk)
    form = FileWinsForm(request.POST, held=_held(job))
    if not form.is_valid():
        return render(request, "opendata/import_job.html", {"job": job, "issues": job.issues[:100], "choice": form})
    from .tasks import run_import_job

    with transaction.atomic():
        rerun = ImportJob.objects.create(
            kind=job.kind,
            file=job.file.name,
            filename=job.filename,
            skip_bad_rows=job.skip_bad_rows,
            file_wins_for=form.cleaned_data["file_wins_for"],
            member=job.member,
            created_by=signed_in_user(request),  # login_required
        )
        transaction.on_commit(lambda: run_import_job.enqueue(rerun.pk))
    return redirect(rerun)


@login_required
def import_job_report(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    out = io.StringIO(newline="")
    # The values quoted come from the uploaded file: formulas made inert (core/formula_injection.py).
    SafeWriter(out, lineterminator="\r\n").writedicts(ISSUE_FIELDS, job.issues)
    response = HttpResponse(out.getvalue(), content_type=FORMATS["csv"])
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-issues.csv"'
    if job.finished_at:
        response["Last-Modified"] = http_date(job.finished_at.timestamp())
    return response
