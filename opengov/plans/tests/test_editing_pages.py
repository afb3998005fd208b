"""The government editors' pages under /manage/: who may open them, what a save writes, and what errors look like."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from opengov.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory, plan_with_commitment, policy_area
from opengov.plans.models import ActionPlan, Commitment, CommitmentStatus, Milestone, ProgressUpdate
from opengov.plans.phases import Phase

pytestmark = pytest.mark.django_db


# Every page, with the phase its plan needs so that an Albania editor may open it.
PAGES = [
    ("plans:manage", None, Phase.CO_CREATION),
    ("plans:plan-create", "member", Phase.CO_CREATION),
    ("plans:plan-edit", "plan", Phase.CO_CREATION),
    ("plans:plan-phase", "plan", Phase.CO_CREATION),
    ("plans:commitment-create", "plan", Phase.CO_CREATION),
    ("plans:commitment-edit", "commitment", Phase.CO_CREATION),
    ("plans:commitment-withdraw", "commitment", Phase.IMPLEMENTATION),
    ("plans:milestone-create", "commitment", Phase.IMPLEMENTATION),
    ("plans:milestone-edit", "milestone", Phase.IMPLEMENTATION),
    ("plans:progress-create", "commitment", Phase.IMPLEMENTATION),
]


def url_for(name: str, kind: str | None, commitment: Commitment) -> str:
    plan = commitment.action_plan
    args = {
        None: [],
        "member": [plan.member.slug],
        "plan": [plan.ogp_id],
        "commitment": [commitment.ogp_id],
        "milestone": [commitment.milestones.first().pk],  # type: ignore[union-attr]
    }[kind]
    return reverse(name, args=args)


def commitment_data(commitment: Commitment | None = None, **overrides) -> dict:
    """A complete commitment form as a browser would post it (checkboxes only when ticked)."""
    data = {
        "number": "1",
        "title": "Open the land register",
        "short_title": "",
        "theme": "",
        "start_date": "2024-09-01",
        "end_date": "2026-08-31",
        "lead_institution": "Ministry of Justice",
        "supporting_institutions": "",
        "problem": "Nobody can see who owns land.",
        "status_quo": "",
        "description": "Publish the land register as open data.",
        "objective": "",
        "access_to_information": "on",
        "cluster": "",
        "carried_forward_from": "",
        "url": "",
    }
    if commitment is not None:
        data["version"] = str(commitment.version)
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(("name", "kind", "phase"), PAGES)
def test_each_page_opens_for_the_member_editor(client, albania_editor, albania, name, kind, phase):
    commitment = plan_with_commitment(albania, phase)
    client.force_login(albania_editor)

    response = client.get(url_for(name, kind, commitment))

    assert response.status_code == 200
    assert b'class="skip-link"' in response.content  # a full page on the site's base template


@pytest.mark.parametrize(("name", "kind", "phase"), PAGES)
def test_each_page_sends_anonymous_visitors_to_log_in(client, albania, name, kind, phase):
    url = url_for(name, kind, plan_with_commitment(albania, phase))

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "kind", "phase"), [page for page in PAGES if page[1] is not None])
def test_each_page_refuses_another_members_editor_with_a_helpful_page(
    client, albania_editor, armenia, name, kind, phase
):
    client.force_login(albania_editor)

    response = client.get(url_for(name, kind, plan_with_commitment(armenia, phase)))

    assert response.status_code == 403
    assert "You do not edit for Armenia" in response.content.decode()
    assert reverse("plans:manage") in response.content.decode()


def test_a_missing_object_is_not_found(client, albania_editor):
    client.force_login(albania_editor)

    assert client.get(reverse("plans:commitment-edit", args=["AL9999"])).status_code == 404
    assert client.get(reverse("plans:milestone-edit", args=[987654])).status_code == 404


def test_the_phase_refusal_says_the_phase_is_the_reason(client, albania_editor, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION)
    client.force_login(albania_editor)

    response = client.get(reverse("plans:commitment-edit", args=[commitment.ogp_id]))

    assert response.status_code == 403
    assert "phase of this action plan does not allow" in response.content.decode()


# ------------------------------------------------------------------------------------------------------ workspace


def test_the_workspace_lists_only_the_editors_members_with_phase_and_links(client, albania_editor, albania, armenia):
    own = plan_with_commitment(albania, Phase.CO_CREATION)
    other = plan_with_commitment(armenia, Phase.CO_CREATION)
    client.force_login(albania_editor)

    page = client.get(reverse("plans:manage")).content.decode()

    assert own.action_plan.name in page
    assert other.action_plan.name not in page
    assert "Co-creation" in page
    assert reverse("plans:plan-edit", args=[own.action_plan.ogp_id]) in page
    assert reverse("plans:commitment-edit", args=[own.ogp_id]) in page
    assert reverse("plans:plan-create", args=["albania"]) in page


def test_the_workspace_only_links_what_the_phase_allows(client, albania_editor, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION)
    client.force_login(albania_editor)

    page = client.get(reverse("plans:manage")).content.decode()

    assert f'href="{reverse("plans:commitment-edit", args=[commitment.ogp_id])}"' not in page
    assert reverse("plans:progress-create", args=[commitment.ogp_id]) in page
    assert reverse("plans:milestone-edit", args=[commitment.milestones.get().pk]) in page


def test_support_unit_staff_search_every_member(client, support_unit, albania, armenia):
    plan_with_commitment(armenia)
    client.force_login(support_unit)

    page = client.get(reverse("plans:manage"), {"q": "armen"}).content.decode()

    assert "Armenia" in page
    assert 'href="/members/albania/"' not in page


# --------------------------------------------------------------------------------------------------- action plans


def test_creating_an_action_plan_numbers_it_and_records_the_editor(client, albania_editor, albania):
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:plan-create", args=["albania"]),
        {"start_year": "2024", "end_year": "2026", "duration_years": "2", "start_date": "", "end_date": ""},
    )

    plan = ActionPlan.objects.get(member=albania)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:action-plan", args=[plan.ogp_id])
    assert (plan.number, plan.ogp_id, plan.phase) == (1, "AP_ALB01", Phase.CO_CREATION)
    assert plan.history.first().history_user == albania_editor


def test_an_invalid_action_plan_is_shown_with_errors_and_not_saved(client, albania_editor, albania):
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:plan-create", args=["albania"]),
        {"start_year": "2026", "end_year": "2024", "duration_years": "2", "document_url": "not a link"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not ActionPlan.objects.exists()
    assert "There is a problem" in page
    assert "Enter a full web address" in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_document_url_helptext id_document_url_error"' in page
    assert 'href="#id_document_url"' in page


def test_editing_an_action_plan_saves_it_with_history(client, albania_editor, albania):
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:plan-edit", args=[plan.ogp_id]),
        {
            "start_year": "2024",
            "end_year": "2026",
            "duration_years": "2",
            "start_date": "2024-09-01",
            "end_date": "2026-08-31",
            "document_url": "https://ogp.example.org/albania-2024.pdf",
            "version": str(plan.version),
        },
    )

    plan.refresh_from_db()
    assert response.status_code == 302
    assert plan.start_date == datetime.date(2024, 9, 1)
    assert plan.version == 2
    assert plan.history.first().history_user == albania_editor


def test_the_phase_page_offers_the_allowed_next_phases_as_buttons(client, albania_editor, albania):
    plan = ActionPlanFactory(member=albania, phase=Phase.SUBMITTED)
    client.force_login(albania_editor)

    page = client.get(reverse("plans:plan-phase", args=[plan.ogp_id])).content.decode()

    assert 'name="phase" value="implementation"' in page
    assert 'name="phase" value="co_creation"' in page
    assert 'name="phase" value="ended"' not in page
    assert "report progress with evidence" in page


def test_a_phase_button_moves_the_plan_and_records_who(client, albania_editor, albania):
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:plan-phase", args=[plan.ogp_id]), {"phase": "submitted", "version": plan.version}
    )

    plan.refresh_from_db()
    assert response.status_code == 302
    assert plan.phase == Phase.SUBMITTED
    assert plan.submitted_on is not None
    assert plan.history.first().history_user == albania_editor


def test_a_phase_that_is_not_next_is_refused_and_nothing_changes(client, albania_editor, albania):
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    client.force_login(albania_editor)

    response = client.post(reverse("plans:plan-phase", args=[plan.ogp_id]), {"phase": "ended", "version": 1})

    plan.refresh_from_db()
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert plan.phase == Phase.CO_CREATION


# ---------------------------------------------------------------------------------------------------- commitments


def test_adding_a_commitment_gives_it_the_next_ogp_id(client, albania_editor, albania):
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    CommitmentFactory(action_plan=plan, ogp_id="AL0007")
    gender = policy_area("Gender")
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:commitment-create", args=[plan.ogp_id]),
        commitment_data(number="", policy_areas=[str(gender.pk)]),
    )

    commitment = Commitment.objects.get(ogp_id="AL0008")
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:commitment", args=["AL0008"])
    assert commitment.number == "2"
    assert list(commitment.policy_areas.all()) == [gender]
    assert commitment.history.first().history_user == albania_editor


def test_the_commitment_form_asks_the_templates_questions(client, albania_editor, albania):
    commitment = plan_with_commitment(albania)
    client.force_login(albania_editor)

    page = client.get(reverse("plans:commitment-edit", args=[commitment.ogp_id])).content.decode()

    assert "What is the public problem that the commitment will address?" in page
    assert "What is the commitment?" in page
    assert "How will the commitment contribute to solve the public problem?" in page
    assert "<legend>Why is this commitment relevant to OGP values?</legend>" in page
    assert "<legend>Anti-Corruption and Integrity</legend>" in page  # a fieldset per policy-area group
    assert 'type="date"' in page
    assert 'name="version" value="1"' in page


def test_editing_a_commitment_saves_fields_values_and_policy_areas(client, albania_editor, albania):
    commitment = plan_with_commitment(albania)
    earlier_plan = ActionPlanFactory(member=albania, number=0, phase=Phase.ENDED)
    earlier = CommitmentFactory(action_plan=earlier_plan)
    audits, tax = policy_area("Audits"), policy_area("Tax")
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:commitment-edit", args=[commitment.ogp_id]),
        commitment_data(
            commitment,
            title="A new name",
            access_to_information=None,
            civic_participation="on",
            policy_areas=[str(audits.pk), str(tax.pk)],
            carried_forward_from=str(earlier.pk),
        ),
    )

    commitment.refresh_from_db()
    assert response.status_code == 302
    assert commitment.title == "A new name"
    assert (commitment.access_to_information, commitment.civic_participation) == (False, True)
    assert set(commitment.policy_areas.all()) == {audits, tax}
    assert commitment.carried_forward_from == earlier
    assert commitment.history.first().history_user == albania_editor


def test_only_the_members_earlier_commitments_can_be_carried_forward(client, albania_editor, albania, armenia):
    commitment = plan_with_commitment(albania)
    foreign = CommitmentFactory(action_plan=ActionPlanFactory(member=armenia, number=0))
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:commitment-edit", args=[commitment.ogp_id]),
        commitment_data(commitment, carried_forward_from=str(foreign.pk)),
    )

    commitment.refresh_from_db()
    assert response.status_code == 200
    assert commitment.carried_forward_from is None
    assert "carried_forward_from" in response.context["form"].errors


def test_an_invalid_commitment_is_shown_with_errors_and_not_saved(client, albania_editor, albania):
    commitment = plan_with_commitment(albania)
    title = commitment.title
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:commitment-edit", args=[commitment.ogp_id]),
        commitment_data(commitment, title="", start_date="2026-01-01", end_date="2025-01-01"),
    )

    page = response.content.decode()
    commitment.refresh_from_db()
    assert response.status_code == 200
    assert commitment.title == title and commitment.version == 1
    assert "Enter the name of the commitment." in page
    assert "The end date cannot be before the start date." in page
    assert 'href="#id_title"' in page


def test_withdrawing_a_commitment_requires_a_public_reason(client, albania_editor, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION)
    client.force_login(albania_editor)
    url = reverse("plans:commitment-withdraw", args=[commitment.ogp_id])

    refused = client.post(url, {"reason": "  ", "version": commitment.version})
    commitment.refresh_from_db()
    assert refused.status_code == 200
    assert "Say why the commitment is withdrawn" in refused.content.decode()
    assert commitment.status == CommitmentStatus.ACTIVE

    done = client.post(url, {"reason": "The law it depended on was repealed.", "version": commitment.version})
    commitment.refresh_from_db()
    assert done.status_code == 302
    assert commitment.status == CommitmentStatus.WITHDRAWN
    last = commitment.history.first()
    assert (last.history_user, last.history_change_reason) == (albania_editor, "The law it depended on was repealed.")


# ----------------------------------------------------------------------------------------------------- milestones


def test_adding_and_editing_a_milestone(client, albania_editor, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION, milestones=0)
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:milestone-create", args=[commitment.ogp_id]),
        {"title": "Draft the law", "end_date": "2025-06-30", "status": "not_started"},
    )
    milestone = Milestone.objects.get(commitment=commitment)
    assert response.status_code == 302
    assert (milestone.title, milestone.position) == ("Draft the law", 1)
    assert milestone.history.first().history_user == albania_editor

    response = client.post(
        reverse("plans:milestone-edit", args=[milestone.pk]),
        {"title": "Draft the law", "end_date": "2025-06-30", "status": "complete", "version": milestone.version},
    )
    milestone.refresh_from_db()
    assert response.status_code == 302
    assert milestone.status == "complete"
    assert milestone.version == 2


def test_an_invalid_milestone_is_not_saved(client, albania_editor, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION, milestones=0)
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:milestone-create", args=[commitment.ogp_id]),
        {"title": "", "start_date": "2025-06-30", "end_date": "2025-01-01", "status": "not_started"},
    )

    assert response.status_code == 200
    assert not Milestone.objects.exists()
    assert "Describe the milestone." in response.content.decode()


# ----------------------------------------------------------------------------------------------- progress updates


def evidence_management(total: int = 5) -> dict:
    return {
        "evidence-TOTAL_FORMS": str(total),
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "5",
    }


def test_reporting_progress_with_evidence_links(client, albania_editor, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION)
    milestone = commitment.milestones.get()
    client.force_login(albania_editor)

    response = client.post(
        reverse("plans:progress-create", args=[commitment.ogp_id]),
        {
            "reported_on": "2025-03-01",
            "milestone": str(milestone.pk),
            "completion": "substantial",
            "text": "The register is online.",
            **evidence_management(),
            "evidence-0-url": "https://land.example.gov.al/register",
            "evidence-0-title": "The register",
            "evidence-2-url": "https://data.example.gov.al/land.csv",
        },
    )

    update = ProgressUpdate.objects.get(commitment=commitment)
    assert response.status_code == 302
    assert (update.milestone, update.author, update.completion) == (milestone, albania_editor, "substantial")
    assert [(e.url, e.title) for e in update.evidence.all()] == [
        ("https://land.example.gov.al/register", "The register"),
        ("https://data.example.gov.al/land.csv", ""),
    ]
    assert update.history.first().history_user == albania_editor


def test_the_progress_form_offers_only_this_commitments_milestones(client, albania_editor, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION)
    other = MilestoneFactory(commitment=CommitmentFactory(action_plan=commitment.action_plan))
    client.force_login(albania_editor)
    url = reverse("plans:progress-create", args=[commitment.ogp_id])

    page = client.get(url).content.decode()
    assert f'value="{commitment.milestones.get().pk}"' in page
    assert f'value="{other.pk}"' not in page

    response = client.post(
        url,
        {"reported_on": "2025-03-01", "milestone": str(other.pk), "completion": "limited", "text": "x"}
        | evidence_management(),
    )
    assert response.status_code == 200
    assert not ProgressUpdate.objects.exists()


def test_bad_evidence_and_a_future_date_are_shown_and_nothing_is_saved(client, albania_editor, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION)
    client.force_login(albania_editor)
    next_year = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()

    response = client.post(
        reverse("plans:progress-create", args=[commitment.ogp_id]),
        {
            "reported_on": next_year,
            "completion": "limited",
            "text": "Work started.",
            **evidence_management(),
            "evidence-0-url": "not a link",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not ProgressUpdate.objects.exists()
    assert "Enter a full web address" in page
    assert 'href="#id_evidence-0-url"' in page

    response = client.post(
        reverse("plans:progress-create", args=[commitment.ogp_id]),
        {"reported_on": next_year, "completion": "limited", "text": "Work started.", **evidence_management()},
    )
    assert "cannot be dated in the future" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


# ---------------------------------------------------------------------------------------------------- edit links


def test_edit_links_show_only_what_the_user_may_do(rf, albania_editor, participant, albania):
    from django.template import Context, Template

    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION)
    template = Template("{% load plans_editing %}{% edit_links commitment %}")

    def render_for(user):
        request = rf.get("/")
        request.user = user
        return template.render(Context({"request": request, "commitment": commitment}))

    editor_links = render_for(albania_editor)
    assert reverse("plans:progress-create", args=[commitment.ogp_id]) in editor_links
    assert reverse("plans:commitment-withdraw", args=[commitment.ogp_id]) in editor_links
    assert (
        f'href="{reverse("plans:commitment-edit", args=[commitment.ogp_id])}"' not in editor_links
    )  # frozen after co-creation
    assert render_for(participant).strip() == ""
