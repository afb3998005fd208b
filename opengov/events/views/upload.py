"""Bulk upload pages: the form with the template to download, and the job page with progress and the report."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opengov.accounts.predicates import is_support_unit
from opengov.accounts.signed_in import signed_in_user
from opengov.core import uploads
from opengov.core.editing import editor_page

from ..bulk import COLUMNS, template_rows
from ..forms import UploadForm
from ..models import UploadJob
from .manage import open_edition
from .public import forbid

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@editor_page
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    forbid(request, "events.upload_events", None)
    edition = open_edition()
    form = UploadForm(request.POST or None, request.FILES or None, initial={"edition": edition, "dry_run": True})
    if not request.user.has_perm("events.approve_upload"):
        del form.fields["approve"]
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        name = (file.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            form.add_error("file", _("Upload a CSV or XLSX file."))
        else:
            try:
                uploads.check_upload(file)
            except Exception as exc:  # noqa: BLE001 - shown on the field
                form.add_error("file", getattr(exc, "messages", [str(exc)])[0])
        if not form.errors:
            from ..tasks import run_upload

            with transaction.atomic():
                job = UploadJob.objects.create(
                    edition=form.cleaned_data["edition"],
                    uploaded_by=signed_in_user(request),  # editor_page: signed in
                    file=file,
                    filename=(file.name or "upload")[:200],
                    dry_run=form.cleaned_data["dry_run"],
                    import_good_rows=form.cleaned_data["import_good_rows"],
                    approve=bool(form.cleaned_data.get("approve")),
                )
                transaction.on_commit(lambda: run_upload.enqueue(job.pk))
            return redirect(job)
    jobs = UploadJob.objects.select_related("edition").filter(
        **({} if is_support_unit(request.user) else {"uploaded_by": request.user})
    )[:20]
    context = {"nav": "events", "form": form, "jobs": jobs, "columns": COLUMNS.items()}
    return render(request, "events/upload.html", context, status=400 if form.errors else 200)


@editor_page
def job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(UploadJob.objects.select_related("edition"), pk=pk)
    if job.uploaded_by_id != request.user.pk and not is_support_unit(request.user):
        raise PermissionDenied
    if request.GET.get("format") == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["row", "column", "value", "reason"], lineterminator="\r\n")
        writer.writeheader()
        from opengov.core.formula_injection import neutralise

        writer.writerows({k: neutralise(v) for k, v in p.items()} for p in job.problems)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="upload-{job.pk}-report.csv"'
        return response
    return render(request, "events/upload_job.html", {"nav": "events", "job": job, "problems": job.problems[:500]})


def template(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = template_rows()
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "events"
        for row in rows:
            sheet.append(row)
        about = book.create_sheet("columns")
        about.append(["column", "what goes in it", "required"])
        from ..bulk import REQUIRED

        for name, meaning in COLUMNS.items():
            about.append([name, meaning, "yes" if name in REQUIRED else ""])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="open-gov-week-events-template.{fmt}"'
    return response
