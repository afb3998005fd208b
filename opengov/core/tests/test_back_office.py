"""Every back-office list can be searched and filtered, links rows by readable names (autocomplete, never raw ids)
and opens for the Support Unit; the admin obeys the same rules as the pages and the API."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from opengov.core.admin import searchable_relations

pytestmark = pytest.mark.django_db

ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
PROJECT_ADMINS = [(model, model_admin) for model, model_admin in ADMINS if model.__module__.startswith("opengov.")]
IDS = [model._meta.label for model, _ in PROJECT_ADMINS]


@pytest.mark.parametrize(("model", "model_admin"), PROJECT_ADMINS, ids=IDS)
def test_every_list_has_search_and_filters(model, model_admin):
    assert model_admin.search_fields, f"{model._meta.label}: no search"
    assert model_admin.list_filter, f"{model._meta.label}: no list filter"


@pytest.mark.parametrize(("model", "model_admin"), PROJECT_ADMINS, ids=IDS)
def test_links_are_autocompletes_not_raw_ids(model, model_admin, support_unit):
    assert not model_admin.raw_id_fields, f"{model._meta.label}: raw ids"
    request = RequestFactory().get("/")
    request.user = support_unit
    assert set(searchable_relations(model)) <= set(model_admin.get_autocomplete_fields(request))
    for inline in model_admin.inlines:
        assert not inline.raw_id_fields, f"{inline.__name__}: raw ids"


@pytest.mark.parametrize(("model", "model_admin"), PROJECT_ADMINS, ids=IDS)
def test_every_list_and_add_page_opens(client, model, model_admin, support_unit):
    client.force_login(support_unit)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "x"}).status_code == 200
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code in (200, 403)


# --- The IRM's back office obeys irm/rules.py -----------------------------------------------------------------


@pytest.fixture
def irm_draft():
    from opengov.factories import AssessmentFactory, IrmReportFactory

    report = IrmReportFactory(state="draft", summary="Secret draft summary")
    return AssessmentFactory(report=report, narrative="Secret draft analysis")


def test_support_unit_neither_reads_nor_changes_irm_drafts(client, support_unit, irm_draft):
    client.force_login(support_unit)
    report, assessment = irm_draft.report, irm_draft
    for url in (
        reverse("admin:irm_report_change", args=[report.pk]),
        reverse("admin:irm_assessment_change", args=[assessment.pk]),
    ):
        response = client.get(url, follow=True)
        assert "Secret draft" not in response.content.decode(), url
        assert client.post(url, {"summary": "changed", "narrative": "changed"}).status_code in (302, 403)
    report.refresh_from_db()
    assessment.refresh_from_db()
    assert report.summary == "Secret draft summary" and assessment.narrative == "Secret draft analysis"
    assert "Secret" not in client.get(reverse("admin:irm_report_changelist")).content.decode()
    assert str(report) not in client.get(reverse("admin:irm_assessment_changelist")).content.decode()


def test_support_unit_reads_a_published_report_without_changing_it(client, support_unit, irm_draft):
    report = irm_draft.report
    report.state = "published"
    report.save()
    client.force_login(support_unit)
    page = client.get(reverse("admin:irm_report_change", args=[report.pk])).content.decode()
    assert "Secret draft summary" in page and 'name="summary"' not in page


def test_irm_staff_change_drafts_in_the_back_office(client, irm_staff, irm_draft):
    irm_staff.is_staff = True
    irm_staff.save()
    client.force_login(irm_staff)
    page = client.get(reverse("admin:irm_report_change", args=[irm_draft.report.pk])).content.decode()
    assert 'name="summary"' in page


def test_support_unit_records_a_finding_by_hand_and_confirms_it(client, support_unit):
    from opengov.factories import ActionPlanFactory
    from opengov.irm.models import Finding

    plan = ActionPlanFactory(number=3)
    client.force_login(support_unit)
    response = client.post(
        reverse("admin:irm_finding_add"),
        {
            "action_plan": plan.pk,
            "kind": "no_progress",
            "cycle": "",
            "found_on": "2026-01-05",
            "evidence": "No report.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    finding = Finding.objects.get(action_plan=plan)
    assert (finding.member_id, finding.cycle, finding.status) == (plan.member_id, 3, "recorded")
    # The same finding twice is a field error, not a crash.
    again = client.post(
        reverse("admin:irm_finding_add"),
        {"action_plan": plan.pk, "kind": "no_progress", "cycle": "", "found_on": "2026-01-05", "evidence": "x"},
    )
    assert again.status_code == 200 and Finding.objects.filter(action_plan=plan).count() == 1
    client.post(
        reverse("admin:irm_finding_changelist"),
        {"action": "confirm_selected", "_selected_action": [finding.pk]},
    )
    finding.refresh_from_db()
    assert finding.status == "confirmed" and finding.confirmed_by == support_unit


def test_a_future_status_change_is_marked_scheduled(client, support_unit):
    import datetime

    from django.utils import timezone

    from opengov.factories import MemberFactory
    from opengov.members.actions import change_status

    member = MemberFactory()
    change_status(support_unit, member, "inactive", timezone.localdate() + datetime.timedelta(days=30), "Later")
    client.force_login(support_unit)
    assert "scheduled" in client.get(reverse("admin:members_member_change", args=[member.pk])).content.decode()
    assert "scheduled" in client.get(member.get_absolute_url()).content.decode()
