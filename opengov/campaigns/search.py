"""Campaigns in site-wide search, with their public pieces: crowdsourced examples (public at once, gone once
declined), member pledges (on the page of a campaign that takes them) and accepted Open Gov Challenge
submissions. Submissions under review or declined are never indexed."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register
from opengov.members.models import Member

from .models import (
    Campaign,
    CampaignDocument,
    ChallengeSubmission,
    Example,
    Pledge,
    ReviewStatus,
    SubmissionStatus,
    Target,
    Theme,
)


def _campaign_document(campaign: Campaign) -> Document:
    return Document(
        title=campaign.title,
        body=[
            campaign.hero_en,
            campaign.hero_es,
            campaign.hero_fr,
            campaign.description,
            *(theme.title for theme in campaign.themes.all()),
            *(target.title for target in campaign.targets.all()),
            *(document.title for document in campaign.documents.all()),
        ],
        language="en",
        year=campaign.starts_on.year,
    )


def _example_document(example: Example) -> Document:
    url = reverse("campaigns:examples", kwargs={"slug": example.campaign.slug})
    return Document(
        title=f"{example.country.name}: {example.theme.title}",
        body=[example.description, example.campaign.title],
        url=f"{url}?{urlencode({'theme': example.theme.slug})}",
        year=example.created_at.year,
    )


def _pledge_document(pledge: Pledge) -> Document:
    return Document(
        title=f"{pledge.member.name}: {pledge.action[:200]}",
        body=[pledge.action, pledge.follow_up, pledge.campaign.title],
        url=pledge.campaign.get_absolute_url() + "#pledges-heading",
        member=pledge.member,
        year=pledge.due_on.year,
    )


def _submission_document(submission: ChallengeSubmission) -> Document:
    url = reverse("campaigns:challenge", kwargs={"slug": submission.campaign.slug})
    if submission.area is not None:
        url += "?" + urlencode({"area": submission.area.slug})
    return Document(
        title=submission.title,
        body=[
            submission.description,
            submission.institution,
            submission.country.name,
            submission.level_of_government,
            submission.area.title if submission.area else "",
            submission.campaign.title,
        ],
        url=url,
        member=submission.member,
        year=submission.created_at.year,
    )


def _ids(queryset: QuerySet[Any]) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def _pledges_of_member(member: Member) -> list[int]:
    return _ids(Pledge.objects.filter(member=member))


def _submissions_of_member(member: Member) -> list[int]:
    return _ids(ChallengeSubmission.objects.filter(member=member, status=SubmissionStatus.ACCEPTED))


register(
    Searchable(
        kind="campaign",
        label=_("Campaigns"),
        model=Campaign,
        public=lambda: Campaign.objects.prefetch_related("themes", "targets", "documents"),
        document=_campaign_document,
        watch=[
            Watch(Campaign, lambda campaign: [campaign.pk]),
            Watch(Theme, lambda theme: [theme.campaign_id]),
            Watch(Target, lambda target: [target.campaign_id]),
            Watch(CampaignDocument, lambda document: [document.campaign_id]),
        ],
        boost=1.5,
    )
)
register(
    Searchable(
        kind="example",
        label=_("Campaign examples"),
        model=Example,
        public=lambda: Example.objects.exclude(status=ReviewStatus.DECLINED).select_related("campaign", "theme"),
        document=_example_document,
        watch=[
            Watch(Example, lambda example: [example.pk]),
            Watch(Theme, lambda theme: _ids(theme.examples.all())),
            Watch(Campaign, lambda campaign: _ids(campaign.examples.all())),
        ],
        boost=0.8,
    )
)
register(
    Searchable(
        kind="pledge",
        label=_("Campaign pledges"),
        model=Pledge,
        # Pledges are shown on the page of a campaign that takes them, and only there.
        public=lambda: Pledge.objects.filter(campaign__takes_pledges=True).select_related("campaign", "member"),
        document=_pledge_document,
        watch=[
            Watch(Pledge, lambda pledge: [pledge.pk]),
            Watch(Campaign, lambda campaign: _ids(campaign.pledges.all())),
            Watch(Member, _pledges_of_member),
        ],
    )
)
register(
    Searchable(
        kind="challenge",
        label=_("Open Gov Challenge submissions"),
        model=ChallengeSubmission,
        # The tracker lists accepted submissions of a campaign that takes them.
        public=lambda: ChallengeSubmission.objects.filter(
            status=SubmissionStatus.ACCEPTED, campaign__takes_challenge_submissions=True
        ).select_related("campaign", "area", "member"),
        document=_submission_document,
        watch=[
            Watch(ChallengeSubmission, lambda submission: [submission.pk]),
            Watch(Theme, lambda theme: _ids(theme.submissions.all())),
            Watch(Campaign, lambda campaign: _ids(campaign.submissions.all())),
            Watch(Member, _submissions_of_member),
        ],
    )
)
