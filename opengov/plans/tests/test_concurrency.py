"""Two people editing the same row cannot silently overwrite each other, and the second one loses nothing.

Also: the editing pages that list rows have a fixed query count, whatever the number of rows.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.core.concurrency import EditConflict
from opengov.core.testing import browser_form
from opengov.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory, plan_with_commitment, policy_area
from opengov.plans import actions
from opengov.plans.models import Commitment, Milestone
from opengov.plans.phases import Phase

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(response) -> dict:
    """What the browser would submit from the rendered page: read from the HTML, so a hidden field the template
    forgets (the values as loaded, which the merge needs) is missing here as it would be in a real browser."""
    return browser_form(response.content)


# ---------------------------------------------------------------------------------------------------- commitments


def test_edits_to_different_fields_merge_without_a_conflict(albania_editor, albania_poc, albania):
    """Issue 10.1: A changes the short name, B only the theme; B's save keeps both, with no conflict screen."""
    commitment = plan_with_commitment(albania)
    url = reverse("plans:commitment-edit", args=[commitment.ogp_id])
    alice, bob = logged_in(albania_editor), logged_in(albania_poc)
    alice_form, bob_form = form_data(alice.get(url)), form_data(bob.get(url))
    assert alice_form["version"] == bob_form["version"] == "1"

    assert alice.post(url, alice_form | {"short_title": "Alice's short name"}).status_code == 302
    saved = bob.post(url, bob_form | {"theme": "Land"})

    assert saved.status_code == 302, saved.context and saved.context.get("conflict")
    commitment.refresh_from_db()
    assert (commitment.short_title, commitment.theme, commitment.version) == ("Alice's short name", "Land", 3)
    assert commitment.history.first().history_user == albania_poc
    assert [h.short_title for h in commitment.history.all()[:2]] == ["Alice's short name"] * 2


def test_policy_areas_and_values_merge_with_a_text_change(albania_editor, albania_poc, albania):
    commitment = plan_with_commitment(albania)
    url = reverse("plans:commitment-edit", args=[commitment.ogp_id])
    alice, bob = logged_in(albania_editor), logged_in(albania_poc)
    alice_form, bob_form = form_data(alice.get(url)), form_data(bob.get(url))
    tax = policy_area("Tax")

    alice_changes = {"theme": "Land", "policy_areas": [str(tax.pk)], "civic_participation": "on"}
    assert alice.post(url, alice_form | alice_changes).status_code == 302
    assert bob.post(url, bob_form | {"title": "Bob's title"}).status_code == 302

    commitment.refresh_from_db()
    assert (commitment.title, commitment.theme, commitment.civic_participation) == ("Bob's title", "Land", True)
    assert list(commitment.policy_areas.all()) == [tax]


def test_a_true_conflict_shows_only_that_field_with_both_values_and_loses_nothing(albania_editor, albania_poc, albania):
    commitment = plan_with_commitment(albania)
    url = reverse("plans:commitment-edit", args=[commitment.ogp_id])
    alice, bob = logged_in(albania_editor), logged_in(albania_poc)
    alice_form, bob_form = form_data(alice.get(url)), form_data(bob.get(url))

    alice_changes = {"title": "Alice's title", "short_title": "Alice's short name"}
    assert alice.post(url, alice_form | alice_changes).status_code == 302
    refused = bob.post(url, bob_form | {"title": "Bob's title", "theme": "Land"})

    page = refused.content.decode()
    commitment.refresh_from_db()
    assert refused.status_code == 200
    assert (commitment.title, commitment.theme, commitment.version) == ("Alice's title", "", 2)  # nothing overwritten
    assert f"{albania_editor} saved a change to this page after you opened it" in page
    differences = refused.context["conflict"]["differences"]
    assert set(differences) == {"title"}  # only the true conflict is shown ...
    assert (differences["title"]["theirs"], differences["title"]["yours"]) == ("Alice's title", "Bob's title")
    assert "Alice&#x27;s title" in page  # ... with both values
    resubmit = form_data(refused)
    assert resubmit["title"] == "Bob's title"  # Bob's input stays in the field
    assert resubmit["theme"] == "Land"  # the field only Bob changed keeps his input
    assert resubmit["short_title"] == "Alice's short name"  # the field only Alice changed shows her value
    assert resubmit["version"] == "2"

    assert bob.post(url, resubmit).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.title, commitment.short_title, commitment.theme, commitment.version) == (
        "Bob's title",
        "Alice's short name",
        "Land",
        3,
    )
    assert [h.title for h in commitment.history.all()[:2]] == ["Bob's title", "Alice's title"]


