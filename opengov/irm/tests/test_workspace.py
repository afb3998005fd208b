"""The IRM workspace: staff confirm declarations and move reports by buttons; researchers find where to assess."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from opengov.accounts.predicates import roles_of
from opengov.factories import CommitmentFactory, IrmReportFactory, UserFactory
from opengov.irm.actions import add_comment, declare_interests
from opengov.irm.models import Assignment, Report

from .test_query_counts import queries_for


def test_staff_see_and_confirm_a_declaration(client, irm_staff, albania_plan):
    researcher = UserFactory(display_name="Rosa Researcher")
    declaration = declare_interests(researcher, albania_plan, "", no_conflict=True)
    client.force_login(irm_staff)
    page = client.get(reverse("irm:workspace")).content.decode()
    assert "Declarations to confirm" in page and "Rosa Researcher" in page
    response = client.post(reverse("irm:assign", args=[declaration.pk]), {"version": declaration.version})
    assert response.status_code == 302
    assert Assignment.objects.get(pk=declaration.pk).is_current
    assert albania_plan.pk in roles_of(researcher).researcher_plans


def test_staff_decline_a_conflicted_declaration(client, irm_staff, albania_plan):
    declaration = declare_interests(UserFactory(), albania_plan, "I advise the minister.", no_conflict=False)
    client.force_login(irm_staff)
    page = client.get(reverse("irm:workspace")).content.decode()
    assert "Declares a conflict of interest" in page
    assert reverse("irm:assign", args=[declaration.pk]) not in page  # no button that can only fail
    client.post(reverse("irm:decline", args=[declaration.pk]))
    assert Assignment.objects.get(pk=declaration.pk).ended_at is not None


@pytest.mark.parametrize("persona", ["researcher", "support_unit", "participant"])
def test_only_staff_assign(client, request, persona, albania_plan):
    declaration = declare_interests(UserFactory(), albania_plan, "", no_conflict=True)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(reverse("irm:assign", args=[declaration.pk])).status_code == 403
    assert not Assignment.objects.get(pk=declaration.pk).is_current


def test_staff_move_a_report_by_its_buttons(client, irm_staff, draft):
    client.force_login(irm_staff)
    page = client.get(reverse("irm:workspace")).content.decode()
    assert "Open for public comment" in page and draft.name in page
    response = client.post(
        reverse("irm:move", args=[draft.pk]),
        {"state": "public_comment", "version": draft.version, "next": draft.get_absolute_url()},
    )
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    assert Report.objects.get(pk=draft.pk).state == "public_comment"
    # An illegal move is refused with the reason, not a crash.
    response = client.post(reverse("irm:move", args=[draft.pk]), {"state": "published"}, follow=True)
    assert "cannot move" in response.content.decode()
    assert Report.objects.get(pk=draft.pk).state == "public_comment"
    # The next moves are offered on the report page too.
    assert "Mark as final" in client.get(draft.get_absolute_url()).content.decode()


def test_researchers_do_not_move_reports(client, researcher, draft):
    client.force_login(researcher)
    assert "Open for public comment" not in client.get(reverse("irm:workspace")).content.decode()
    assert client.post(reverse("irm:move", args=[draft.pk]), {"state": "public_comment"}).status_code == 403
    assert Report.objects.get(pk=draft.pk).state == "draft"


def test_move_does_not_redirect_off_site(client, irm_staff, draft):
    client.force_login(irm_staff)
    response = client.post(reverse("irm:move", args=[draft.pk]), {"state": "public_comment", "next": "//evil.example"})
    assert response["Location"] == reverse("irm:workspace")


def test_overdue_and_comments_received(client, irm_staff, albania_plan, participant):
    late = IrmReportFactory(action_plan=albania_plan, product="results_report", due_date=datetime.date(2020, 1, 1))
    open_report = IrmReportFactory(action_plan=albania_plan, product="midterm_review", state="public_comment")
    add_comment(participant, open_report, "The milestones are not dated.")
    client.force_login(irm_staff)
    page = client.get(reverse("irm:workspace")).content.decode()
    overdue = page[page.index('id="overdue-heading"') : page.index('id="reports-heading"')]
    assert late.name in overdue and open_report.name not in overdue
    assert "Comments received" in page and "The milestones are not dated." in page


def test_report_page_lists_every_commitment_with_a_link_to_assess(client, researcher, draft, albania_commitment):
    second = CommitmentFactory(action_plan=draft.action_plan, ogp_id="AL0002")
    client.force_login(researcher)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "No commitment has been assessed" not in page
    for commitment in (albania_commitment, second):
        assert reverse("irm:assess", args=[draft.pk, commitment.ogp_id]) in page
    assert "0 of 2 commitments assessed" in page
    client.post(reverse("irm:assess", args=[draft.pk, second.ogp_id]), {"verifiable": "yes", "version": ""})
    assert "1 of 2 commitments assessed" in client.get(draft.get_absolute_url()).content.decode()


def test_readers_get_no_assess_links(client, participant, draft, albania_commitment):
    draft.state = "published"
    draft.save()
    client.force_login(participant)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert albania_commitment.ogp_id in page
    assert reverse("irm:assess", args=[draft.pk, albania_commitment.ogp_id]) not in page


def test_workspace_query_budget(client, irm_staff, albania_plan, participant):
    def add(n: int) -> None:
        for _ in range(n):
            report = IrmReportFactory(state="public_comment")
            add_comment(participant, report, "A comment")
            declare_interests(UserFactory(), report.action_plan, "", no_conflict=True)

    client.force_login(irm_staff)
    add(3)
    small = queries_for(client, reverse("irm:workspace"))
    add(6)
    assert queries_for(client, reverse("irm:workspace")) == small


def test_plan_page_links_its_reports_and_where_to_declare(client, participant, draft, albania_plan):
    published = IrmReportFactory(action_plan=albania_plan, product="results_report", state="published")
    page = client.get(albania_plan.get_absolute_url()).content.decode()
    assert published.get_absolute_url() in page and draft.get_absolute_url() not in page
    assert reverse("irm:declare", args=[albania_plan.ogp_id]) not in page  # anonymous: log in first
    client.force_login(participant)
    assert (
        reverse("irm:declare", args=[albania_plan.ogp_id])
        in client.get(albania_plan.get_absolute_url()).content.decode()
    )


def test_member_page_links_its_snapshot(client, albania):
    assert reverse("insights:member", args=[albania.slug]) in client.get(albania.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("persona", "links"),
    [
        ("irm_staff", ["IRM workspace", "IRM and procedural review dashboard"]),
        ("researcher", ["IRM workspace"]),
        ("support_unit", ["IRM and procedural review dashboard"]),
    ],
)
def test_my_work_links_the_irm_workspaces(client, request, persona, links, draft):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("accounts:dashboard")).content.decode()
    for link in links:
        assert f">{link}</a>" in page, link
    assert ("IRM workspace</a>" in page) == ("IRM workspace" in links)


def test_my_work_says_nothing_of_the_irm_to_others(client, participant):
    client.force_login(participant)
    assert "Independent Reporting Mechanism" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_declared_researcher_finds_the_workspace(client, albania_plan):
    user = UserFactory()
    declare_interests(user, albania_plan, "", no_conflict=True)
    client.force_login(user)
    assert reverse("irm:workspace") in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_researcher_workspace_holds_only_their_plans(client, researcher, draft, participant):
    elsewhere = IrmReportFactory(state="public_comment")
    add_comment(participant, elsewhere, "Elsewhere")
    client.force_login(researcher)
    page = client.get(reverse("irm:workspace")).content.decode()
    assert draft.name in page and elsewhere.name not in page and "Elsewhere" not in page
