"""Government editors' pages: action plans, commitments, milestones and progress updates.

Views only fetch through the access helpers below, parse a form and call one action from plans/actions.py,
which checks the rule again, validates, writes and records history. Permissions are asked of the rules
(``user.has_perm``), never decided here. Every edit form carries the version it was loaded with; when an
action raises EditConflict the page comes back with the user's input kept, the other person's values shown
beside it and the new version in the form, so a deliberate second save goes through.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opengov.accounts.predicates import is_support_unit, roles_of
from opengov.core.concurrency import EditConflict, Merge, current_values, fingerprint, plain, three_way_merge
from opengov.core.dates import day, moment
from opengov.core.editing import add_action_errors, editor_page
from opengov.core.forms import VersionedForm, changes_from, fingerprints, initial_for
from opengov.core.queries import model_field
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
    evidence_pairs,
)
from ..models import ActionPlan, Commitment, CommitmentStatus, Milestone
from ..phases import PHASES, Phase, PhaseRules

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")
F = TypeVar("F", bound=VersionedForm)


class Difference(TypedDict):
    """A field both editors changed: the other person's saved value beside the editor's input."""

    label: StrOrPromise | None
    theirs: str
    yours: str
    id: str


class Conflict(TypedDict):
    """What the conflict panel shows (templates/plans/edit/includes/conflict.html and conflict_for)."""

    message: str
    who: str
    when: str
    differences: dict[str, Difference]


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
    request: HttpRequest,
    ogp_id: str,
    perm: str = "plans.change_commitment",
    queryset: QuerySet[Commitment] | None = None,
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
        return day(value)
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


# A merged save can meet yet another concurrent save; after this many rounds the page shows the conflict instead.
MERGE_ROUNDS = 3


def save_merging(
    request: HttpRequest,
    form: F,
    fields: list[str],
    save: Callable[[dict[str, Any], int | None], T],
    **form_kwargs: Any,
) -> tuple[T | None, F, dict[str, Any]]:
    """Save the form's values of ``fields`` with ``save(values, expected_version)``; nothing is lost either way.

    When someone saved in between (EditConflict), the values are merged field by field against what the
    editor loaded (core.concurrency.three_way_merge): a field only one side changed takes that side's value
    and the merged values are saved at once. Only fields both changed to different values refuse the save:
    the form comes back merged, the user's input in those fields with the other person's value beside each,
    and the new version, so a deliberate second save goes through. Returns (what ``save`` returned or None,
    the form to show, context for the page).
    """
    values = {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
    base = form.loaded_fingerprints()
    version = form.cleaned_data.get("version")
    for round_ in range(MERGE_ROUNDS):
        try:
            return save(values, version), form, {}
        except EditConflict as exc:
            current = current_values(exc.current, list(values))
            merge = three_way_merge(base, current, values)
            if merge.conflicts or round_ == MERGE_ROUNDS - 1:
                return None, *_conflict_form(request, exc, form, merge, current, form_kwargs)
            values, version = merge.values, exc.current.version
            base = {name: fingerprint(value) for name, value in current.items()}
        except ValidationError as exc:
            if not round_:
                raise
            # The merged values together break a rule (dates from one side, years from the other): show the
            # merged form with the error, carrying the new version, so the user fixes it and saves.
            new_form = _refilled_form(request, form, values, current, version, form_kwargs)
            add_action_errors(new_form, exc)
            return None, new_form, {}
    raise AssertionError("unreachable")  # pragma: no cover


def _refilled_form(
    request: HttpRequest,
    form: F,
    values: dict[str, Any],
    current: dict[str, Any],
    version: int | None,
    form_kwargs: dict[str, Any],
) -> F:
    """The form again with ``values`` filled in, the new version and the saved values as the new base."""
    data = request.POST.copy()
    for name, value in values.items():
        _form_value(data, form[name].html_name, value)
    data["version"] = str(version)
    data["loaded"] = fingerprints(current)
    new_form = type(form)(data, **form_kwargs)
    new_form.is_valid()  # the input was valid a moment ago; this fills cleaned_data for the template
    return new_form


def _conflict_form(
    request: HttpRequest,
    exc: EditConflict[Any],
    form: F,
    merge: Merge,
    current: dict[str, Any],
    form_kwargs: dict[str, Any],
) -> tuple[F, dict[str, Any]]:
    new_form = _refilled_form(request, form, merge.values, current, exc.current.version, form_kwargs)
    differences: dict[str, Difference] = {}
    for name in merge.conflicts:
        theirs, yours = current[name], merge.values[name]
        db_field = model_field(exc.current, name)
        if db_field.choices:
            choices = dict(db_field.flatchoices)
            theirs, yours = choices.get(theirs, theirs), choices.get(yours, yours)
        differences[name] = {
            "label": form.fields[name].label,
            "theirs": _display(theirs),
            "yours": _display(yours),
            "id": form[name].id_for_label or form[name].auto_id,
        }
    return new_form, conflict_context(exc, differences)


def conflict_context(exc: EditConflict[Any], differences: dict[str, Difference] | None = None) -> dict[str, Conflict]:
    """What the conflict panel says: who saved meanwhile, when, and the fields both changed."""
    who = str(exc.changed_by) if exc.changed_by else _("Someone else")
    when = moment(exc.changed_at) if exc.changed_at else ""
    message = _(
        "%(who)s saved a change to this page after you opened it, so your changes have not been saved yet. "
        "Nothing is lost: your input is still in the form, and the fields only %(who)s changed now show their "
        "values. Where you both changed the same field, their value is shown beside yours. Check, then save again."
    ) % {"who": who}
    return {"conflict": {"message": message, "who": who, "when": when, "differences": differences or {}}}


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
            changed, form, conflict = save_merging(
                request,
                form,
                ACTION_PLAN_FIELDS,
                lambda values, version: actions.update_action_plan(request.user, plan, values, version),
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if changed is not None:
                _saved_message(request, changed, _("The action plan was saved."))
                return redirect("plans:action-plan", ogp_id=plan.ogp_id)
            context.update(conflict)
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
            context.update(conflict_context(exc))
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

        def save(values: dict[str, Any], version: int | None) -> list[str]:
            changes = {name: values[name] for name in COMMITMENT_CHANGE_FIELDS if name in values}
            return actions.update_commitment(
                request.user, commitment, changes, version, policy_areas=values["policy_areas"]
            )

        try:
            changed, form, conflict = save_merging(
                request, form, COMMITMENT_FIELDS, save, plan=plan, commitment=commitment
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if changed is not None:
                _saved_message(request, changed, _("The commitment %(id)s was saved.") % {"id": commitment.ogp_id})
                return redirect("plans:commitment", ogp_id=commitment.ogp_id)
            context.update(conflict)
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
            form = WithdrawForm({"reason": form.cleaned_data["reason"], "version": exc.current.version})
            context.update(conflict_context(exc))
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
            changed, form, conflict = save_merging(
                request,
                form,
                MILESTONE_FIELDS,
                lambda values, version: actions.update_milestone(request.user, milestone, values, version),
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if changed is not None:
                _saved_message(request, changed, _("The milestone was saved."))
                return redirect("plans:commitment", ogp_id=commitment.ogp_id)
            context.update(conflict)
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