def test_a_policy_area_conflict_shows_both_choices(albania_editor, albania_poc, albania):
    commitment = plan_with_commitment(albania)
    url = reverse("plans:commitment-edit", args=[commitment.ogp_id])
    alice, bob = logged_in(albania_editor), logged_in(albania_poc)
    alice_form, bob_form = form_data(alice.get(url)), form_data(bob.get(url))
    tax, audits = policy_area("Tax"), policy_area("Audits")

    assert alice.post(url, alice_form | {"policy_areas": [str(tax.pk)]}).status_code == 302
    refused = bob.post(url, bob_form | {"policy_areas": [str(audits.pk)], "title": "Bob's title"})

    commitment.refresh_from_db()
    assert refused.status_code == 200
    assert list(commitment.policy_areas.all()) == [tax]
    assert commitment.title != "Bob's title"
    differences = refused.context["conflict"]["differences"]
    assert set(differences) == {"policy_areas"}
    assert (differences["policy_areas"]["theirs"], differences["policy_areas"]["yours"]) == ("Tax", "Audits")


def test_update_commitment_with_a_stale_version_raises_edit_conflict(albania_editor, albania_poc, albania):
    commitment = plan_with_commitment(albania)
    actions.update_commitment(albania_editor, commitment, {"title": "First"}, expected_version=1)

    with pytest.raises(EditConflict) as conflict:
        actions.update_commitment(albania_poc, commitment, {"title": "Second"}, expected_version=1)

    commitment.refresh_from_db()
    assert commitment.title == "First"
    assert conflict.value.current.title == "First"
    assert conflict.value.changed_by == albania_editor
    assert str(albania_editor) in conflict.value.message


# ----------------------------------------------------------------------------------------------------- milestones


def test_the_second_save_of_a_milestone_is_refused_and_keeps_the_input(albania_editor, albania_poc, albania):
    milestone = plan_with_commitment(albania, Phase.IMPLEMENTATION).milestones.get()
    url = reverse("plans:milestone-edit", args=[milestone.pk])
    alice, bob = logged_in(albania_editor), logged_in(albania_poc)
    alice_form, bob_form = form_data(alice.get(url)), form_data(bob.get(url))

    assert alice.post(url, alice_form | {"status": "complete"}).status_code == 302
    refused = bob.post(url, bob_form | {"status": "delayed", "responsible": "Ministry of Finance"})

    page = refused.content.decode()
    milestone.refresh_from_db()
    assert refused.status_code == 200
    assert (milestone.status, milestone.responsible, milestone.version) == ("complete", "Ministry of Justice", 2)
    assert str(albania_editor) in page
    assert refused.context["conflict"]["differences"]["status"] == {
        "label": "Status",
        "theirs": "Complete",
        "yours": "Delayed",
        "id": "id_status",
    }
    assert 'value="Ministry of Finance"' in page

    assert bob.post(url, form_data(refused)).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.status, milestone.responsible, milestone.version) == ("delayed", "Ministry of Finance", 3)


def test_update_milestone_with_a_stale_version_raises_edit_conflict(albania_editor, albania):
    milestone = plan_with_commitment(albania, Phase.IMPLEMENTATION).milestones.get()
    actions.update_milestone(albania_editor, milestone, {"status": "complete"}, expected_version=1)

    with pytest.raises(EditConflict):
        actions.update_milestone(albania_editor, milestone, {"status": "delayed"}, expected_version=1)

    assert Milestone.objects.get(pk=milestone.pk).status == "complete"


