"""Public pages of action plans, commitments and policy areas: what a reader sees."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    EvidenceLinkFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    UserFactory,
    policy_area,
)
from opengov.plans import actions
from opengov.plans.models import CommitmentStatus, MilestoneStatus
from opengov.plans.phases import Phase


@pytest.fixture(autouse=True)
def fresh_cache():
    # Policy-area counts are cached for five minutes; each test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(albania):
    return ActionPlanFactory(
        member=albania,
        number=1,
        ogp_id="AP_ALB01",
        start_year=2012,
        end_year=2014,
        submitted_on=datetime.date(2012, 4, 1),
        phase=Phase.IMPLEMENTATION,
        document_url="https://example.org/alb-plan-1.pdf",
    )


@pytest.fixture
def commitment(plan):
    return CommitmentFactory(
        action_plan=plan,
        ogp_id="AL0002",
        number="2",
        title="Open the public procurement register",
        short_title="Procurement register",
        lead_institution="Public Procurement Agency",
        supporting_institutions="Ministry of Finance\nTransparency Watch",
        policy_areas=[policy_area("Open Contracting"), policy_area("Open Data")],
    )


# --- Action plan -----------------------------------------------------------------------------------


def test_action_plan_page_shows_name_phase_and_commitments(client, plan, commitment):
    MilestoneFactory(commitment=commitment, status=MilestoneStatus.COMPLETE)
    MilestoneFactory(commitment=commitment, status=MilestoneStatus.COMPLETE)
    MilestoneFactory(commitment=commitment, status=MilestoneStatus.IN_PROGRESS)
    MilestoneFactory(commitment=commitment, status=MilestoneStatus.WITHDRAWN)

    response = client.get(reverse("plans:action-plan", kwargs={"ogp_id": "AP_ALB01"}))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Albania Action Plan 2012-2014" in html
    assert "Implementation" in html
    assert "carrying out the commitments" in html  # what the phase means
    assert "AL0002" in html and "Procurement register" in html
    assert "Public Procurement Agency" in html
    assert "Open Contracting" in html
    # Withdrawn milestones are not counted.
    assert "2 of 3 milestones complete" in html
    assert "https://example.org/alb-plan-1.pdf" in html


def test_action_plan_page_is_404_for_an_unknown_id(client, db):
    assert client.get(reverse("plans:action-plan", kwargs={"ogp_id": "AP_NOPE01"})).status_code == 404


# --- Commitment ------------------------------------------------------------------------------------


def test_commitment_page_shows_the_template_fields(client, commitment):
    later_plan = ActionPlanFactory(member=commitment.action_plan.member, number=2, start_year=2014, end_year=2016)
    CommitmentFactory(
        action_plan=later_plan, ogp_id="AL0031", title="Register, phase two", carried_forward_from=commitment
    )

    response = client.get(commitment.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Open the public procurement register" in html
    assert "Public Procurement Agency" in html
    assert "<li>Transparency Watch</li>" in html
    # All four OGP values are listed, each with whether it applies (the factory claims only the first).
    assert "Access to Information: <strong>yes</strong>" in html
    assert "Civic Participation: no" in html
    assert "Technology and Innovation for Transparency and Accountability: no" in html
    # Policy areas appear under their group.
    assert "Anti-Corruption and Integrity" in html and "Open Contracting" in html
    assert "AL0031" in html and "Register, phase two" in html  # carried forward to


def test_commitment_page_links_back_to_the_commitment_it_continues(client, commitment):
    later = CommitmentFactory(
        action_plan=ActionPlanFactory(member=commitment.action_plan.member, number=2),
        ogp_id="AL0031",
        carried_forward_from=commitment,
    )
    html = client.get(later.get_absolute_url()).content.decode()
    assert "Carried forward from" in html
    assert commitment.get_absolute_url() in html


def test_markdown_in_user_text_is_rendered_but_scripts_are_not(client, commitment):
    commitment.description = "**Bold plan**\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1))"
    commitment.save()
    update = ProgressUpdateFactory(commitment=commitment, text="Done <script>steal()</script> *mostly*")

    html = client.get(commitment.get_absolute_url()).content.decode()

    assert "<strong>Bold plan</strong>" in html
    assert "<em>mostly</em>" in html
    assert "<script>alert" not in html
    assert "<script>steal" not in html
    assert 'href="javascript' not in html
    # The history shows the raw text, escaped: visible as text, never run.
    assert "&lt;script&gt;alert" in html
    assert update.text.startswith("Done")


def test_milestones_and_progress_updates_are_shown(client, commitment):
    MilestoneFactory(commitment=commitment, title="Publish the register", status=MilestoneStatus.COMPLETE)
    MilestoneFactory(commitment=commitment, title="Train the agencies", status=MilestoneStatus.DELAYED)
    author = UserFactory(display_name="Arta Hoxha", email="arta.secret@example.org")
    update = ProgressUpdateFactory(commitment=commitment, author=author, completion="substantial")
    EvidenceLinkFactory(progress_update=update, url="https://example.org/register", title="The register")

    html = client.get(commitment.get_absolute_url()).content.decode()

    assert "Publish the register" in html and "Train the agencies" in html
    assert "1 of 2 milestones complete (50%)" in html
    assert "Delayed" in html
    assert "Reported by Arta Hoxha" in html
    assert "arta.secret@example.org" not in html
    assert 'href="https://example.org/register"' in html
    assert "Substantial" in html


def test_withdrawn_commitment_is_shown_and_marked(client, commitment):
    commitment.status = CommitmentStatus.WITHDRAWN
    commitment.save()
    response = client.get(commitment.get_absolute_url())
    assert response.status_code == 200
    assert "This commitment was withdrawn" in response.content.decode()


def test_history_shows_who_changed_what_from_what(client, albania_editor, commitment):
    plan = commitment.action_plan
    plan.phase = Phase.CO_CREATION  # editors change commitment text only while co-creating
    plan.save()
    albania_editor.display_name = "Elira Editor"
    albania_editor.save()
    commitment.refresh_from_db()
    actions.update_commitment(
        albania_editor,
        commitment,
        {"title": "Open every procurement register"},
        expected_version=commitment.version,
        policy_areas=[policy_area("Open Contracting"), policy_area("Public Procurement")],
    )
    milestone = MilestoneFactory(commitment=commitment, title="Publish the register")
    actions.update_milestone(
        albania_editor, milestone, {"status": MilestoneStatus.IN_PROGRESS}, expected_version=milestone.version
    )

    html = client.get(commitment.get_absolute_url()).content.decode()

    history = html[html.index("History of changes") :]
    assert "Elira Editor" in history
    assert "editor@albania.example.org" not in html
    assert "Open the public procurement register" in history  # old value
    assert "Open every procurement register" in history  # new value
    assert "Public Procurement" in history  # policy-area change
    assert "Milestone: Publish the register" in history
    assert "Not started" in history and "In progress" in history  # milestone status, as labels


def test_commitment_page_is_404_for_an_unknown_id(client, db):
    assert client.get(reverse("plans:commitment", kwargs={"ogp_id": "ZZ9999"})).status_code == 404


# --- Policy areas ----------------------------------------------------------------------------------


def test_policy_area_index_counts_commitments_per_area_and_group(client, plan):
    CommitmentFactory(action_plan=plan, policy_areas=[policy_area("Open Contracting"), policy_area("Audits")])
    CommitmentFactory(action_plan=plan, policy_areas=[policy_area("Open Contracting")])
    CommitmentFactory(action_plan=plan, policy_areas=[policy_area("Open Data")])

    response = client.get(reverse("plans:policy-areas"))

    assert response.status_code == 200
    groups = {g.label: g for g in response.context["groups"]}
    anti_corruption = groups["Anti-Corruption and Integrity"]
    # Two commitments in the group: the one tagged twice counts once.
    assert anti_corruption.group_count == 2
    counts = {a.label: a.commitment_count for a in anti_corruption.sub_areas}
    assert counts["Open Contracting"] == 2
    assert counts["Audits"] == 1
    assert counts["Lobbying"] == 0
    standalone = {a.label: a.commitment_count for a in response.context["standalone"]}
    assert standalone["Open Data"] == 1
    assert "Anti-Corruption and Integrity" in response.content.decode()


def test_policy_area_page_lists_commitments_of_the_area_and_its_sub_areas(client, plan):
    tagged_child = CommitmentFactory(action_plan=plan, title="Child tagged", policy_areas=[policy_area("Audits")])
    tagged_both = CommitmentFactory(
        action_plan=plan,
        title="Tagged twice",
        policy_areas=[policy_area("Anti-Corruption and Integrity"), policy_area("Lobbying")],
    )
    other = CommitmentFactory(action_plan=plan, title="Elsewhere", policy_areas=[policy_area("Open Data")])

    response = client.get(reverse("plans:policy-area", kwargs={"slug": "anti-corruption-and-integrity"}))

    assert response.status_code == 200
    listed = list(response.context["page"].object_list)
    assert listed == sorted([tagged_child, tagged_both], key=lambda c: c.ogp_id)  # each once
    assert response.context["page"].paginator.count == 2
    html = response.content.decode()
    assert "Child tagged" in html and "Tagged twice" in html
    assert other.title not in html
    assert "Albania" in html  # member column
    assert "Lobbying" in html  # sub-areas listed


def test_policy_area_page_of_a_sub_area_shows_its_group(client, plan):
    CommitmentFactory(action_plan=plan, title="Audit everything", policy_areas=[policy_area("Audits")])
    html = client.get(reverse("plans:policy-area", kwargs={"slug": "audits"})).content.decode()
    assert "Part of" in html and "Anti-Corruption and Integrity" in html
    assert "Audit everything" in html


def test_policy_area_page_paginates(client, plan):
    area = policy_area("Tax")
    for _ in range(51):
        CommitmentFactory(action_plan=plan, policy_areas=[area])
    first = client.get(area.get_absolute_url())
    second = client.get(area.get_absolute_url() + "?page=2")
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 1
    assert "51 commitments" in first.content.decode()


def test_policy_area_page_is_404_for_an_unknown_slug(client, db):
    assert client.get(reverse("plans:policy-area", kwargs={"slug": "no-such-area"})).status_code == 404


def test_editors_see_edit_links_on_public_pages_and_the_public_does_not(client, albania, albania_editor):
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    commitment = CommitmentFactory(action_plan=plan)
    MilestoneFactory(commitment=commitment)
    edit_url = reverse("plans:commitment-edit", kwargs={"ogp_id": commitment.ogp_id})
    assert edit_url not in client.get(commitment.get_absolute_url()).content.decode()
    client.force_login(albania_editor)
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert edit_url in page
    assert (
        reverse("plans:plan-edit", kwargs={"ogp_id": plan.ogp_id})
        in client.get(plan.get_absolute_url()).content.decode()
    )
