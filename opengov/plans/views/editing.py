"""Government editors' pages: action plans, commitments, milestones and progress updates.

Views only fetch through the access helpers below, parse a form and call one action from plans/actions.py,
which checks the rule again, validates, writes and records history. Permissions are asked of the rules
(``user.has_perm``), never decided here. Every edit form carries the version it was loaded with; when an
action raises EditConflict the page comes back with the user's input kept, the other person's values shown
beside it and the new version in the form, so a deliberate second save goes through.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opengov.accounts.predicates import is_support_unit, roles_of
from opengov.core.concurrency import EditConflict
from opengov.core.editing import add_action_errors, editor_page  # noqa: F401  (re-exported)
from opengov.members.models import Member

from .. import actions
from ..forms import (
    ACTION_PLAN_FIELDS,
    COMMITMENT_CHANGE_FIELDS,
    COMMITMENT_FIELDS,
    MILESTONE_FIELDS,
    PROGRESS_FIELDS,
    ActionPlanForm,
    CommitmentForm,
    EvidenceLinkFormSet,
    MilestoneForm,
    PhaseForm,
    ProgressUpdateForm,
    WithdrawForm,
    changes_from,
    evidence_pairs,
    fingerprint,
    fingerprints,
    initial_for,
    plain,
)
from ..models import ActionPlan, Commitment, CommitmentStatus, Milestone
from ..phases import PHASES, Phase, PhaseRules

# ------------------------------------------------------------------------------------------------ phase wording

# Why each phase exists, for the phase page and the workspace. What a phase allows is read from PHASES.
PHASE_PURPOSE = {
    Phase.CO_CREATION: gettext_lazy("The plan is being drafted together with civil society."),
    Phase.SUBMITTED: gettext_lazy("The plan has been delivered to OGP; its text is what the IRM reviews."),
    Phase.IMPLEMENTATION: gettext_lazy("The government carries out the commitments and reports on them."),
    Phase.ENDED: gettext_lazy("The implementation period is over and the record is closed."),
}


def phase_allowances(phase_rules: PhaseRules) -> list[tuple[bool, str]]:
    """(allowed, what) for each thing a government editor may or may not do in a phase."""
    return [
        (phase_rules.edit_plan, _("change the plan's dates and document")),
        (phase_rules.edit_commitments, _("add commitments and change their text")),
        (phase_rules.edit_milestones, _("add and update milestones, withdraw commitments")),
        (phase_rules.report_progress, _("report progress with evidence")),
    ]


def describe_phase(phase: str) -> dict[str, Any]:
    phase = Phase(phase)
    return {
        "value": phase.value,
        "label": phase.label,
        "purpose": PHASE_PURPOSE[phase],
        "allowances": phase_allowances(PHASES[phase]),
    }


# ------------------------------------------------------------------------------------------------ access helpers


def _refuse(request: HttpRequest, member: Member, what: str) -> PermissionDenied:
    """A PermissionDenied whose message tells the user why, so the 403 page can help."""
    if request.user.is_authenticated and member.pk in roles_of(request.user).government_members:
        return PermissionDenied(
            _("The phase of this action plan does not allow you to %(what)s. Ask the Support Unit if it must change.")
            % {"what": what}
        )
    return PermissionDenied(
        _("You do not edit for %(member)s, so you cannot %(what)s.") % {"member": member, "what": what}
    )


def get_member_for_editing(request: HttpRequest, slug: str) -> Member:
    member = get_object_or_404(Member, slug=slug)
    if not request.user.has_perm("plans.add_actionplan", member):
        raise _refuse(request, member, _("create action plans for this member"))
    return member


def get_plan_for_editing(request: HttpRequest, ogp_id: str, perm: str = "plans.change_actionplan") -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("member"), ogp_id=ogp_id)
    if not request.user.has_perm(perm, plan):
        raise _refuse(request, plan.member, _("make this change to the action plan"))
    return plan


def get_commitment_for_editing(
    request: HttpRequest, ogp_id: str, perm: str = "plans.change_commitment", queryset: QuerySet | None = None
) -> Commitment:
    queryset = queryset if queryset is not None else Commitment.objects.all()
    commitment = get_object_or_404(queryset.select_related("action_plan__member"), ogp_id=ogp_id)
    if not request.user.has_perm(perm, commitment):
        raise _refuse(request, commitment.action_plan.member, _("make this change to the commitment"))
    return commitment


def get_milestone_for_editing(request: HttpRequest, pk: int) -> Milestone:
    milestone = get_object_or_404(Milestone.objects.select_related("commitment__action_plan__member"), pk=pk)
    if not request.user.has_perm("plans.change_milestone", milestone):
        raise _refuse(request, milestone.commitment.action_plan.member, _("change this milestone"))
    return milestone


# ------------------------------------------------------------------------------------------ errors and conflicts


def _display(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list | tuple | set | QuerySet):
        return ", ".join(sorted(str(v) for v in value)) or _("(none)")
    return str(value)


def _form_value(data: Any, key: str, value: Any) -> None:
    """Write a model value into submitted form data the way a browser would have sent it."""
    if isinstance(value, list):
        data.setlist(key, [str(v.pk) for v in value])
    elif isinstance(value, bool):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    else:
        data[key] = plain(value)


def resolve_conflict(
    request: HttpRequest, exc: EditConflict, form: BaseForm, fields: list[str], **form_kwargs: Any
) -> tuple[BaseForm, dict[str, Any]]:
    """After a refused save: the form to show again and what to tell the user. Nothing is lost either way.

    For each field the other person changed: if the user changed it too, their input stays and the other
    person's value is shown beside it; if the user had left it as loaded, the form takes the other person's
    value (and says so), so that saving again does not silently undo their change. Fields only the user
    changed keep the user's input. Without fingerprints (an old page), every difference counts as both. The form carries
    the new version, so a deliberate second save goes through.
    """
    current = exc.current
    loaded = form.loaded_fingerprints()
    data = request.POST.copy()
    differences: dict[str, dict[str, Any]] = {}
    now: dict[str, Any] = {}
    for name in fields:
        if name not in form.cleaned_data:
            continue
        model_field = current._meta.get_field(name)
        theirs = list(getattr(current, name).all()) if model_field.many_to_many else getattr(current, name)
        now[name] = theirs
        yours = form.cleaned_data[name]
        if fingerprint(theirs) in (fingerprint(yours), loaded.get(name)):
            continue  # the same value, or only this user changed the field: their input stands
        kept = loaded.get(name) != fingerprint(yours)  # the user changed this field
        if not kept:
            _form_value(data, form[name].html_name, theirs)
        if model_field.choices:
            choices = dict(model_field.flatchoices)
            theirs, yours = choices.get(theirs, theirs), choices.get(yours, yours)
        differences[name] = {
            "label": form.fields[name].label,
            "theirs": _display(theirs),
            "yours": _display(yours),
            "id": form[name].id_for_label or form[name].auto_id,
            "kept": kept,
        }
    data["version"] = str(current.version)
    data["loaded"] = fingerprints(now) if loaded else ""
    new_form = type(form)(data, **form_kwargs)
    new_form.is_valid()  # the input was valid a moment ago; this fills cleaned_data for the template

    who = str(exc.changed_by) if exc.changed_by else _("Someone else")
    when = formats.date_format(timezone.localtime(exc.changed_at), "DATETIME_FORMAT") if exc.changed_at else ""
    message = _(
        "%(who)s saved a change to this page after you opened it, so your changes have not been saved yet. "
        "Nothing is lost: your input is still in the form. Where you and %(who)s changed the same field, their "
        "value is shown beside yours; fields you had not touched now show their value. Check, then save again."
    ) % {"who": who}
    conflict = {
        "message": message,
        "who": who,
        "when": when,
        "differences": differences,
        "kept": [d for d in differences.values() if d["kept"]],
        "taken": [d for d in differences.values() if not d["kept"]],
    }
    return new_form, {"conflict": conflict}


# ------------------------------------------------------------------------------------------------------ workspace


MEMBERS_PER_PAGE = 20


@editor_page
def manage(request: HttpRequest) -> HttpResponse:
    """The editor's members, each with its plans, what their phase allows now and links to act."""
    commitments = Commitment.objects.order_by("ogp_id").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("position", "pk"))
    )
    plans = ActionPlan.objects.order_by("-number").prefetch_related(Prefetch("commitments", queryset=commitments))
    members = Member.objects.order_by("name").prefetch_related(Prefetch("action_plans", queryset=plans))
    query = ""
    support_unit = is_support_unit(request.user)
    if support_unit:
        query = request.GET.get("q", "").strip()[:100]
        members = members.search(query)
    else:
        members = members.filter(pk__in=roles_of(request.user).government_members)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/edit/manage.html",
        {
            "page": page,
            "query": query,
            "support_unit": support_unit,
            "phases": {phase.value: describe_phase(phase) for phase in Phase},
            "nav": "account",
        },
    )


