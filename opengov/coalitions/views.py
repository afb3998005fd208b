"""Coalition pages: the list, one coalition (participants, computed commitments with IRM results, resources,
events, latest threads, joining), the discussion (threads, replies, flags, moderation)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opengov.accounts.predicates import is_support_unit, roles_of
from opengov.core.editing import add_action_errors, editor_page
from opengov.core.forms import field_of
from opengov.core.ratelimit import RateLimited
from opengov.irm.stars import stars_of
from opengov.members.models import CivilSocietyOrganisation, Member

from . import actions, queries
from .forms import FlagForm, JoinForm, ModerateForm, ReplyForm, ThreadForm
from .models import Coalition, Participant, ParticipantKind, Post, Thread, Visibility

COMMITMENTS_PER_PAGE = 25
POSTS_PER_PAGE = 50


def _check(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def coalitions(request: HttpRequest) -> HttpResponse:
    rows = Coalition.objects.annotate(
        participant_count=Count("participants", filter=Q(participants__left_on__isnull=True))
    ).prefetch_related("policy_areas")
    return render(request, "coalitions/list.html", {"rows": rows, "nav": "coalitions"})


def join_choices(user: Any, coalition: Coalition, current: list[Participant]) -> list[tuple[str, str]]:
    """How the user may join: as themselves, for governments they edit for, for organisations they represent."""
    if not user.is_authenticated:
        return []
    roles = roles_of(user)
    taken = {(p.kind, p.member_id or p.organisation_id or p.user_id) for p in current}
    choices = []
    if (ParticipantKind.INDIVIDUAL, user.pk) not in taken:
        choices.append(("individual:", _("Myself, as an individual")))
    # Support Unit staff add governments and organisations in the back office, not from this form.
    if not is_support_unit(user):
        for member in Member.objects.filter(pk__in=roles.government_members).order_by("name"):
            if (ParticipantKind.GOVERNMENT, member.pk) not in taken:
                choices.append((f"government:{member.pk}", _("The government of %(name)s") % {"name": member.name}))
        for org in CivilSocietyOrganisation.objects.filter(pk__in=roles.organisations).order_by("name"):
            if (ParticipantKind.ORGANISATION, org.pk) not in taken:
                choices.append((f"organisation:{org.pk}", org.name))
    return choices


def participant_links(participants: Any) -> SafeString:
    """The participants as list items, governments linked to their page: built in Python because a coalition
    can have hundreds (one URL pattern filled and two escapes per row instead of a template loop each)."""
    pattern = reverse("members:detail", kwargs={"slug": "SLUG"})
    items = [
        f'<li><a href="{escape(pattern.replace("SLUG", p.member.slug))}">{escape(p.member.name)}</a></li>'
        if p.member_id
        else f"<li>{escape(p.public_name)}</li>"
        for p in participants
    ]
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = get_object_or_404(Coalition.objects.prefetch_related("policy_areas"), slug=slug)
    areas = queries.area_ids(coalition)
    current = list(queries.participants(coalition))
    paginator = Paginator(queries.commitments(coalition, areas), COMMITMENTS_PER_PAGE)
    paginator.count = queries.count_commitments(coalition, areas)
    page = paginator.get_page(request.GET.get("page"))
    rows = queries.with_irm_results(list(page.object_list))
    for row in rows:
        row.stars = stars_of(row.irm) if row.irm else None  # type: ignore[attr-defined]  # irm: set by queries; stars: for the template
    form = JoinForm()
    field_of(form, "how", forms.ChoiceField).choices = join_choices(request.user, coalition, current)
    context = {
        "coalition": coalition,
        "by_kind": [
            (label, participant_links(p for p in current if p.kind == value))
            for value, label in ParticipantKind.choices
        ],
        "participant_count": len(current),
        "page": page,
        "rows": rows,
        "resources": coalition.resources.all(),
        "events": coalition.events.filter(starts_at__gte=timezone.now()),
        "threads": coalition.threads.select_related("author")[:10],
        "join_form": form,
        "can_post": request.user.has_perm("coalitions.add_thread", coalition),
        "nav": "coalitions",
    }
    return render(request, "coalitions/detail.html", context)


@login_required
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = get_object_or_404(Coalition, slug=slug)
    kind, _sep, pk = request.POST.get("how", "").partition(":")
    scope: Any = None
    if kind == ParticipantKind.GOVERNMENT:
        scope = Member.objects.filter(pk=pk or 0).first()
    elif kind == ParticipantKind.ORGANISATION:
        scope = CivilSocietyOrganisation.objects.filter(pk=pk or 0).first()
    try:
        actions.join(request.user, coalition, kind, scope)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Welcome to the coalition."))
    return redirect(coalition)


@editor_page
@require_http_methods(["GET", "POST"])
def thread_add(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = get_object_or_404(Coalition, slug=slug)
    _check(request, "coalitions.add_thread", coalition)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = actions.start_thread(
                request.user, coalition, form.cleaned_data["title"], form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        except RateLimited as limited:
            form.add_error(None, str(limited))
        else:
            return redirect(thread)
    return render(
        request,
        "members/form_page.html",
        {"form": form, "title": _("Start a discussion"), "back": coalition.get_absolute_url()},
    )


def thread(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    thread = get_object_or_404(Thread.objects.select_related("coalition", "author"), pk=pk, coalition__slug=slug)
    moderator = request.user.has_perm("coalitions.moderate_post", thread)
    posts = thread.posts.select_related("author")
    if moderator:
        posts = posts.annotate(flag_count=Count("flags"))
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    form = ReplyForm(request.POST or None)
    if request.method == "POST":
        _check(request, "coalitions.add_post", thread)
        if form.is_valid():
            try:
                actions.reply(request.user, thread, form.cleaned_data["body"])
            except ValidationError as error:
                add_action_errors(form, error)
            except RateLimited as limited:
                form.add_error(None, str(limited))
            else:
                return redirect(thread)
    context = {
        "thread": thread,
        "coalition": thread.coalition,
        "page": page,
        "form": form,
        "moderator": moderator,
        "can_post": request.user.has_perm("coalitions.add_post", thread),
        "nav": "coalitions",
    }
    return render(request, "coalitions/thread.html", context)


@login_required
@require_POST
def flag(request: HttpRequest, slug: str, pid: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("thread__coalition"), pk=pid, thread__coalition__slug=slug)
    form = FlagForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Say what is wrong with this message."))
        actions.flag(request.user, post, form.cleaned_data["reason"])
    except (ValidationError, RateLimited) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Thank you: a moderator will look at it."))
    return redirect(post.thread)


@login_required
@require_POST
def moderate(request: HttpRequest, slug: str, pid: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("thread__coalition"), pk=pid, thread__coalition__slug=slug)
    form = ModerateForm(request.POST)
    _check(request, "coalitions.moderate_post", post)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose the visibility."))
        actions.moderate(request.user, post, form.cleaned_data["visibility"], form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(post.thread)


@editor_page
def moderation(request: HttpRequest) -> HttpResponse:
    _check(request, "coalitions.view_moderation")
    posts = (
        Post.objects.filter(flags__isnull=False, visibility=Visibility.VISIBLE)
        .annotate(flag_count=Count("flags"))
        .select_related("thread__coalition", "author")
        .prefetch_related(Prefetch("flags"))
        .order_by("-flag_count", "-created_at")[:100]
    )
    return render(request, "coalitions/moderation.html", {"posts": posts})
