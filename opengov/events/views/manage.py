"""Pages that write: submitting and editing an event, the moderation queue and decisions, merging duplicates,
editions. Thin: parse a form, call one action (which checks the rule again), redirect with a message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opengov.accounts.predicates import is_support_unit, roles_of
from opengov.core.concurrency import EditConflict
from opengov.core.editing import add_action_errors, editor_page

from .. import actions
from ..choices import OPEN_STATES, State
from ..duplicates import likely_duplicates
from ..forms import EditionForm, EventForm, MergeForm, ModerationForm
from ..models import Edition, Event
from .maps import tile_settings
from .public import forbid

QUEUE_PAGE = 25


def _event_errors(form: EventForm, exc: ValidationError) -> None:
    """The action's errors on the form's fields (plans and commitments are typed in the form's "links" field)."""
    if hasattr(exc, "error_dict"):
        renamed = {("links" if k in ("action_plans", "commitments") else k): v for k, v in exc.error_dict.items()}
        exc = ValidationError(renamed)
    add_action_errors(form, exc)


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def open_edition() -> Edition | None:
    """The edition taking submissions now, else the latest one."""
    today = timezone.localdate()
    return (
        Edition.objects.filter(submissions_open_on__lte=today, submissions_close_on__gte=today).first()
        or Edition.objects.first()
    )


@editor_page
def submit_start(request: HttpRequest) -> HttpResponse:
    edition = open_edition()
    if edition is None:
        messages.info(request, _("No Open Gov Week edition is open yet."))
        return redirect("events:list")
    return redirect("events:submit", year=edition.year)


@editor_page
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, year: int) -> HttpResponse:
    edition = get_object_or_404(Edition, year=year)
    forbid(request, "events.submit_event", edition)
    initial = {"contact_email": getattr(request.user, "email", ""), "timezone": "UTC"}
    form = EventForm(_posted(request), request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = actions.submit_event(
                request.user,
                edition,
                form.event_fields(),
                action_plans=form.cleaned_data["action_plans"],
                commitments=form.cleaned_data["commitments"],
                image=form.cleaned_data.get("image"),
            )
        except ValidationError as exc:
            _event_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you: your event was submitted. The moderators for its country will review it.")
            )
            return redirect(event)
    context = {
        **tile_settings(),
        "nav": "events",
        "form": form,
        "edition": edition,
        "title": _("Submit an event to %(edition)s") % {"edition": edition},
    }
    return render(request, "events/event_form.html", context, status=400 if form.errors else 200)


@editor_page
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.select_related("edition").prefetch_related("action_plans", "commitments"), pk=pk
    )
    forbid(request, "events.change_event", event)
    form = EventForm(_posted(request), request.FILES or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_event(
                request.user,
                event,
                form.event_fields(),
                form.cleaned_data.get("version"),
                action_plans=form.cleaned_data["action_plans"],
                commitments=form.cleaned_data["commitments"],
                image=form.cleaned_data.get("image"),
            )
        except EditConflict as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            _event_errors(form, exc)
        else:
            event.refresh_from_db()
            if not changed:
                messages.info(request, _("Nothing changed."))
            elif event.state == State.SUBMITTED:
                messages.success(request, _("Saved. The event goes back to the moderators for review."))
            else:
                messages.success(request, _("Saved."))
            return redirect(event)
    context = {
        **tile_settings(),
        "nav": "events",
        "form": form,
        "edition": event.edition,
        "event": event,
        "title": _("Edit the event"),
    }
    return render(request, "events/event_form.html", context, status=400 if form.errors else 200)


@editor_page
def queue(request: HttpRequest) -> HttpResponse:
    """Submissions waiting in the moderator's countries (every country for the Support Unit), each with its
    likely duplicates. A fixed number of queries: the page, then one query for every row's duplicate candidates."""
    forbid(request, "events.view_queue", None)
    pending = Event.objects.filter(state__in=OPEN_STATES).select_related("edition", "member")
    if not is_support_unit(request.user):
        pending = pending.filter(country__in=sorted(roles_of(request.user).moderated_countries))
    state = request.GET.get("state", "")
    if state in OPEN_STATES:
        pending = pending.filter(state=state)
    page = Paginator(pending.order_by("created_at", "pk"), QUEUE_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    duplicates = likely_duplicates(rows)
    context = {
        "nav": "events",
        "page": page,
        "rows": [(event, duplicates.get(event.pk, [])) for event in rows],
        "state": state,
        "countries": sorted(roles_of(request.user).moderated_countries),
    }
    return render(request, "events/queue.html", context)


@editor_page
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    forbid(request, "events.moderate_event", event)
    form = ModerationForm(request.POST)
    if form.is_valid():
        try:
            actions.moderate(request.user, event, form.cleaned_data["decision"], form.cleaned_data["reason"])
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your decision was recorded and the organiser was told."))
            return redirect("events:queue") if request.POST.get("next") == "queue" else redirect(event)
    context = {"nav": "events", "event": event, "form": form, "title": _("Review the event")}
    return render(request, "events/moderate.html", context, status=400)


@editor_page
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    duplicate = get_object_or_404(Event, pk=pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the event to keep."))
        return redirect(duplicate)
    keep = get_object_or_404(Event, pk=form.cleaned_data["keep"])
    try:
        actions.merge(request.user, duplicate, keep, form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(duplicate)
    messages.success(request, _("The two entries were merged: the event is listed once."))
    return redirect(keep)


@editor_page
@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, year: int | None = None) -> HttpResponse:
    edition = get_object_or_404(Edition, year=year) if year else None
    forbid(request, "events.change_edition", edition)
    initial = {"version": edition.version} if edition else {}
    form = EditionForm(_posted(request), instance=edition if request.method != "POST" else None, initial=initial)
    if edition is not None and request.method == "POST":
        form.instance.pk = edition.pk
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EditionForm.Meta.fields}
        try:
            edition = actions.save_edition(request.user, edition, fields, form.cleaned_data.get("version"))
        except EditConflict as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The edition was saved."))
            return redirect(edition)
    title = _("Edit %(edition)s") % {"edition": edition} if edition else _("New Open Gov Week edition")
    return render(
        request, "events/edition_form.html", {"nav": "events", "form": form, "title": title, "edition": edition}
    )