def test_a_stale_phase_change_is_refused(albania_editor, albania_poc, albania):
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    url = reverse("plans:plan-phase", args=[plan.ogp_id])
    alice, bob = logged_in(albania_editor), logged_in(albania_poc)
    alice.get(url), bob.get(url)

    assert alice.post(url, {"phase": "submitted", "version": 1}).status_code == 302
    refused = bob.post(url, {"phase": "submitted", "version": 1})

    assert refused.status_code == 200
    assert "saved a change to this page" in refused.content.decode()
    assert 'name="phase" value="implementation"' in refused.content.decode()  # the choices from the new phase
    plan.refresh_from_db()
    assert plan.version == 2


def test_a_stale_withdrawal_keeps_the_reason(albania_editor, support_unit, albania):
    commitment = plan_with_commitment(albania, Phase.IMPLEMENTATION)
    client = logged_in(albania_editor)
    url = reverse("plans:commitment-withdraw", args=[commitment.ogp_id])
    client.get(url)
    actions.update_commitment(support_unit, commitment, {"theme": "Land"}, expected_version=1)  # meanwhile

    refused = client.post(url, {"reason": "Repealed law.", "version": 1})

    assert refused.status_code == 200
    assert f"{support_unit} saved a change" in refused.content.decode()
    assert "Repealed law." in refused.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == "active"
    assert client.post(url, form_data(refused)).status_code == 302
    assert Commitment.objects.get(pk=commitment.pk).status == "withdrawn"


# ------------------------------------------------------------------------------------------------- query budgets


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_rows(member, plans: int = 2, commitments: int = 3, milestones: int = 2) -> None:
    for _ in range(plans):
        plan = ActionPlanFactory(member=member, phase=Phase.CO_CREATION)
        for _ in range(commitments):
            commitment = CommitmentFactory(action_plan=plan, policy_areas=[policy_area("Tax"), policy_area("Audits")])
            MilestoneFactory.create_batch(milestones, commitment=commitment)


def test_the_workspace_has_a_fixed_query_count(client, albania_editor, albania, support_unit):
    add_rows(albania, plans=1, commitments=1, milestones=1)
    client.force_login(albania_editor)
    url = reverse("plans:manage")
    small = count_queries(client, url)

    add_rows(albania)
    assert count_queries(client, url) == small

    client.force_login(support_unit)
    su_small = count_queries(client, url)
    for n in range(4):
        add_rows(ActionPlanFactory(member__name=f"Member {n}").member, plans=1)
    assert count_queries(client, url) == su_small


def test_the_commitment_edit_page_has_a_fixed_query_count(client, albania_editor, albania):
    commitment = plan_with_commitment(albania)
    client.force_login(albania_editor)
    url = reverse("plans:commitment-edit", args=[commitment.ogp_id])
    small = count_queries(client, url)

    MilestoneFactory.create_batch(5, commitment=commitment)
    commitment.policy_areas.set([policy_area("Tax"), policy_area("Audits"), policy_area("Gender")])
    earlier = ActionPlanFactory(member=albania, number=0, phase=Phase.ENDED)
    CommitmentFactory.create_batch(4, action_plan=earlier)
    assert count_queries(client, url) == small


def test_plan_edits_to_different_fields_merge(albania_editor, albania_poc, albania):
    plan = ActionPlanFactory(member=albania, phase=Phase.CO_CREATION)
    url = reverse("plans:plan-edit", args=[plan.ogp_id])
    alice, bob = logged_in(albania_editor), logged_in(albania_poc)
    alice_form, bob_form = form_data(alice.get(url)), form_data(bob.get(url))
    assert "loaded" in bob_form  # the page carries the values as loaded, which the merge needs

    assert alice.post(url, alice_form | {"document_url": "https://example.org/plan.pdf"}).status_code == 302
    assert bob.post(url, bob_form | {"duration_years": "4", "end_year": str(plan.start_year + 3)}).status_code == 302

    plan.refresh_from_db()
    assert (plan.document_url, plan.duration_years) == ("https://example.org/plan.pdf", 4)
