"""Joining pages for national governments: How to join (eligible countries not yet members, open OGP Local
calls), the letter-of-intent form, and one application's page (the applicant's view, and the Support Unit's
review with the eligibility and Values Check results)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.forms import BaseForm
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opengov.accounts.signed_in import signed_in_user
from opengov.core.concurrency import EditConflict
from opengov.core.editing import add_action_errors, editor_page

from . import joining_actions as actions
from .joining_forms import AcceptForm, ApplicationForm, DeclineForm, InformationForm, LetterForm
from .joining_models import ApplicationStatus, CandidateEligibility, JoiningApplication, LocalCall
from .models import Member


def check(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def private_file(field: FieldFile, content_type: str, name: str) -> FileResponse:
    """A private upload, always as a download, never sniffed or rendered."""
    response = FileResponse(field.open("rb"), content_type=content_type, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def posted(request: HttpRequest, name: str) -> tuple[Any, Any]:
    """(data, files) for the form ``name`` when it is the one posted (pages hold several forms), else unbound."""
    if request.method == "POST" and request.POST.get("form") == name:
        return request.POST, request.FILES
    return None, None


def run_forms(request: HttpRequest, forms: dict[str, BaseForm], handlers: dict[str, Callable[[BaseForm], Any]]) -> bool:
    """Validate the posted form named by ``form`` and run its handler; errors go onto the form. True on success."""
    which = request.POST.get("form", "")
    form = forms.get(which)
    if request.method != "POST" or form is None or not form.is_valid():
        return False
    try:
        handlers[which](form)
    except EditConflict as conflict:
        form.add_error(None, conflict.message)
    except ValidationError as error:
        add_action_errors(form, error)
    else:
        return True
    return False


def how_to_join(request: HttpRequest) -> HttpResponse:
    """Countries whose latest score sheet says eligible (with the Values Check passed) and that are not members."""
    member_countries = set(Member.objects.national().exclude(country="").values_list("country", flat=True))
    latest: dict[str, CandidateEligibility] = {}
    for row in CandidateEligibility.objects.order_by("country", "-year"):
        latest.setdefault(row.country.code, row)
    eligible = sorted(
        (
            row
            for code, row in latest.items()
            if code not in member_countries and row.result.outcome == "eligible" and row.values_check_passed is True
        ),
        key=lambda row: str(row.country.name),
    )
    today = timezone.localdate()
    calls = [call for call in LocalCall.objects.all() if call.closes_on >= today]
    return render(request, "members/joining/how_to_join.html", {"eligible": eligible, "calls": calls, "nav": "members"})


@editor_page
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    check(request, "members.add_joiningapplication")
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "letter_of_intent"}
        try:
            application = actions.submit_application(request.user, fields, form.cleaned_data["letter_of_intent"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Your letter of intent was sent to the OGP Support Unit."))
            return redirect(application)
    return render(
        request,
        "members/form_page.html",
        {"form": form, "title": _("Submit a letter of intent"), "multipart": True, "back": "/join/"},
    )


@editor_page
def applications(request: HttpRequest) -> HttpResponse:
    rows = JoiningApplication.objects.select_related("member").order_by("-submitted_at")
    if not request.user.has_perm("members.review_joiningapplication"):
        rows = rows.filter(submitted_by=signed_in_user(request))
    return render(request, "members/joining/applications.html", {"rows": rows[:200]})


@editor_page
@require_http_methods(["GET", "POST"])
def application(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(JoiningApplication.objects.select_related("member", "submitted_by"), pk=pk)
    check(request, "members.view_joiningapplication", application)
    reviewer = request.user.has_perm("members.review_joiningapplication", application)
    version = {"version": application.version}
    forms: dict[str, BaseForm] = {
        "letter": LetterForm(*posted(request, "letter"), initial=version, prefix="letter"),
        "information": InformationForm(*posted(request, "information"), initial=version, prefix="information"),
        "accept": AcceptForm(
            *posted(request, "accept"), initial={**version, "ogp_code": application.country.code}, prefix="accept"
        ),
        "decline": DeclineForm(*posted(request, "decline"), initial=version, prefix="decline"),
    }
    handlers: dict[str, Callable[[BaseForm], Any]] = {
        "letter": lambda f: actions.add_information(
            request.user, application, f.cleaned_data["letter_of_intent"], f.cleaned_data["version"]
        ),
        "information": lambda f: actions.request_information(
            request.user, application, f.cleaned_data["information_requested"], f.cleaned_data["version"]
        ),
        "accept": lambda f: actions.accept_application(
            request.user,
            application,
            f.cleaned_data["region"],
            f.cleaned_data["ogp_code"],
            f.cleaned_data["first_plan_due"],
            f.cleaned_data["version"],
        ),
        "decline": lambda f: actions.decline_application(
            request.user, application, f.cleaned_data["reason"], f.cleaned_data["version"]
        ),
    }
    if run_forms(request, forms, handlers):
        return redirect(application)
    score = actions.eligibility_of(application.country.code) if reviewer else None
    context = {
        "application": application,
        "reviewer": reviewer,
        "score": score,
        "decided": application.status in (ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED),
        "applicant": request.user.pk == application.submitted_by_id,
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "members/joining/application.html", context)


@editor_page
def application_letter(request: HttpRequest, pk: int) -> FileResponse:
    application = get_object_or_404(JoiningApplication, pk=pk)
    check(request, "members.view_joiningapplication", application)
    return private_file(application.letter_of_intent, application.letter_content_type, "letter-of-intent")
