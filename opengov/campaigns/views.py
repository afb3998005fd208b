"""Campaign pages: the list, a campaign with its live targets, a target's trend (chart, table, CSV), crowdsourced
examples, pledges, and the Open Gov Challenge tracker with its submission form. Thin: fetch, parse, one action."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opengov.core.concurrency import EditConflict
from opengov.core.editing import add_action_errors, editor_page
from opengov.insights import charts
from opengov.members.models import Region

from . import actions, progress, targets
from .forms import ChallengeForm, ExampleForm, ExampleReviewForm, SubmissionReviewForm
from .models import Campaign, ChallengeSubmission, Example, ReviewStatus, SubmissionStatus

PAGE_SIZE = 25


def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = list(Campaign.objects.prefetch_related("targets"))
    data = targets.version()
    measured = {c.pk: [progress.measure(t, with_members=False, data=data) for t in c.targets.all()] for c in campaigns}
    for campaign in campaigns:
        campaign.measured = measured[campaign.pk]  # type: ignore[attr-defined]  # for the template
    return render(request, "campaigns/list.html", {"nav": "campaigns", "campaigns": campaigns})


def _trend_chart(m: progress.Measured) -> charts.Chart:
    chart = charts.line_chart(
        m.indicator,  # type: ignore[arg-type]  # a campaign indicator has the title and unit a chart reads
        [charts.Series(str(m.target.title), m.trend)],
        f"trend-{m.target.pk}",
        _("Month"),
        title=_("%(target)s, by month") % {"target": m.target.title},
    )
    chart.csv_url = reverse("campaigns:target-csv", kwargs={"slug": m.target.campaign.slug, "pk": m.target.pk})
    return chart


def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    data = targets.version()
    measured = [progress.measure(t, data=data) for t in campaign.targets.all()]
    context: dict[str, Any] = {
        "nav": "campaigns",
        "campaign": campaign,
        "measured": [(m, _trend_chart(m)) for m in measured],
        "documents": list(campaign.documents.all()),
        "themes": list(campaign.themes.all()),
        "pledges": list(campaign.pledges.select_related("member")) if campaign.takes_pledges else [],
        "can_manage": request.user.has_perm("campaigns.manage_campaign", campaign),
    }
    if campaign.collects_examples:
        examples = campaign.examples.exclude(status=ReviewStatus.DECLINED).select_related("theme")
        context["example_count"] = examples.count()
        context["examples"] = list(examples[:10])
    return render(request, "campaigns/detail.html", context)


def target_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    target = get_object_or_404(campaign.targets, pk=pk)
    m = progress.measure(target, with_members=False)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Month"), _("Share (%)"), _("Numerator"), _("Denominator")])
    for row in m.trend:
        writer.writerow([row.key, "" if row.value is None else row.value, row.numerator, row.denominator])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-target-{target.pk}.csv"'
    return response


def examples(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug, collects_examples=True)
    qs = campaign.examples.exclude(status=ReviewStatus.DECLINED).select_related("theme")
    theme = request.GET.get("theme", "")
    if theme:
        qs = qs.filter(theme__slug=theme)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    can_review = request.user.has_perm("campaigns.review_example")
    pending = list(campaign.examples.filter(status=ReviewStatus.PENDING)[:50]) if can_review else []
    return render(
        request,
        "campaigns/examples.html",
        {
            "nav": "campaigns",
            "campaign": campaign,
            "page": page,
            "theme": theme,
            "themes": campaign.themes.all(),
            "can_add": request.user.has_perm("campaigns.add_example", campaign),
            "can_review": can_review,
            "pending": pending,
        },
    )


@editor_page
@require_http_methods(["GET", "POST"])
def example_add(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    if not request.user.has_perm("campaigns.add_example", campaign):
        raise PermissionDenied(_("This campaign does not collect examples."))
    form = ExampleForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_example(request.user, campaign, form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your example is public, marked as not reviewed by OGP yet."))
            return redirect("campaigns:examples", slug=campaign.slug)
    title = _("Share an example")
    return render(
        request, "campaigns/form.html", {"nav": "campaigns", "form": form, "title": title, "campaign": campaign}
    )


@editor_page
@require_POST
def example_review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    example = get_object_or_404(Example, pk=pk, campaign__slug=slug)
    form = ExampleReviewForm(request.POST)
    if form.is_valid():
        try:
            actions.review_example(request.user, example, form.cleaned_data["status"], form.cleaned_data.get("version"))
        except (ValidationError, EditConflict) as error:
            messages.error(request, str(getattr(error, "message", error)))
    return redirect("campaigns:examples", slug=slug)


def challenge(request: HttpRequest, slug: str) -> HttpResponse:
    """The public tracker: accepted submissions by area, region and member."""
    campaign = get_object_or_404(Campaign, slug=slug, takes_challenge_submissions=True)
    accepted = list(campaign.submissions.filter(status=SubmissionStatus.ACCEPTED).select_related("area", "member"))
    by_area = Counter(s.area_id for s in accepted)
    by_region = Counter(s.member.region for s in accepted if s.member)
    region_labels = dict(Region.choices)
    area = request.GET.get("area", "")
    shown = [s for s in accepted if not area or (s.area and s.area.slug == area)]
    can_review = request.user.has_perm("campaigns.review_submission")
    waiting = (
        list(campaign.submissions.filter(status=SubmissionStatus.SUBMITTED).select_related("member"))
        if can_review
        else []
    )
    return render(
        request,
        "campaigns/challenge.html",
        {
            "nav": "campaigns",
            "campaign": campaign,
            "areas": [(t, by_area.get(t.pk, 0)) for t in campaign.themes.all()],
            "regions": [(region_labels[k], n) for k, n in sorted(by_region.items())],
            "non_members": sum(1 for s in accepted if s.member is None),
            "members": sorted(Counter(s.member.name for s in accepted if s.member).items()),
            "submissions": shown,
            "area": area,
            "can_add": request.user.has_perm("campaigns.add_submission", campaign),
            "can_review": can_review,
            "waiting": [
                (
                    s,
                    SubmissionReviewForm(
                        campaign=campaign, initial={"version": s.version, "area": s.area_id, "status": s.status}
                    ),
                )
                for s in waiting
            ],
        },
    )


@editor_page
@require_http_methods(["GET", "POST"])
def challenge_submit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    if not request.user.has_perm("campaigns.add_submission", campaign):
        raise PermissionDenied(_("This campaign does not take submissions."))
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "commitment_ids"}
        try:
            actions.submit_challenge(request.user, campaign, fields, form.cleaned_data["commitment_ids"])
        except ValidationError as error:
            add_action_errors(form, error)
        except PermissionDenied:
            form.add_error(
                "member", _("You do not submit for this member: leave it empty or ask its Point of Contact.")
            )
        else:
            messages.success(request, _("Thank you. The Support Unit will review your submission and assign its area."))
            return redirect("campaigns:challenge", slug=campaign.slug)
    title = _("Submit to the Open Gov Challenge")
    return render(
        request, "campaigns/form.html", {"nav": "campaigns", "form": form, "title": title, "campaign": campaign}
    )


@editor_page
@require_POST
def challenge_review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    submission = get_object_or_404(ChallengeSubmission.objects.select_related("campaign"), pk=pk, campaign__slug=slug)
    form = SubmissionReviewForm(request.POST, campaign=submission.campaign)
    if form.is_valid():
        try:
            actions.review_submission(
                request.user,
                submission,
                form.cleaned_data["area"],
                form.cleaned_data["status"],
                form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except EditConflict as conflict:
            messages.error(request, conflict.message)
        else:
            messages.success(request, _("Submission reviewed."))
    return redirect("campaigns:challenge", slug=slug)
