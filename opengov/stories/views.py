"""Story pages: the list with filters and search, a story, sharing and revising, curating, photos, versions.

Thin: each view fetches through an access helper, parses a form and calls one action (stories/actions.py), which
checks the rule again. Every page works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opengov.accounts.signed_in import signed_in_user
from opengov.core.concurrency import EditConflict
from opengov.core.editing import add_action_errors, editor_page
from opengov.members.models import Region
from opengov.plans.models import PolicyArea

from . import actions, queries
from .forms import DecisionForm, StoryForm, initial_for_story
from .lifecycle import IN_REVIEW, decisions_from
from .models import Format, Language, Story, StoryImage

PAGE_SIZE = 20


def get_story(request: HttpRequest, pk: int, perm: str = "stories.view_story") -> Story:
    """The story if the user may see it (or do ``perm`` to it); 404 for a story they may not even see."""
    story = get_object_or_404(Story.objects.select_related("member", "author", "translation_of"), pk=pk)
    if not request.user.has_perm("stories.view_story", story):
        raise PermissionDenied(_("This story is not published."))
    if perm != "stories.view_story" and not request.user.has_perm(perm, story):
        raise PermissionDenied(_("You cannot change this story now."))
    return story


def story_list(request: HttpRequest) -> HttpResponse:
    filters = queries.filters_from(request.GET)
    version = queries.fingerprint()
    page = queries.paginate(filters, PAGE_SIZE, request.GET.get("page"), version)
    stories = list(page.object_list)
    lead = [] if filters.any or page.number > 1 else queries.featured()
    queries.attach_reader_language(stories + lead, get_language() or "en")
    context = {
        "nav": "stories",
        "page": page,
        "stories": stories,
        "lead": lead,
        "filters": filters,
        "choices": queries.filter_choices(version),
        "regions": Region.choices,
        "story_formats": Format.choices,
        "story_languages": Language.choices,
        "topics": PolicyArea.objects.filter(parent__isnull=True).order_by("position").only("slug", "label"),
        "figures": queries.figures(version),
        "can_curate": request.user.has_perm("stories.curate_story"),
    }
    return render(request, "stories/list.html", context)


def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request, pk)
    original = story.original
    family = [original, *original.translations.all()] if original.pk else [story]
    visible = [s for s in family if s.pk == story.pk or request.user.has_perm("stories.view_story", s)]
    reader = get_language() or "en"
    # The reader's language first, then the original, then the others.
    visible.sort(key=lambda s: (s.language != reader, s.pk != original.pk, s.language))
    user = request.user
    context = {
        "nav": "stories",
        "story": story,
        "versions": visible,
        "images": list(story.images.all()),
        "topics": list(story.topics.all()),
        "commitments": list(story.commitments.select_related("action_plan__member")),
        "action_plans": list(story.action_plans.select_related("member")),
        "members": list(story.members.all()),
        "can_change": user.has_perm("stories.change_story", story),
        "can_translate": user.has_perm("stories.translate_story", story),
        "can_curate": user.has_perm("stories.curate_story", story),
        "is_author": user.is_authenticated and story.author_id == user.pk,
        "decisions": decisions_from(story.status),
        "decision_form": DecisionForm(initial={"version": story.version}),
    }
    return render(request, "stories/detail.html", context)


def story_image(request: HttpRequest, pk: int, image: int) -> FileResponse:
    story = get_story(request, pk)
    row = get_object_or_404(StoryImage, pk=image, story=story)
    response = FileResponse(row.image.open("rb"), content_type=row.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _story_form_page(
    request: HttpRequest, form: StoryForm, title: str, story: Story | None = None, original: Story | None = None
) -> HttpResponse:
    return render(
        request,
        "stories/form.html",
        {"nav": "stories", "form": form, "title": title, "story": story, "original": original},
    )


@editor_page
@require_http_methods(["GET", "POST"])
def story_submit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    original = get_story(request, pk, "stories.translate_story") if pk else None
    if not request.user.has_perm("stories.add_story"):
        raise PermissionDenied(_("Sign in to share a story."))
    title = _("Translate “%(title)s”") % {"title": original.title} if original else _("Share a story")
    if request.method != "POST":
        initial = initial_for_story(original) if original else {}
        initial.pop("version", None)
        initial["consent_publish"] = False
        return _story_form_page(request, StoryForm(initial=initial), title, original=original)
    form = StoryForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            story = actions.submit_story(
                request.user, form.story_fields(), form.links(), form.images(), translation_of=original
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your story waits for review by OGP's communications team."))
            return redirect(story)
    return _story_form_page(request, form, title, original=original)


@editor_page
@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request, pk, "stories.change_story")
    title = _("Revise “%(title)s”") % {"title": story.title}
    if request.method != "POST":
        return _story_form_page(request, StoryForm(initial=initial_for_story(story)), title, story)
    form = StoryForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.revise_story(
                request.user,
                story,
                form.story_fields(),
                form.links(),
                form.images(),
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(story)
    return _story_form_page(request, form, title, story)


@editor_page
@require_POST
def story_decide(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_story(request, pk, "stories.curate_story")
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.decide(
                request.user,
                story,
                form.cleaned_data["decision"],
                form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict as conflict:
            messages.error(request, conflict.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision saved; the author has been told."))
    else:
        messages.error(request, _("Choose one of the decisions offered."))
    return redirect(story)


@editor_page
def review_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("stories.curate_story"):
        raise PermissionDenied(_("Only OGP's communications team reviews stories."))
    waiting = Story.objects.filter(status__in=sorted(IN_REVIEW)).select_related("author", "member", "translation_of")
    page = Paginator(waiting.order_by("submitted_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "stories/review.html", {"nav": "stories", "page": page})


@login_required
def my_stories(request: HttpRequest) -> HttpResponse:
    mine = Story.objects.filter(author=signed_in_user(request)).order_by("-created_at")  # login_required
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "stories/mine.html", {"nav": "stories", "page": page})


def story_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every saved version of the story (its history), for its author and the curators."""
    story = get_story(request, pk)
    if not (request.user.has_perm("stories.curate_story", story) or story.author_id == request.user.pk):
        raise PermissionDenied(_("Only the author and the communications team see earlier versions."))
    records = list(story.history.select_related("history_user").order_by("-history_date")[:100])
    return render(request, "stories/versions.html", {"nav": "stories", "story": story, "records": records})
