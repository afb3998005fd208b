"""Coalitions: joining by kind, computed commitments in the coalition's areas with IRM results, the moderated
discussion (Markdown sanitised, flags, hiding, rate limits), permissions, and no e-mail address anywhere public."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.coalitions import actions
from opengov.coalitions.models import Coalition, ParticipantKind, Visibility
from opengov.cocreation.ratelimit import RateLimited
from opengov.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CivilSocietyOrganisationFactory,
    CommitmentFactory,
    IrmReportFactory,
    MemberFactory,
    UserFactory,
    policy_area,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gender(support_unit):
    return actions.create_coalition(
        support_unit,
        {"name": "Gender and Inclusion", "slug": "gender", "description": "Equal **voice**."},
        [policy_area("Inclusion")],
    )


@pytest.fixture
def moderator(db):
    user = UserFactory()
    grant_role(None, user, Role.MODERATOR)
    return user


def test_commitments_are_computed_from_government_participants_and_areas(
    gender, albania, albania_poc, client, django_assert_max_num_queries
):
    actions.join(albania_poc, gender, ParticipantKind.GOVERNMENT, albania)
    plan = ActionPlanFactory(member=albania)
    in_area = CommitmentFactory(
        action_plan=plan,
        ogp_id="AL0001",
        title="Gender budgeting",
        policy_areas=[policy_area("Gender"), policy_area("Economic Inclusion")],
    )
    CommitmentFactory(
        action_plan=plan, ogp_id="AL0002", title="Open contracts", policy_areas=[policy_area("Open Contracting")]
    )
    outsider = MemberFactory(name="Outsider", ogp_code="OU")
    CommitmentFactory(
        action_plan=ActionPlanFactory(member=outsider),
        ogp_id="OU0001",
        title="Not a participant",
        policy_areas=[policy_area("Gender")],
    )
    report = IrmReportFactory(action_plan=plan, state="published")
    AssessmentFactory(report=report, commitment=in_area, completion="substantial")
    draft = IrmReportFactory(action_plan=plan, state="draft", product="results_report")
    AssessmentFactory(report=draft, commitment=in_area, completion="complete")  # unpublished: never shown
    with django_assert_max_num_queries(16):
        html = client.get(gender.get_absolute_url()).content.decode()
    assert "Gender budgeting" in html and "Substantial" in html and "Complete" not in html
    assert "Open contracts" not in html and "Not a participant" not in html
    assert "1 commitment," in html


def test_query_count_is_flat_with_size(gender, client, django_assert_max_num_queries):
    area = policy_area("Gender")
    for i in range(12):
        member = MemberFactory(name=f"Country {i}", ogp_code=f"C{chr(65 + i)}")
        gender.participants.create(kind="government", member=member)
        gender.participants.create(kind="individual", user=UserFactory())
        plan = ActionPlanFactory(member=member)
        for j in range(3):
            CommitmentFactory(action_plan=plan, ogp_id=f"C{chr(65 + i)}{j:04d}", policy_areas=[area])
    with django_assert_max_num_queries(16):
        page = client.get(gender.get_absolute_url())
    assert "36 commitments" in page.content.decode()


def test_joining_by_kind(gender, albania, albania_poc, cso_rep, participant):
    with pytest.raises(ValidationError):
        actions.join(participant, gender, ParticipantKind.GOVERNMENT, albania)
    actions.join(albania_poc, gender, ParticipantKind.GOVERNMENT, albania)
    organisation = CivilSocietyOrganisationFactory()
    with pytest.raises(ValidationError):
        actions.join(cso_rep, gender, ParticipantKind.ORGANISATION, organisation)
    mine = cso_rep.role_assignments.get().organisation
    actions.join(cso_rep, gender, ParticipantKind.ORGANISATION, mine)
    actions.join(participant, gender, ParticipantKind.INDIVIDUAL)
    actions.join(participant, gender, ParticipantKind.INDIVIDUAL)  # twice: still one
    assert gender.participants.current().count() == 3


def test_discussion_needs_participation_and_is_sanitised(gender, participant, client):
    with pytest.raises(PermissionDenied):
        actions.start_thread(participant, gender, "Hello", "Hi")
    actions.join(participant, gender, ParticipantKind.INDIVIDUAL)
    thread = actions.start_thread(participant, gender, "Budgets", "**Bold** <script>alert(1)</script>")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong>" in html and "<script>alert(1)" not in html
    assert (
        participant.email not in html
        and participant.email not in client.get("/api/v1/coalitions/gender/").content.decode()
    )


def test_flags_moderation_and_hidden_posts(gender, participant, moderator, client):
    actions.join(participant, gender, ParticipantKind.INDIVIDUAL)
    thread = actions.start_thread(participant, gender, "Budgets", "Rude words here")
    post = thread.posts.get()
    flagger = UserFactory()
    actions.flag(flagger, post, "Insulting")
    with pytest.raises(ValidationError):
        actions.flag(flagger, post, "Again")
    with pytest.raises(PermissionDenied):
        actions.moderate(participant, post, Visibility.HIDDEN, "mine")
    client.force_login(moderator)
    queue = client.get(reverse("coalitions:moderation")).content.decode()
    assert "Budgets" in queue and "Insulting" in queue
    actions.moderate(moderator, post, Visibility.HIDDEN, "Insulting language")
    client.logout()
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Rude words here" not in html and "hidden by a moderator" in html
    api = client.get(f"/api/v1/coalition-threads/{thread.pk}/").json()
    assert api["posts"] == []


def test_posts_are_rate_limited(gender, participant, settings):
    settings.RATE_LIMITS = {"contribute": (2, 3600)}
    actions.join(participant, gender, ParticipantKind.INDIVIDUAL)
    thread = actions.start_thread(participant, gender, "One", "first")
    actions.reply(participant, thread, "second")
    with pytest.raises(RateLimited):
        actions.reply(participant, thread, "third")


@pytest.mark.parametrize(
    "persona,manage,moderate",
    [
        ("anonymous", False, False),
        ("participant", False, False),
        ("cso_rep", False, False),
        ("albania_poc", False, False),
        ("moderator", False, True),
        ("support_unit", True, True),
    ],
)
def test_permission_matrix(request, persona, manage, moderate, gender):
    user = request.getfixturevalue(persona)
    assert user.has_perm("coalitions.view_coalition", gender)
    assert user.has_perm("coalitions.change_coalition", gender) is manage
    assert user.has_perm("coalitions.moderate_post", gender) is moderate
    assert user.has_perm("coalitions.add_thread", gender) is (persona == "support_unit")
    assert user.has_perm("coalitions.join_coalition", gender) is (persona != "anonymous")


def test_member_page_lists_its_coalitions(gender, albania, albania_poc, client):
    actions.join(albania_poc, gender, ParticipantKind.GOVERNMENT, albania)
    assert "Gender and Inclusion" in client.get(albania.get_absolute_url()).content.decode()
    assert Coalition.objects.count() == 1
