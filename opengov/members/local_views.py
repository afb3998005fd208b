"""OGP Local pages: calls (public, with statistics), the expression-of-interest form, the list of applications
(Support Unit and the selection committee, without the committee member's own country), and one application
(letters of support, scores, status, acceptance)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, F, Q
from django.forms import BaseForm
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opengov.accounts.signed_in import signed_in_user
from opengov.core.editing import add_action_errors, editor_page
from opengov.core.forms import initial_for

from . import joining_actions as actions
from .joining_forms import CallForm, ExpressionForm, LetterOfSupportForm, ScoreForm, StatusForm
from .joining_models import SCORE_FIELDS, EoiStatus, ExpressionOfInterest, LocalCall, Score
from .joining_rules import _committee_countries
from .joining_views import check, posted, private_file, run_forms


def call_statistics(call: LocalCall) -> dict[str, int]:
    """Public numbers of a call, in one query: expressions, shortlisted (asked for letters), finalists, members."""
    reached_shortlist = Q(status__in=[EoiStatus.SHORTLISTED, EoiStatus.FINALIST]) | Q(member__isnull=False)
    return call.expressions.aggregate(
        expressions=Count("pk"),
        shortlisted=Count("pk", filter=reached_shortlist),
        finalists=Count("pk", filter=Q(status=EoiStatus.FINALIST)),
        members=Count("pk", filter=Q(member__isnull=False)),
        not_selected=Count("pk", filter=Q(status=EoiStatus.NOT_SELECTED)),
        withdrawn=Count("pk", filter=Q(status=EoiStatus.WITHDRAWN)),
    )


def calls(request: HttpRequest) -> HttpResponse:
    rows = LocalCall.objects.annotate(
        expression_count=Count("expressions"),
        finalist_count=Count("expressions", filter=Q(expressions__status=EoiStatus.FINALIST)),
    )
    return render(request, "members/local/calls.html", {"rows": rows, "today": timezone.localdate(), "nav": "members"})


def call(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(LocalCall, slug=slug)
    new_members = call.expressions.filter(member__isnull=False).select_related("member", "country_member")
    return render(
        request,
        "members/local/call.html",
        {
            "call": call,
            "stats": call_statistics(call),
            "new_members": new_members,
            "is_open": call.is_open(timezone.localdate()),
            "can_apply": request.user.has_perm("members.add_expressionofinterest", call),
            "can_review": request.user.has_perm("members.view_committee_queue", call),
            "nav": "members",
        },
    )


@editor_page
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    existing = get_object_or_404(LocalCall, slug=slug) if slug else None
    check(request, "members.change_localcall" if existing else "members.add_localcall", existing)
    fields = ["title", "slug", "text", "opens_on", "closes_on", "places"]
    form = CallForm(request.POST or None, initial=initial_for(existing, fields) if existing else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_call(
                request.user, existing, {k: form.cleaned_data[k] for k in fields}, form.cleaned_data.get("version")
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect(saved)
    title = _("Change the call") if existing else _("Open a call for expressions of interest")
    return render(request, "members/form_page.html", {"form": form, "title": title, "back": "/ogp-local/calls/"})


@editor_page
@require_http_methods(["GET", "POST"])
def express_interest(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(LocalCall, slug=slug)
    check(request, "members.add_expressionofinterest", call)
    form = ExpressionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            expression = actions.submit_expression(request.user, call, form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Your expression of interest was received."))
            return redirect(expression)
    return render(
        request,
        "members/form_page.html",
        {"form": form, "title": _("Express interest: %(call)s") % {"call": call}, "back": call.get_absolute_url()},
    )


@editor_page
def applications(request: HttpRequest, slug: str) -> HttpResponse:
    """Support Unit: every application; committee members: all but their own country's (recusal)."""
    call = get_object_or_404(LocalCall, slug=slug)
    check(request, "members.view_committee_queue", call)
    rows = call.expressions.select_related("country_member", "member").annotate(
        score_count=Count("scores"),
        average=Avg(sum((F(f"scores__{name}") for name in SCORE_FIELDS[1:]), F(f"scores__{SCORE_FIELDS[0]}"))),
    )
    if not request.user.has_perm("members.decide_expressionofinterest"):
        rows = rows.exclude(country_member__country__in=_committee_countries(request.user, call.pk) or set())
    status = request.GET.get("status", "")
    if status in EoiStatus.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "members/local/applications.html",
        {
            "call": call,
            "rows": rows.order_by("-average", "jurisdiction"),
            "status": status,
            "statuses": EoiStatus.choices,
        },
    )


@editor_page
@require_http_methods(["GET", "POST"])
def expression(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    expression = get_object_or_404(
        ExpressionOfInterest.objects.select_related("call", "country_member", "member", "submitted_by"),
        pk=pk,
        call__slug=slug,
    )
    check(request, "members.view_expressionofinterest", expression)
    user = signed_in_user(request)
    my_score = Score.objects.filter(expression=expression, scorer=user).first()
    version = {"version": expression.version}
    forms: dict[str, BaseForm] = {
        "letter": LetterOfSupportForm(*posted(request, "letter"), prefix="letter"),
        "score": ScoreForm(*posted(request, "score")[:1], instance=my_score, prefix="score"),
        "status": StatusForm(*posted(request, "status")[:1], initial=version, prefix="status"),
        "accept": StatusForm(*posted(request, "accept")[:1], initial=version, prefix="accept"),
        "withdraw": StatusForm(*posted(request, "withdraw")[:1], initial=version, prefix="withdraw"),
    }
    for name in ("accept", "withdraw"):
        forms[name].fields["status"].required = False
    handlers: dict[str, Callable[[BaseForm], Any]] = {
        "letter": lambda f: actions.add_letter(
            user, expression, f.cleaned_data["kind"], f.cleaned_data["signatory"], f.cleaned_data["file"]
        ),
        "score": lambda f: actions.score(user, expression, {k: f.cleaned_data[k] for k in [*SCORE_FIELDS, "comment"]}),
        "status": lambda f: actions.set_status(user, expression, f.cleaned_data["status"], f.cleaned_data["version"]),
        "accept": lambda f: actions.accept_finalist(user, expression, f.cleaned_data["version"]),
        "withdraw": lambda f: actions.set_status(user, expression, EoiStatus.WITHDRAWN, f.cleaned_data["version"]),
    }
    if run_forms(request, forms, handlers):
        return redirect(expression)
    private = user.has_perm("members.view_private_expression", expression)
    context = {
        "e": expression,
        "call": expression.call,
        "private": private,
        "letters": expression.letters.all() if private else [],
        "missing_letters": actions.missing_letters(expression),
        "scores": expression.scores.select_related("scorer")
        if user.has_perm("members.decide_expressionofinterest")
        else [],
        "can": {
            "letter": user.has_perm("members.add_letterofsupport", expression),
            "score": user.has_perm("members.score_expressionofinterest", expression),
            "decide": user.has_perm("members.decide_expressionofinterest", expression),
            "withdraw": user.has_perm("members.withdraw_expressionofinterest", expression),
        },
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "members/local/expression.html", context)


@editor_page
def letter_file(request: HttpRequest, slug: str, pk: int, lid: int) -> FileResponse:
    expression = get_object_or_404(ExpressionOfInterest, pk=pk, call__slug=slug)
    check(request, "members.view_private_expression", expression)
    letter = get_object_or_404(expression.letters, pk=lid)
    return private_file(letter.file, letter.content_type, f"letter-of-support-{letter.pk}")
