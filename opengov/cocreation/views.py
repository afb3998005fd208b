"""Co-creation pages: forum, repository, consultations with contributions and answers, the standards checklist.

Thin: each view fetches through an access helper, parses a form and calls one action (cocreation/actions.py),
which checks the rule again. Every page works without JavaScript; POST forms carry the CSRF token.
"""

from __future__ import annotations

import datetime
from typing import Any, TypedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opengov.accounts.predicates import roles_of
from opengov.core.editing import add_action_errors, editor_page
from opengov.core.forms import initial_for
from opengov.core.ratelimit import RateLimited
from opengov.members.models import Member
from opengov.plans.models import ActionPlan, Commitment
from opengov.plans.views.editing import save_merging

from . import actions, standards
from .forms import (
    FORUM_FIELDS,
    MEETING_FIELDS,
    RESPONSE_FIELDS,
    ConsultationForm,
    ContributionForm,
    DocumentForm,
    ForumForm,
    MeetingForm,
    MonitoringNoteForm,
    OverrideForm,
    ReasonForm,
    ResponseForm,
    SeatForm,
    StandardRecordForm,
)
from .models import (
    SIX_MONTHS,
    Consultation,
    Contribution,
    Document,
    DocumentKind,
    Forum,
    ForumSeat,
    Meeting,
    Response,
    Sector,
    Support,
)

