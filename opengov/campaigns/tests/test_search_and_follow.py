"""Campaigns in site-wide search and following: campaigns, examples (until declined), pledges and accepted Challenge
submissions are found, for every role, and nothing under review or declined; the index follows each write at once;
followers of a campaign hear of a new target, a target's milestones (once each) and new examples."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from opengov.campaigns import actions
from opengov.campaigns.models import Pledge, ReviewStatus, SubmissionStatus, Target
from opengov.factories import MemberFactory
from opengov.following import actions as following
from opengov.following.models import Change
from opengov.search import indexer
from opengov.search.query import Filters, search

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "participant", "albania_editor", "moderator", "support_unit"]
D = datetime.date


def found(query: str, kind: str) -> list[int]:
    return [hit.document.object_id for hit in search(query, Filters(kind=kind)).hits]


def to(user: Any) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [user.email]]


def _submission(user, campaign, member, title):
    return actions.submit_challenge(
        user,
        campaign,
        {
            "member": member,
            "institution": "Ministry of Justice",
            "country": "AL",
            "title": title,
            "description": "Publish every court ruling.",
            "kind": "standalone",
        },
    )


@pytest.fixture
def pieces(response_campaign, challenge, participant, support_unit, albania, albania_editor):
    theme = response_campaign.themes.first()
    example = actions.submit_example(
        participant,
        response_campaign,
        {
            "theme": theme,
            "country": "KE",
            "description": "Okapi clinics publish waiting times.",
            "source_url": "https://example.org/a",
        },
    )
    declined = actions.submit_example(
        participant,
        response_campaign,
        {"theme": theme, "country": "KE", "description": "Narwhal spam.", "source_url": "https://example.org/b"},
    )
    actions.review_example(support_unit, declined, ReviewStatus.DECLINED)
    pledge = Pledge.objects.create(
        campaign=response_campaign, member=albania, action="Ibis registry of emergency contracts", due_on=D(2021, 6, 30)
    )
    accepted = _submission(albania_editor, challenge, albania, "Wombat courts reform")
    actions.review_submission(support_unit, accepted, challenge.themes.first(), SubmissionStatus.ACCEPTED)
    waiting = _submission(albania_editor, challenge, albania, "Zanzibar courts reform")
    indexer.rebuild(["campaign", "example", "pledge", "challenge"])
    return {"example": example, "declined": declined, "pledge": pledge, "accepted": accepted, "waiting": waiting}


@pytest.mark.parametrize("role", ROLES)
def test_public_pieces_only_whoever_searches(request, client, pieces, response_campaign, role):
    user = request.getfixturevalue(role)
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    for word in ("narwhal", "zanzibar"):
        assert "0 results" in client.get(reverse("search:search"), {"q": word}).content.decode(), (role, word)
    for word, label in (
        ("okapi", "Campaign examples"),
        ("ibis", "Campaign pledges"),
        ("wombat", "Open Gov Challenge submissions"),
    ):
        page = client.get(reverse("search:search"), {"q": word}).content.decode()
        assert "1 result" in page and label in page, (role, word)
    page = client.get(reverse("search:search"), {"q": "Open Response"}).content.decode()
    assert response_campaign.get_absolute_url() in page


def test_links_and_facets(pieces, response_campaign, challenge, albania):
    (example,) = search("okapi").hits
    assert example.document.url.startswith(reverse("campaigns:examples", kwargs={"slug": response_campaign.slug}))
    (pledge,) = search("ibis").hits
    assert pledge.document.url == response_campaign.get_absolute_url() + "#pledges-heading"
    assert (pledge.document.member_id, pledge.document.region, pledge.document.year) == (albania.pk, "europe", 2021)
    (submission,) = search("wombat").hits
    assert submission.document.url.startswith(reverse("campaigns:challenge", kwargs={"slug": challenge.slug}))
    assert submission.document.member_id == albania.pk
    # The campaign in three languages (its hero text).
    for words in ("Open Response", '"diez áreas"', '"dix domaines"'):
        assert found(words, "campaign"), words


def test_the_index_follows_reviews_and_edits(
    pieces, support_unit, response_campaign, challenge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.review_example(support_unit, pieces["example"], ReviewStatus.DECLINED)
    assert found("okapi", "example") == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.review_submission(support_unit, pieces["waiting"], challenge.themes.first(), SubmissionStatus.ACCEPTED)
    assert found("zanzibar", "challenge") == [pieces["waiting"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        Target.objects.create(
            campaign=response_campaign,
            title="Every member publishes capybara data",
            indicator=response_campaign.targets.first().indicator,
            threshold=10,
            window_starts_on=D(2020, 1, 1),
            deadline=D(2030, 1, 1),
        )
    assert found("capybara", "campaign") == [response_campaign.pk]
    with django_capture_on_commit_callbacks(execute=True):
        pieces["pledge"].delete()
    assert found("ibis", "pledge") == []


# ----------------------------------------------------------------------------------------------------- following


def test_follow_button_on_the_campaign_page(client, participant, response_campaign):
    client.force_login(participant)
    toggle = reverse("following:toggle", kwargs={"label": "campaigns.campaign", "pk": response_campaign.pk})
    assert toggle in client.get(response_campaign.get_absolute_url()).content.decode()
    client.post(toggle)
    assert following.is_following(participant, response_campaign)


def test_followers_hear_of_new_targets_and_examples_in_the_daily_digest(
    participant, albania_editor, response_campaign, django_capture_on_commit_callbacks
):
    following.follow(participant, response_campaign)
    with django_capture_on_commit_callbacks(execute=True):
        Target.objects.create(
            campaign=response_campaign,
            title="Half of members open their recovery spending",
            indicator=response_campaign.targets.first().indicator,
            threshold=50,
            window_starts_on=D(2020, 1, 1),
            deadline=D(2030, 1, 1),
        )
        actions.submit_example(
            albania_editor,
            response_campaign,
            {
                "theme": response_campaign.themes.first(),
                "country": "AL",
                "description": "Tirana lists its emergency contracts.",
                "source_url": "https://example.org/c",
            },
        )
    assert to(participant) == []  # daily by default
    call_command("send_digests", stdout=io.StringIO())
    (digest,) = to(participant)
    assert "New target for Open Response" in digest.body and "New example on Open Response" in digest.body
    assert digest.body.index("New example") < digest.body.index("New target")  # newest first
    call_command("send_digests", stdout=io.StringIO())
    assert len(to(participant)) == 1


def test_followers_hear_each_milestone_of_a_target_once(
    participant, support_unit, challenge, django_capture_on_commit_callbacks
):
    members = [MemberFactory(join_date=D(2012, 1, 1)) for _ in range(4)]
    following.follow(participant, challenge)

    def accept(member):
        submission = _submission(support_unit, challenge, member, f"Reform of {member.name}")
        actions.review_submission(support_unit, submission, challenge.themes.first(), SubmissionStatus.ACCEPTED)

    def digest_run():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_digests", stdout=io.StringIO())
        return [m.subject for m in to(participant)]

    accept(members[0])  # 1 of 4 = 25 %: half-way to the 50 % target
    assert digest_run() == [
        "Half-way to the target: Half of active members answer the Challenge by the end of 2028 (Open Gov Challenge)"
    ]
    assert len(digest_run()) == 1  # not repeated the next day
    accept(members[1])  # 2 of 4 = 50 %: reached
    subjects = digest_run()
    assert len(subjects) == 2 and subjects[1].startswith("Target reached:")
    assert Change.objects.filter(kind="campaign_milestone").count() == 2
