"""Support pages: ask for help, one request (replies for both sides; internal notes, status and assignment for
the Support Unit), the requester's own list, and the Support Unit's queue with overdue requests."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opengov.accounts.predicates import is_support_unit, roles_of
from opengov.accounts.signed_in import signed_in_user
from opengov.core.concurrency import EditConflict
from opengov.core.editing import add_action_errors, editor_page
from opengov.members.models import Member

from . import actions
from .forms import AskForm, MessageForm, UpdateForm
from .models import MessageKind, StaffCoverage, Status, SupportRequest, first_response_due

PER_PAGE = 50


def _check(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def askable_members(user: Any) -> QuerySet[Member]:
    """The members a user may ask about (what support.add_supportrequest allows, as a query)."""
    if is_support_unit(user):
        return Member.objects.all()
    roles = roles_of(user)
    return Member.objects.filter(
        Q(pk__in=roles.government_members) | Q(civil_society_organisations__in=roles.organisations)
    ).distinct()


@editor_page
def mine(request: HttpRequest) -> HttpResponse:
    rows = (
        SupportRequest.objects.filter(requester=signed_in_user(request))
        .select_related("member")
        .order_by("-created_at")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "support/mine.html",
        {"page": page, "can_ask": askable_members(request.user).exists(), "nav": "support"},
    )


@editor_page
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    members = askable_members(request.user)
    if not members.exists():
        raise PermissionDenied(
            _("Points of Contact, government editors and civil-society representatives ask for help here.")
        )
    initial = {}
    if slug := request.GET.get("member"):
        initial["member"] = members.filter(slug=slug).first()
    form = AskForm(request.POST or None, request.FILES or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("topic", "subject", "message")}
        try:
            new = actions.ask(request.user, form.cleaned_data["member"], fields, form.cleaned_data["attachments"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Your request was sent to the Support Unit."))
            return redirect(new)
    return render(
        request, "support/form.html", {"form": form, "title": _("Ask the Support Unit for help"), "multipart": True}
    )


@editor_page
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    support_request = get_object_or_404(
        SupportRequest.objects.select_related("member", "requester", "assigned_to"), pk=pk
    )
    _check(request, "support.view_supportrequest", support_request)
    staff = request.user.has_perm("support.note_supportrequest", support_request)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else None
    reply_form = MessageForm(posted if which == "reply" else None, prefix="reply")
    note_form = MessageForm(posted if which == "note" else None, prefix="note")
    update_form = UpdateForm(
        posted if which == "update" else None,
        prefix="update",
        staff=actions.support_staff(),
        initial={
            "status": support_request.status,
            "assigned_to": support_request.assigned_to_id,
            "version": support_request.version,
        },
    )
    forms = {"reply": reply_form, "note": note_form, "update": update_form}
    form = forms.get(which or "")
    if form is not None and form.is_valid():
        try:
            if which == "reply":
                actions.reply(request.user, support_request, form.cleaned_data["body"])
            elif which == "note":
                actions.add_note(request.user, support_request, form.cleaned_data["body"])
            else:
                changes = {k: form.cleaned_data[k] for k in ("status", "assigned_to")}
                actions.update(request.user, support_request, changes, form.cleaned_data.get("version"))
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect(support_request)
    thread = list(support_request.messages.select_related("author"))
    context = {
        "req": support_request,
        "replies": [m for m in thread if m.kind == MessageKind.REPLY],
        # Internal notes leave the database only for the Support Unit.
        "notes": [m for m in thread if m.kind == MessageKind.NOTE] if staff else [],
        "attachments": support_request.attachments.all(),
        "staff": staff,
        "overdue": support_request.is_overdue(),
        **{f"{name}_form": f for name, f in forms.items()},
    }
    return render(request, "support/request.html", context)


@editor_page
def attachment(request: HttpRequest, pk: int, aid: int) -> FileResponse:
    support_request = get_object_or_404(SupportRequest, pk=pk)
    _check(request, "support.view_supportrequest", support_request)
    item = get_object_or_404(support_request.attachments, pk=aid)
    response = FileResponse(
        item.file.open("rb"), content_type=item.content_type, as_attachment=True, filename=item.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


QUEUE_VIEWS = {
    "mine": gettext_lazy("Assigned to me"),
    "region": gettext_lazy("My regions"),
    "unassigned": gettext_lazy("Unassigned"),
    "overdue": gettext_lazy("Overdue"),
    "all": gettext_lazy("All"),
}


def queue_rows(user: Any, view: str, status: str) -> QuerySet[SupportRequest]:
    rows = SupportRequest.objects.for_queue()
    if view == "mine":
        rows = rows.filter(assigned_to=user)
    elif view == "region":
        rows = rows.filter(member__region__in=StaffCoverage.objects.filter(user=user).values("region"))
    elif view == "unassigned":
        rows = rows.filter(assigned_to__isnull=True)
    elif view == "overdue":
        rows = rows.overdue()
    if status == "open":
        rows = rows.open()
    elif status in Status.values:
        rows = rows.filter(status=status)
    return rows


@editor_page
def queue(request: HttpRequest) -> HttpResponse:
    _check(request, "support.view_queue")
    view = request.GET.get("view", "mine")
    view = view if view in QUEUE_VIEWS else "mine"
    status = request.GET.get("status", "open")
    page = Paginator(queue_rows(request.user, view, status), PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    for row in page:
        row.overdue = row.is_overdue(now)  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "support/queue.html",
        {
            "page": page,
            "view": view,
            "views": QUEUE_VIEWS.items(),
            "status": status,
            "statuses": [("open", _("Open")), *Status.choices, ("any", _("Any"))],
            "overdue_count": SupportRequest.objects.overdue(now).count(),
            "due_hours": int(first_response_due().total_seconds() // 3600),
            "nav": "support",
        },
    )