CONTRIBUTIONS_PER_PAGE = 25


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _check(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


# ---------------------------------------------------------------------------------------------------------- forum


def forum(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(Member, slug=slug)
    forum = Forum.objects.filter(member=member).first()
    today = timezone.localdate()
    context: dict[str, Any] = {"member": member, "forum": forum}
    if forum is not None:
        seats = list(forum.seats.current(today))
        meetings = list(forum.meetings.select_related("action_plan__member"))
        dates = [m.held_on for m in meetings]
        status, gap = standards.regularity(dates, _recent_window_start(dates, today), today)
        context.update(
            seats=seats,
            parity={sector: sum(1 for s in seats if s.sector == sector) for sector in Sector.values},
            sectors=Sector.choices,
            meetings=meetings,
            cadence_status=status,
            cadence_gap=gap,
            last_meeting=meetings[0].held_on if meetings else None,
        )
    return render(request, "cocreation/forum.html", context)


def _recent_window_start(dates: list[datetime.date], today: datetime.date) -> datetime.date:
    """The regularity shown on forum and repository pages: the last twelve months, or since the first date when
    that is more recent (a new forum is not faulted for the months before it existed). The plan's checklist
    uses the plan's co-creation window instead (standards.py)."""
    return max([today - SIX_MONTHS * 2, *([min(dates)] if dates else [])])


def meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.select_related("forum__member", "action_plan__member"), pk=pk, forum__member__slug=slug
    )
    return render(request, "cocreation/meeting.html", {"meeting": meeting, "member": meeting.forum.member})


@editor_page
@require_http_methods(["GET", "POST"])
def forum_edit(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(Member, slug=slug)
    _check(request, "cocreation.change_forum", member)
    forum = Forum.objects.filter(member=member).first()
    initial = initial_for(forum, FORUM_FIELDS) if forum else {"name": _("%(member)s OGP forum") % {"member": member}}
    form = ForumForm(_posted(request), initial=initial, instance=None)
    context: dict[str, Any] = {"member": member, "title": _("The multi-stakeholder forum")}
    if request.method == "POST" and form.is_valid():
        try:
            saved, form, conflict = save_merging(
                request,
                form,
                FORUM_FIELDS,
                lambda values, version: actions.save_forum(request.user, member, values, version),
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if saved is not None:
                messages.success(request, _("The forum was saved."))
                return redirect("cocreation:forum", slug=slug)
            context.update(conflict)
    return render(
        request,
        "cocreation/form.html",
        {**context, "form": form, "back": reverse("cocreation:forum", kwargs={"slug": slug})},
    )


@editor_page
@require_http_methods(["GET", "POST"])
def seat_add(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_or_404(Forum.objects.select_related("member"), member__slug=slug)
    _check(request, "cocreation.change_forum", forum)
    form = SeatForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_seat(request.user, forum, form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The forum member was added."))
            return redirect("cocreation:forum", slug=slug)
    context = {"member": forum.member, "form": form, "title": _("Add a forum member"), "back": forum.get_absolute_url()}
    return render(request, "cocreation/form.html", context)


@editor_page
@require_POST
def seat_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    seat = get_object_or_404(ForumSeat.objects.select_related("forum__member"), pk=pk, forum__member__slug=slug)
    actions.end_seat(request.user, seat, timezone.localdate())
    messages.success(request, _("%(name)s has left the forum; the seat stays on record.") % {"name": seat.name})
    return redirect("cocreation:forum", slug=slug)


@editor_page
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    forum = get_object_or_404(Forum.objects.select_related("member"), member__slug=slug)
    meeting = get_object_or_404(Meeting, pk=pk, forum=forum) if pk else None
    _check(request, "cocreation.change_meeting" if meeting else "cocreation.add_meeting", meeting or forum)
    initial = initial_for(meeting, MEETING_FIELDS) if meeting else {"held_on": timezone.localdate()}
    form = MeetingForm(_posted(request), initial=initial, member_id=forum.member_id)
    context: dict[str, Any] = {
        "member": forum.member,
        "title": _("Edit the meeting") if meeting else _("Record a meeting"),
        "back": meeting.get_absolute_url() if meeting else forum.get_absolute_url(),
    }
    if request.method == "POST" and form.is_valid():

        def save(values: dict[str, Any], version: int | None) -> Meeting:
            if meeting:
                actions.update_meeting(request.user, meeting, values, version)
                return meeting
            return actions.create_meeting(request.user, forum, values)

        try:
            saved, form, conflict = save_merging(request, form, MEETING_FIELDS, save, member_id=forum.member_id)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if saved is not None:
                messages.success(request, _("The meeting was saved."))
                return redirect(saved.get_absolute_url())
            context.update(conflict)
    return render(request, "cocreation/form.html", {**context, "form": form})


# ----------------------------------------------------------------------------------------------------- repository


def repository(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(Member, slug=slug)
    documents = member.cocreation_documents.for_list()
    kind = request.GET.get("type", "")
    if kind in DocumentKind.values:
        documents = documents.filter(kind=kind)
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    dates = list(member.cocreation_documents.values_list("published_on", flat=True))
    status, gap = standards.regularity(dates, _recent_window_start(dates, today), today)
    context = {
        "member": member,
        "page": page,
        "kinds": DocumentKind.choices,
        "kind": kind,
        "last_updated": member.cocreation_documents.aggregate(last=Max("published_on"))["last"],
        "regularity_status": status,
        "regularity_gap": gap,
    }
    return render(request, "cocreation/repository.html", context)


def document_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """Serve an uploaded file: its checked type, never sniffed; anything but an image as a download."""
    document = get_object_or_404(Document, pk=pk, member__slug=slug)
    if not document.file:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type or "application/octet-stream",
        as_attachment=not document.is_image,
        filename=(document.file.name or "").rsplit("/", 1)[-1].split("-", 1)[-1],  # a file has a name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@editor_page
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(Member, slug=slug)
    _check(request, "cocreation.add_document", member)
    form = DocumentForm(_posted(request), request.FILES or None, member_id=member.pk)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "upload"}
        try:
            actions.add_document(request.user, member, fields, form.cleaned_data.get("upload"))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The document was published in the repository."))
            return redirect("cocreation:repository", slug=slug)
    context = {
        "member": member,
        "form": form,
        "title": _("Publish a document"),
        "multipart": True,
        "back": reverse("cocreation:repository", kwargs={"slug": slug}),
    }
    return render(request, "cocreation/form.html", context)


# -------------------------------------------------------------------------------------------------- consultations


def member_consultations(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(Member, slug=slug)
    consultations = Consultation.objects.for_list().filter(action_plan__member=member)
    plans = member.action_plans.order_by("-number") if request.user.is_authenticated else []
    can_open = [p for p in plans if request.user.has_perm("cocreation.add_consultation", p)]
    context = {"member": member, "consultations": consultations, "plans_to_consult": can_open}
    return render(request, "cocreation/consultations.html", context)


@editor_page
@require_http_methods(["GET", "POST"])
def consultation_add(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("member"), ogp_id=ogp_id)
    _check(request, "cocreation.add_consultation", plan)
    form = ConsultationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            consultation = actions.create_consultation(request.user, plan, dict(form.cleaned_data))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The consultation and its timeline were published."))
            return redirect(consultation.get_absolute_url())
    context = {
        "member": plan.member,
        "form": form,
        "title": _("Open a consultation on %(plan)s") % {"plan": plan.name},
        "back": reverse("cocreation:consultations", kwargs={"slug": plan.member.slug}),
    }
    return render(request, "cocreation/form.html", context)


def get_consultation(pk: int) -> Consultation:
    return get_object_or_404(Consultation.objects.select_related("action_plan__member"), pk=pk)


def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """The consultation with a page of contributions, each with its support count and the government's answer.

    A fixed number of queries whatever the number of contributions: the page is one joined query, supports are
    a counter column, and which of them the reader supports is one query over the page's ids.
    """
    consultation = get_consultation(pk)
    contributions = Contribution.objects.for_list().filter(consultation=consultation)
    moderator = request.user.has_perm("cocreation.moderate_contribution", None)
    page = Paginator(contributions, CONTRIBUTIONS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    supported: set[int] = set()
    if request.user.is_authenticated and rows:
        supported = set(
            Support.objects.filter(user=request.user, contribution__in=[c.pk for c in rows]).values_list(
                "contribution_id", flat=True
            )
        )
    for row in rows:
        row.consultation = consultation  # the rules read the plan through it: no query per row
    form = None
    if request.user.has_perm("cocreation.contribute", consultation):
        form = ContributionForm(consultation=consultation, organisations=roles_of(request.user).organisations)
    context = {
        "consultation": consultation,
        "plan": consultation.action_plan,
        "member": consultation.action_plan.member,
        "page": page,
        "rows": rows,
        "supported": supported,
        "moderator": moderator,
        "form": form,
        "is_open": consultation.is_open(timezone.localdate()),
        "timing": consultation.timing(timezone.localdate()),
        "counts": Contribution.objects.filter(consultation=consultation).visible().count(),
    }
    return render(request, "cocreation/consultation.html", context)


@editor_page
@require_POST
def contribute(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation(pk)
    _check(request, "cocreation.contribute", consultation)
    form = ContributionForm(request.POST, consultation=consultation, organisations=roles_of(request.user).organisations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            contribution = actions.contribute(
                request.user,
                consultation,
                kind=data["kind"],
                body=data["body"],
                title=data.get("title") or "",
                commitment=data.get("commitment"),
                organisation=data.get("organisation"),
            )
        except RateLimited as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you: your contribution is published and awaits the government's answer.")
            )
            return redirect(contribution.get_absolute_url())
    context = {
        "member": consultation.action_plan.member,
        "form": form,
        "title": _("Your contribution to %(title)s") % {"title": consultation.title},
        "back": consultation.get_absolute_url(),
    }
    return render(request, "cocreation/form.html", context, status=400)


def get_contribution(pk: int, cid: int) -> Contribution:
    return get_object_or_404(
        Contribution.objects.select_related("consultation__action_plan__member", "author", "response"),
        pk=cid,
        consultation_id=pk,
    )


@editor_page
@require_POST
def support(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    contribution = get_contribution(pk, cid)
    try:
        actions.support(request.user, contribution)
    except RateLimited as exc:
        messages.error(request, str(exc))
    if request.headers.get("HX-Request"):
        contribution.refresh_from_db(fields=["support_count"])
        return render(request, "cocreation/_support.html", {"row": contribution, "supported": {contribution.pk}})
    return redirect(contribution.get_absolute_url())


@editor_page
@require_http_methods(["GET", "POST"])
def flag(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    contribution = get_contribution(pk, cid)
    _check(request, "cocreation.flag_contribution", contribution)
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.flag(request.user, contribution, form.cleaned_data["reason"])
        except RateLimited as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Thank you: the moderators will look at this contribution."))
            return redirect(contribution.get_absolute_url())
    context = {
        "member": contribution.consultation.action_plan.member,
        "form": form,
        "title": _("Report a contribution to the moderators"),
        "contribution": contribution,
        "back": contribution.get_absolute_url(),
    }
    return render(request, "cocreation/form.html", context)


@editor_page
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    contribution = get_contribution(pk, cid)
    _check(request, "cocreation.moderate_contribution", contribution)
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if contribution.is_hidden:
                actions.restore(request.user, contribution, form.cleaned_data["reason"])
            else:
                actions.hide(request.user, contribution, form.cleaned_data["reason"])
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The contribution was updated."))
            return redirect(contribution.get_absolute_url())
    context = {
        "member": contribution.consultation.action_plan.member,
        "form": form,
        "title": _("Restore the contribution") if contribution.is_hidden else _("Hide the contribution"),
        "contribution": contribution,
        "back": contribution.get_absolute_url(),
    }
    return render(request, "cocreation/form.html", context)


class _ResponseFormArgs(TypedDict):
    """What ResponseForm is built with, the first time and again when a concurrent save is merged."""

    plan: ActionPlan
    is_proposal: bool


@editor_page
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    contribution = get_contribution(pk, cid)
    _check(request, "cocreation.respond_contribution", contribution)
    plan = contribution.consultation.action_plan
    existing = Response.objects.filter(contribution=contribution).first()
    initial = initial_for(existing, RESPONSE_FIELDS) if existing else {}
    kwargs: _ResponseFormArgs = {"plan": plan, "is_proposal": contribution.kind == "proposal"}
    form = ResponseForm(_posted(request), initial=initial, **kwargs)
    context: dict[str, Any] = {
        "member": plan.member,
        "title": _("Answer the contribution"),
        "contribution": contribution,
        "back": contribution.get_absolute_url(),
    }
    if request.method == "POST" and form.is_valid():
        create_commitment = bool(form.cleaned_data.get("create_commitment"))

        def save(values: dict[str, Any], version: int | None) -> Any:
            return actions.respond(
                request.user,
                contribution,
                outcome=values["outcome"],
                justification=values["justification"],
                commitment=values.get("commitment"),
                create_commitment=create_commitment,
                expected_version=version,
            )

        try:
            saved, form, conflict = save_merging(request, form, RESPONSE_FIELDS, save, **kwargs)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if saved is not None:
                messages.success(request, _("Your answer is published beside the contribution."))
                return redirect(contribution.get_absolute_url())
            context.update(conflict)
    return render(request, "cocreation/form.html", {**context, "form": form})


@editor_page
def moderation_queue(request: HttpRequest) -> HttpResponse:
    _check(request, "cocreation.moderate_contribution", None)
    flagged = (
        Contribution.objects.filter(flag_count__gt=0)
        .select_related("consultation", "author")
        .prefetch_related("flags")
        .order_by("visibility", "-flag_count", "-created_at")
    )
    page = Paginator(flagged, 50).get_page(request.GET.get("page"))
    return render(request, "cocreation/moderation.html", {"page": page})


# ---------------------------------------------------------------------------------------------- standards checklist


def checklist(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("member"), ogp_id=ogp_id)
    record_form = override_form = None
    if request.user.has_perm("cocreation.record_standard", plan):
        record_form = StandardRecordForm(_posted(request) if "key" in request.POST else None)
        if request.method == "POST" and "key" in request.POST and record_form.is_valid():
            data = record_form.cleaned_data
            try:
                actions.record_standard(request.user, plan, data["key"], data["status"], data["note"])
            except ValidationError as exc:
                add_action_errors(record_form, exc)
            else:
                messages.success(request, _("The finding was recorded."))
                return redirect("cocreation:checklist", ogp_id=ogp_id)
    if request.user.has_perm("cocreation.override_submission", plan):
        override_form = OverrideForm(_posted(request) if "reason" in request.POST else None)
        if request.method == "POST" and "reason" in request.POST and override_form.is_valid():
            actions.override_submission(request.user, plan, override_form.cleaned_data["reason"])
            messages.success(request, _("The override was recorded; the plan can be submitted."))
            return redirect("cocreation:checklist", ogp_id=ogp_id)
    if request.method == "POST" and record_form is None and override_form is None:
        raise PermissionDenied
    requirements = standards.plan_checklist(plan)
    context = {
        "plan": plan,
        "member": plan.member,
        "requirements": requirements,
        "record_form": record_form,
        "override_form": override_form,
        "overrides": plan.submission_overrides.select_related("recorded_by"),
        "implementation_meetings": standards.implementation_meeting_count(plan),
    }
    return render(request, "cocreation/checklist.html", context)


# --------------------------------------------------------------------------------------- implementation dialogue


@editor_page
@require_http_methods(["GET", "POST"])
def monitoring_note_add(request: HttpRequest, ogp_id: str) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("action_plan__member"), ogp_id=ogp_id)
    _check(request, "cocreation.add_monitoring_note", commitment)
    form = MonitoringNoteForm(_posted(request), organisations=roles_of(request.user).organisations)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_monitoring_note(
                request.user, commitment, form.cleaned_data["organisation"], form.cleaned_data["body"]
            )
        except RateLimited as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your monitoring note is published on the commitment page."))
            return redirect(commitment.get_absolute_url())
    context = {
        "member": commitment.action_plan.member,
        "form": form,
        "title": _("Monitoring note on %(id)s") % {"id": commitment.ogp_id},
        "back": commitment.get_absolute_url(),
    }
    return render(request, "cocreation/form.html", context)
