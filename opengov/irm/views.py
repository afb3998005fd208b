"""IRM pages: public report pages with comments, letters, the researchers' workspace and assessment
forms, and the staff dashboard. Thin: parse input, call one action or query, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengov.accounts.predicates import is_irm_staff
from opengov.core.concurrency import EditConflict
from opengov.core.forms import initial_for
from opengov.plans.models import ActionPlan, Commitment
from opengov.plans.views.editing import save_merging

from . import actions
from . import workspace as workspace_queries
from .actions import ASSESSMENT_FIELDS
from .forms import AssessmentForm, CommentForm, DeclarationForm, ProcessForm
from .influence import PROCESS_FIELDS, report_findings
from .models import Assessment, Assignment, Finding, FindingStatus, Letter, Report
from .stars import STAR_2014_DEFINITION, STAR_CURRENT_DEFINITION
from .workflow import next_moves


def _visible_report(request: HttpRequest, pk: int) -> Report:
    """The report if the reader may see it; 404 otherwise (a draft's existence is not revealed)."""
    return get_object_or_404(Report.objects.visible_to(request.user).select_related("action_plan__member"), pk=pk)


def report(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_report(request, pk)
    form = CommentForm()
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                actions.add_comment(request.user, item, form.cleaned_data["text"])
            except PermissionDenied:
                return render(request, "irm/403.html", status=403)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your comment is published."))
                return redirect(item)
    by_commitment = {a.commitment_id: a for a in item.assessments.all()}
    # Every commitment of the plan, assessed or not, so a researcher sees what is left and where to assess it.
    commitments = Commitment.objects.filter(action_plan_id=item.action_plan_id).order_by("ogp_id")
    rows = [(commitment, by_commitment.get(commitment.pk)) for commitment in commitments]
    may_assess = request.user.has_perm("irm.add_assessment", item)
    context = {
        "report": item,
        "rows": rows,
        "assessed": len(by_commitment),
        "may_assess": may_assess,
        "moves": next_moves(item.state) if request.user.has_perm("irm.move_report", item) else [],
        "comments": item.comments.shown().select_related("author"),
        "form": form,
        "can_comment": request.user.has_perm("irm.comment_report", item),
        "can_assess_process": request.user.has_perm("irm.assess_process", item),
        "process_findings": report_findings(item),
        "star_definitions": (STAR_2014_DEFINITION, STAR_CURRENT_DEFINITION),
        "nav": "members",
    }
    return render(request, "irm/report.html", context)


def letter(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Letter.objects.select_related("member"), pk=pk)
    findings = item.findings.select_related("action_plan")
    return render(request, "irm/letter.html", {"letter": item, "findings": findings, "nav": "members"})


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """IRM staff: declarations to confirm, reports with their next moves, comments, what is overdue.
    Researchers: their assignments and the reports of their plans."""
    today = timezone.localdate()
    staff = is_irm_staff(request.user)
    page, rows = workspace_queries.reports_in_progress(request.user, today, request.GET.get("page"))
    overdue_count, overdue = workspace_queries.overdue(request.user, today)
    context = {
        "is_staff": staff,
        "today": today,
        "page": page,
        "rows": rows,
        "overdue": overdue,
        "overdue_count": overdue_count,
        "declarations": workspace_queries.pending_declarations() if staff else [],
        "comments": workspace_queries.recent_comments(request.user) if staff or rows else [],
        "assignments": workspace_queries.own_assignments(request.user),
        "nav": "irm",
    }
    return render(request, "irm/workspace.html", context)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """Back to the page the button was on (only a path on this site), else ``default``."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts=None) and target.startswith("/"):
        return redirect(target)
    return redirect(default)


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """One workflow move from a button (irm.actions.move_report checks the rule and the workflow)."""
    item = _visible_report(request, pk)
    try:
        actions.move_report(request.user, item, request.POST.get("state", ""), _version(request))
    except PermissionDenied:
        return render(request, "irm/403.html", status=403)
    except EditConflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        item.refresh_from_db()
        messages.success(
            request, _("%(name)s is now: %(state)s.") % {"name": item.name, "state": item.get_state_display()}
        )
    return _back(request, "irm:workspace")


@login_required
@require_POST
def decide_assignment(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """IRM staff assign a researcher who declared no conflict, or decline the declaration."""
    assignment = get_object_or_404(Assignment.objects.select_related("researcher", "action_plan__member"), pk=pk)
    try:
        if decision == "assign":
            actions.assign_researcher(request.user, assignment, _version(request))
            done = _("%(researcher)s is assigned to %(plan)s.")
        else:
            actions.end_assignment(request.user, assignment, request.POST.get("reason", "") or _("Declined"))
            done = _("The declaration of %(researcher)s for %(plan)s is declined.")
    except PermissionDenied:
        return render(request, "irm/403.html", status=403)
    except EditConflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        names = {"researcher": assignment.researcher.public_name, "plan": assignment.action_plan.name}
        messages.success(request, done % names)
    return _back(request, "irm:workspace")


@login_required
def declare(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("member"), ogp_id=ogp_id)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.declare_interests(
                request.user, plan, form.cleaned_data["conflict_of_interest"], form.cleaned_data["no_conflict"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your declaration is recorded. IRM staff will confirm your assignment."))
            return redirect("irm:workspace")
    return render(request, "irm/declare.html", {"plan": plan, "form": form, "nav": "irm"})


@login_required
def assess(request: HttpRequest, pk: int, ogp_id: str) -> HttpResponse:
    item = _visible_report(request, pk)
    commitment = get_object_or_404(Commitment, action_plan=item.action_plan, ogp_id=ogp_id)
    existing = Assessment.objects.filter(report=item, commitment=commitment).first()
    rule = "irm.change_assessment" if existing else "irm.add_assessment"
    if not request.user.has_perm(rule, existing or item):
        return render(request, "irm/403.html", status=403)
    instance = existing or Assessment(report=item, commitment=commitment)
    fields = list(ASSESSMENT_FIELDS)
    form = AssessmentForm(request.POST or None, instance=instance, initial=initial_for(instance, fields))
    conflict: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():

        def save(values: dict[str, Any], version: int | None) -> Assessment:
            return actions.save_assessment(request.user, item, commitment, values, version if existing else None)

        try:
            saved, form, conflict = save_merging(request, form, fields, save, instance=instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if saved is not None:
                messages.success(request, _("The assessment of %(id)s is saved.") % {"id": commitment.ogp_id})
                return redirect(item)
    context = {"report": item, "commitment": commitment, "form": form, "nav": "irm", **conflict}
    return render(request, "irm/assess.html", context)


@login_required
def process(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's process findings: public influence (IAP2), open participation, the forum."""
    item = _visible_report(request, pk)
    if not request.user.has_perm("irm.assess_process", item):
        return render(request, "irm/403.html", status=403)
    fields = list(PROCESS_FIELDS)
    form = ProcessForm(request.POST or None, instance=item, initial=initial_for(item, fields))
    conflict: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        try:
            saved, form, conflict = save_merging(
                request,
                form,
                fields,
                lambda values, version: actions.assess_process(request.user, item, values, version),
                instance=item,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if saved is not None:
                messages.success(request, _("The public influence findings are saved."))
                return redirect(item)
    return render(request, "irm/process.html", {"report": item, "form": form, "nav": "irm", **conflict})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("irm.view_dashboard"):
        return render(request, "irm/403.html", status=403)
    today = timezone.localdate()
    reports = Report.objects.for_list().order_by("due_date")
    at_risk = (
        Finding.objects.open()
        .select_related("member", "action_plan", "report", "letter")
        .order_by("member__name", "cycle")
    )
    context: dict[str, Any] = {
        "today": today,
        "overdue": reports.overdue(today),
        "due_soon": reports.due_within(today, 90),
        "findings": at_risk,
        "recorded": at_risk.filter(status=FindingStatus.RECORDED).count(),
        "letters": Letter.objects.select_related("member")[:50],
        "nav": "irm",
    }
    return render(request, "irm/dashboard.html", context)
