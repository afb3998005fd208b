"""Governance pages: public composition (today or on any past day) with the computed checks, meetings with
documents and decisions; the Support Unit's screens to change mandates, which warn before a change breaks
parity, over-fills a sector or exceeds the term limit."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opengov.core.concurrency import EditConflict
from opengov.core.editing import add_action_errors, editor_page
from opengov.core.forms import changes_from, initial_for

from . import actions, checks
from .forms import MANDATE_FIELDS, DecisionForm, DocumentForm, MandateForm, MeetingForm
from .models import Body, Mandate, Meeting, Sector


def _check(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Only Support Unit staff change governance bodies."))


def _day(request: HttpRequest) -> datetime.date:
    """The day to show: ?on=YYYY-MM-DD (for the composition on a past day), else today (also for a bad date)."""
    try:
        return parse_date(request.GET.get("on", "") or "") or timezone.localdate()
    except ValueError:  # well formed but impossible, e.g. 2025-02-30
        return timezone.localdate()


def bodies(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    all_bodies = list(Body.objects.select_related("parent").prefetch_related("mandates"))
    for body in all_bodies:
        mandates = list(body.mandates.all())
        rows.append((body, checks.report(body, mandates, today)))
    return render(request, "governance/bodies.html", {"rows": rows, "today": today, "nav": "governance"})


def body(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body.objects.select_related("parent"), slug=slug)
    day = _day(request)
    mandates = list(Mandate.objects.filter(body=body).for_page())
    report = checks.report(body, mandates, day)
    current = [m for m in mandates if checks.is_current(m, day)]
    for mandate in mandates:
        mandate.term_number = report.term_number(mandate)  # type: ignore[attr-defined]  # for the template
    context = {
        "body": body,
        "day": day,
        "is_today": day == timezone.localdate(),
        "report": report,
        "by_sector": [(label, [m for m in current if m.sector == value]) for value, label in Sector.choices],
        "past": sorted((m for m in mandates if checks.last_day(m) < day), key=lambda m: m.starts_on, reverse=True),
        "upcoming": [m for m in mandates if m.starts_on > day],
        "meetings": body.meetings.all()[:50],
        "subbodies": body.subbodies.all(),
        "can_manage": request.user.has_perm("governance.change_mandate"),
        "see_contacts": request.user.has_perm("governance.view_contact_email"),
        "nav": "governance",
    }
    return render(request, "governance/body.html", context)


def meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.select_related("body").prefetch_related("documents", "decisions"),
        pk=pk,
        body__slug=slug,
    )
    return render(
        request,
        "governance/meeting.html",
        {"meeting": meeting, "body": meeting.body, "can_manage": request.user.has_perm("governance.add_decision")},
    )


def _warnings_page(
    request: HttpRequest, body: Body, form: MandateForm, title: str, warnings: list[checks.Warning]
) -> HttpResponse:
    return render(
        request,
        "governance/mandate_form.html",
        {"body": body, "form": form, "title": title, "warnings": warnings, "back": body.get_absolute_url()},
    )


@editor_page
@require_http_methods(["GET", "POST"])
def mandate_add(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    _check(request, "governance.add_mandate", body)
    form = MandateForm(request.POST if request.method == "POST" else None, initial={"sector": Sector.GOVERNMENT})
    warnings: list[checks.Warning] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_mandate(
                request.user, body, changes_from(form, MANDATE_FIELDS), confirm=form.cleaned_data["confirm"]
            )
        except actions.GovernanceWarnings as exc:
            warnings = exc.warnings
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("The mandate was added."))
            return redirect(body)
    return _warnings_page(request, body, form, _("Add a member to %(body)s") % {"body": body}, warnings)


@editor_page
@require_http_methods(["GET", "POST"])
def mandate_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    mandate = get_object_or_404(Mandate, pk=pk, body=body)
    _check(request, "governance.change_mandate", mandate)
    form = MandateForm(request.POST if request.method == "POST" else None, initial=initial_for(mandate, MANDATE_FIELDS))
    warnings: list[checks.Warning] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_mandate(
                request.user,
                mandate,
                changes_from(form, MANDATE_FIELDS),
                form.cleaned_data.get("version"),
                confirm=form.cleaned_data["confirm"],
            )
        except actions.GovernanceWarnings as exc:
            warnings = exc.warnings
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("The mandate was saved."))
            return redirect(body)
    return _warnings_page(request, body, form, _("Change %(holder)s's mandate") % {"holder": mandate.holder}, warnings)


@editor_page
@require_http_methods(["GET", "POST"])
def meeting_add(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    _check(request, "governance.add_meeting", body)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            new = actions.add_meeting(request.user, body, form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect(new)
    return render(
        request,
        "governance/form.html",
        {
            "body": body,
            "form": form,
            "title": _("Record a meeting of %(body)s") % {"body": body},
            "back": body.get_absolute_url(),
        },
    )


@editor_page
@require_http_methods(["GET", "POST"])
def meeting_part_add(request: HttpRequest, slug: str, pk: int, part: str) -> HttpResponse:
    """Add a document (part="document") or a decision (part="decision") to a meeting."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk, body__slug=slug)
    form_class, title = {
        "document": (DocumentForm, _("Add a document")),
        "decision": (DecisionForm, _("Record a decision")),
    }[part]
    _check(request, f"governance.add_{'meetingdocument' if part == 'document' else 'decision'}", meeting)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if part == "document":
                actions.add_document(request.user, meeting, form.cleaned_data["title"], form.cleaned_data["url"])
            else:
                actions.add_decision(request.user, meeting, form.cleaned_data["text"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect(meeting)
    return render(
        request,
        "governance/form.html",
        {"body": meeting.body, "form": form, "title": title, "back": meeting.get_absolute_url()},
    )