# --------------------------------------------------------------------------------------------------- action plans


@editor_page
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_member_for_editing(request, slug)
    form = ActionPlanForm(_posted(request), initial={"duration_years": 2})
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.create_action_plan(request.user, member, changes_from(form, ACTION_PLAN_FIELDS))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The action plan %(plan)s was created.") % {"plan": plan.name})
            return redirect("plans:action-plan", ogp_id=plan.ogp_id)
    return render(request, "plans/edit/plan_form.html", {"form": form, "member": member, "plan": None})


@editor_page
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_plan_for_editing(request, ogp_id)
    form = ActionPlanForm(_posted(request), initial=initial_for(plan, ACTION_PLAN_FIELDS))
    context: dict[str, Any] = {"member": plan.member, "plan": plan}
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_action_plan(
                request.user, plan, changes_from(form, ACTION_PLAN_FIELDS), form.cleaned_data["version"]
            )
        except EditConflict as exc:
            form, conflict = resolve_conflict(request, exc, form, ACTION_PLAN_FIELDS)
            context.update(conflict)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            _saved_message(request, changed, _("The action plan was saved."))
            return redirect("plans:action-plan", ogp_id=plan.ogp_id)
    return render(request, "plans/edit/plan_form.html", {**context, "form": form})


@editor_page
@require_http_methods(["GET", "POST"])
def plan_phase(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_plan_for_editing(request, ogp_id, perm="plans.change_phase")
    context: dict[str, Any] = {}
    form = PhaseForm(_posted(request), initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.change_phase(request.user, plan, form.cleaned_data["phase"], form.cleaned_data["version"])
        except EditConflict as exc:
            # Nothing to merge in a phase change: show the plan as it is now and let the user choose again.
            context.update(resolve_conflict(request, exc, form, [])[1])
            plan = exc.current
            form = PhaseForm(initial={"version": plan.version})
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                _("The action plan is now in the %(phase)s phase.") % {"phase": plan.get_phase_display()},
            )
            return redirect("plans:action-plan", ogp_id=plan.ogp_id)
    return render(
        request,
        "plans/edit/plan_phase.html",
        {
            **context,
            "plan": plan,
            "form": form,
            "current": describe_phase(plan.phase),
            "next_phases": [describe_phase(p) for p in plan.phase_rules.next_phases],
        },
    )


# ---------------------------------------------------------------------------------------------------- commitments


@editor_page
@require_http_methods(["GET", "POST"])
def commitment_create(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_plan_for_editing(request, ogp_id, perm="plans.add_commitment")
    form = CommitmentForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        fields = changes_from(form, COMMITMENT_CHANGE_FIELDS)
        try:
            commitment = actions.create_commitment(request.user, plan, fields, form.cleaned_data["policy_areas"])
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The commitment %(id)s was added.") % {"id": commitment.ogp_id})
            return redirect("plans:commitment", ogp_id=commitment.ogp_id)
    return render(request, "plans/edit/commitment_form.html", {"form": form, "plan": plan, "commitment": None})


@editor_page
@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, ogp_id: str) -> HttpResponse:
    commitment = get_commitment_for_editing(
        request,
        ogp_id,
        queryset=Commitment.objects.prefetch_related(
            "policy_areas", Prefetch("milestones", queryset=Milestone.objects.order_by("position", "pk"))
        ),
    )
    plan = commitment.action_plan
    form = CommitmentForm(
        _posted(request), plan=plan, commitment=commitment, initial=initial_for(commitment, COMMITMENT_FIELDS)
    )
    context: dict[str, Any] = {"plan": plan, "commitment": commitment}
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_commitment(
                request.user,
                commitment,
                changes_from(form, COMMITMENT_CHANGE_FIELDS),
                form.cleaned_data["version"],
                policy_areas=form.cleaned_data["policy_areas"],
            )
        except EditConflict as exc:
            form, conflict = resolve_conflict(request, exc, form, COMMITMENT_FIELDS, plan=plan, commitment=commitment)
            context.update(conflict)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            _saved_message(request, changed, _("The commitment %(id)s was saved.") % {"id": commitment.ogp_id})
            return redirect("plans:commitment", ogp_id=commitment.ogp_id)
    return render(request, "plans/edit/commitment_form.html", {**context, "form": form})


@editor_page
@require_http_methods(["GET", "POST"])
def commitment_withdraw(request: HttpRequest, ogp_id: str) -> HttpResponse:
    commitment = get_commitment_for_editing(request, ogp_id, perm="plans.withdraw_commitment")
    context: dict[str, Any] = {"commitment": commitment, "plan": commitment.action_plan}
    if commitment.status == CommitmentStatus.WITHDRAWN:
        return render(request, "plans/edit/withdraw.html", {**context, "already_withdrawn": True})
    form = WithdrawForm(_posted(request), initial={"version": commitment.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.withdraw_commitment(
                request.user, commitment, form.cleaned_data["reason"], form.cleaned_data["version"]
            )
        except EditConflict as exc:
            # The reason is kept; the user sees who changed the commitment and decides again.
            form, conflict = resolve_conflict(request, exc, form, [])
            context.update(conflict)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The commitment %(id)s was withdrawn.") % {"id": commitment.ogp_id})
            return redirect("plans:commitment", ogp_id=commitment.ogp_id)
    return render(request, "plans/edit/withdraw.html", {**context, "form": form})


# ----------------------------------------------------------------------------------------------------- milestones


@editor_page
@require_http_methods(["GET", "POST"])
def milestone_create(request: HttpRequest, ogp_id: str) -> HttpResponse:
    commitment = get_commitment_for_editing(request, ogp_id, perm="plans.add_milestone")
    form = MilestoneForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_milestone(request.user, commitment, changes_from(form, MILESTONE_FIELDS))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The milestone was added to %(id)s.") % {"id": commitment.ogp_id})
            return redirect("plans:commitment", ogp_id=commitment.ogp_id)
    context = {"form": form, "commitment": commitment, "plan": commitment.action_plan, "milestone": None}
    return render(request, "plans/edit/milestone_form.html", context)


@editor_page
@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_milestone_for_editing(request, pk)
    commitment = milestone.commitment
    form = MilestoneForm(_posted(request), initial=initial_for(milestone, MILESTONE_FIELDS))
    context: dict[str, Any] = {"commitment": commitment, "plan": commitment.action_plan, "milestone": milestone}
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_milestone(
                request.user, milestone, changes_from(form, MILESTONE_FIELDS), form.cleaned_data["version"]
            )
        except EditConflict as exc:
            form, conflict = resolve_conflict(request, exc, form, MILESTONE_FIELDS)
            context.update(conflict)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            _saved_message(request, changed, _("The milestone was saved."))
            return redirect("plans:commitment", ogp_id=commitment.ogp_id)
    return render(request, "plans/edit/milestone_form.html", {**context, "form": form})


# ----------------------------------------------------------------------------------------------- progress updates


@editor_page
@require_http_methods(["GET", "POST"])
def progress_create(request: HttpRequest, ogp_id: str) -> HttpResponse:
    commitment = get_commitment_for_editing(request, ogp_id, perm="plans.add_progressupdate")
    data = _posted(request)
    form = ProgressUpdateForm(data, commitment=commitment, initial={"reported_on": timezone.localdate()})
    evidence = EvidenceLinkFormSet(data, prefix="evidence")
    if request.method == "POST" and form.is_valid() and evidence.is_valid():
        try:
            actions.create_progress_update(
                request.user, commitment, changes_from(form, PROGRESS_FIELDS), evidence_pairs(evidence)
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your progress report on %(id)s was published.") % {"id": commitment.ogp_id})
            return redirect("plans:commitment", ogp_id=commitment.ogp_id)
    context = {"form": form, "evidence": evidence, "commitment": commitment, "plan": commitment.action_plan}
    return render(request, "plans/edit/progress_form.html", context)


def _posted(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty, so an empty form shows its errors), else None."""
    return request.POST if request.method == "POST" else None


def _saved_message(request: HttpRequest, changed: list[str], saved: str) -> None:
    if changed:
        messages.success(request, saved)
    else:
        messages.info(request, _("Nothing had changed, so nothing was saved."))


urlpatterns = [
    path("manage/", manage, name="manage"),
    path("manage/members/<slug:slug>/action-plans/new/", plan_create, name="plan-create"),
    path("manage/action-plans/<str:ogp_id>/", plan_edit, name="plan-edit"),
    path("manage/action-plans/<str:ogp_id>/phase/", plan_phase, name="plan-phase"),
    path("manage/action-plans/<str:ogp_id>/commitments/new/", commitment_create, name="commitment-create"),
    path("manage/commitments/<str:ogp_id>/", commitment_edit, name="commitment-edit"),
    path("manage/commitments/<str:ogp_id>/withdraw/", commitment_withdraw, name="commitment-withdraw"),
    path("manage/commitments/<str:ogp_id>/milestones/new/", milestone_create, name="milestone-create"),
    path("manage/milestones/<int:pk>/", milestone_edit, name="milestone-edit"),
    path("manage/commitments/<str:ogp_id>/progress/new/", progress_create, name="progress-create"),
]
