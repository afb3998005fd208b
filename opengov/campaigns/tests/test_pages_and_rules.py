"""Campaign pages and permissions: who may send examples and Challenge submissions and who reviews them; the
"not reviewed or vetted by OGP" mark; the tracker; query counts flat with the data."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opengov.campaigns import actions
from opengov.campaigns.models import Example, ReviewStatus, SubmissionStatus
from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, policy_area

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "participant", "albania_editor", "moderator", "support_unit"]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, role, response_campaign, challenge, break_the_roles, albania, armenia):
    user = request.getfixturevalue(role)
    signed_in = role != "anonymous"
    su = role == "support_unit"
    assert user.has_perm("campaigns.add_example", response_campaign) is signed_in
    assert user.has_perm("campaigns.add_example", break_the_roles) is False
    assert user.has_perm("campaigns.add_submission", challenge) is signed_in
    assert user.has_perm("campaigns.add_submission", response_campaign) is False
    assert user.has_perm("campaigns.submit_for_member", albania) is (su or role == "albania_editor")
    assert user.has_perm("campaigns.submit_for_member", armenia) is su
    assert user.has_perm("campaigns.submit_for_member", None) is signed_in
    for perm in ("campaigns.manage_campaign", "campaigns.review_example", "campaigns.review_submission"):
        assert user.has_perm(perm, response_campaign) is su


def test_an_example_is_public_at_once_and_marked_until_reviewed(client, participant, support_unit, response_campaign):
    client.force_login(participant)
    theme = response_campaign.themes.first()
    data = {
        "country": "KE",
        "theme": theme.pk,
        "description": "Daily open case data.",
        "source_url": "https://example.org/x",
    }
    assert client.post(reverse("campaigns:example-add", args=[response_campaign.slug]), data).status_code == 302
    example = Example.objects.get()
    client.logout()
    html = client.get(reverse("campaigns:examples", args=[response_campaign.slug])).content.decode()
    assert (
        "Daily open case data." in html
        and '<span class="badge badge-warn">Not reviewed or vetted by OGP</span>' in html
    )
    actions.review_example(support_unit, example, ReviewStatus.REVIEWED)
    html = client.get(reverse("campaigns:examples", args=[response_campaign.slug])).content.decode()
    assert '<span class="badge badge-warn">' not in html
    assert '<span class="badge badge-ok">Reviewed by OGP' in html
    actions.review_example(support_unit, example, ReviewStatus.DECLINED)
    assert (
        "Daily open case data."
        not in client.get(reverse("campaigns:examples", args=[response_campaign.slug])).content.decode()
    )


def test_an_example_with_bad_input_keeps_it_and_says_why(client, participant, response_campaign):
    client.force_login(participant)
    response = client.post(
        reverse("campaigns:example-add", args=[response_campaign.slug]),
        {"description": "Kept text", "source_url": "nope"},
    )
    assert response.status_code == 200
    assert {"country", "theme", "source_url"} <= set(response.context["form"].errors)
    assert "Kept text" in response.content.decode()


def test_challenge_submissions_members_nominations_and_review(
    albania_editor, participant, support_unit, challenge, albania, armenia
):
    fields = {
        "member": armenia,
        "institution": "Ministry",
        "country": "AM",
        "title": "T",
        "description": "d",
        "kind": "standalone",
    }
    with pytest.raises(PermissionDenied):
        actions.submit_challenge(albania_editor, challenge, fields)
    foreign = CommitmentFactory(action_plan__member=armenia)
    with pytest.raises(ValidationError):
        actions.submit_challenge(albania_editor, challenge, dict(fields, member=albania, kind="nominated"), [foreign])
    own = CommitmentFactory(action_plan__member=albania)
    nominated = actions.submit_challenge(
        albania_editor, challenge, dict(fields, member=albania, kind="nominated"), [own]
    )
    assert list(nominated.commitments.all()) == [own]
    outsider = actions.submit_challenge(participant, challenge, dict(fields, member=None, country="US"))
    with pytest.raises(ValidationError):
        actions.review_submission(support_unit, outsider, None, SubmissionStatus.ACCEPTED)  # an area first
    with pytest.raises(PermissionDenied):
        actions.review_submission(participant, outsider, challenge.themes.first(), SubmissionStatus.ACCEPTED)
    actions.review_submission(support_unit, outsider, challenge.themes.get(slug="justice"), SubmissionStatus.ACCEPTED)
    actions.review_submission(support_unit, nominated, challenge.themes.get(slug="justice"), SubmissionStatus.ACCEPTED)


def test_the_tracker_counts_by_area_region_and_member(
    client, albania_editor, participant, support_unit, challenge, albania
):
    justice = challenge.themes.get(slug="justice")
    for user, member in ((albania_editor, albania), (participant, None)):
        s = actions.submit_challenge(
            user,
            challenge,
            {
                "member": member,
                "institution": "Office",
                "country": "AL",
                "title": f"R {user.pk}",
                "description": "d",
                "kind": "standalone",
            },
        )
        actions.review_submission(support_unit, s, justice, SubmissionStatus.ACCEPTED)
    response = client.get(reverse("campaigns:challenge", args=[challenge.slug]))
    areas = {t.slug: n for t, n in response.context["areas"]}
    assert areas["justice"] == 2 and areas["civic-space"] == 0
    assert response.context["non_members"] == 1
    assert response.context["members"] == [("Albania", 1)]
    assert len(areas) == 10


@pytest.mark.parametrize("n", [3, 30])
def test_the_campaign_page_runs_a_fixed_number_of_queries(client, break_the_roles, django_assert_max_num_queries, n):
    gender = policy_area("Gender")
    for _ in range(n):
        member = MemberFactory(join_date=datetime.date(2012, 1, 1))
        CommitmentFactory(
            action_plan=ActionPlanFactory(member=member, start_year=2019, end_year=2020), policy_areas=[gender]
        )
    with django_assert_max_num_queries(16):
        response = client.get(break_the_roles.get_absolute_url())
    assert response.status_code == 200
    assert response.context["measured"][0][0].numerator == n
    csv_text = client.get(
        reverse("campaigns:target-csv", args=[break_the_roles.slug, break_the_roles.targets.get().pk])
    ).content.decode()
    assert csv_text.splitlines()[-1].startswith("2019-12,100.0,")
