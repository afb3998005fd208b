"""The report's process findings (DOMAIN.md 2.2, 3.3): public influence on the IAP2 spectrum during development
and implementation, open participation, a forum that met regularly. Written only through irm.actions.assess_process
(the same people as commitment assessments), shown on the report page and in the API; "not assessed" stays
distinct from "no"."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opengov.core.concurrency import EditConflict
from opengov.core.testing import browser_form
from opengov.irm.actions import assess_process
from opengov.irm.influence import latest_findings, report_findings
from opengov.irm.models import Report
from opengov.irm.scales import PublicInfluence, at_least

PERSONAS = ["anonymous", "participant", "albania_editor", "albania_poc", "cso_rep", "moderator", "support_unit"]


def test_the_scale_has_the_iap2_labels_in_order():
    assert [str(label) for label in PublicInfluence.labels] == [
        "Inform",
        "Consult",
        "Involve",
        "Collaborate",
        "Empower",
    ]
    assert at_least(PublicInfluence.INVOLVE) == ["involve", "collaborate", "empower"]


def test_a_new_report_is_not_assessed(draft):
    assert (draft.iap2_level_development, draft.participation_open, draft.forum_met_regularly) == ("", None, None)
    assert [f.label for f in report_findings(draft)] == ["Not assessed"] * 4


# --- Who may: the action ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", [*PERSONAS, "other_researcher"])
def test_only_the_assigned_researcher_and_irm_staff_record_findings(request, persona, draft):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        assess_process(user, draft, {"iap2_level_development": "involve"}, draft.version)
    draft.refresh_from_db()
    assert draft.iap2_level_development == ""


@pytest.mark.parametrize(
    ("state", "researcher_may", "staff_may"),
    [("draft", True, True), ("public_comment", True, True), ("final", False, True), ("published", False, False)],
)
def test_the_workflow_decides_when(researcher, irm_staff, draft, state, researcher_may, staff_may):
    Report.objects.filter(pk=draft.pk).update(state=state)
    draft.refresh_from_db()
    assert researcher.has_perm("irm.assess_process", draft) is researcher_may
    assert irm_staff.has_perm("irm.assess_process", draft) is staff_may


def test_the_researcher_records_findings_with_history_and_version(researcher, draft):
    changed = assess_process(
        researcher,
        draft,
        {"iap2_level_development": "involve", "iap2_level_implementation": "consult", "participation_open": True},
        draft.version,
    )
    assert set(changed) >= {"iap2_level_development", "iap2_level_implementation", "participation_open"}
    draft.refresh_from_db()
    assert (draft.iap2_level_development, draft.participation_open, draft.forum_met_regularly) == (
        "involve",
        True,
        None,
    )
    latest = draft.history.first()
    assert latest.history_user == researcher and latest.iap2_level_development == "involve"
    # "No" is recorded as False, distinct from "not assessed" (None).
    assess_process(researcher, draft, {"forum_met_regularly": False}, draft.version)
    draft.refresh_from_db()
    assert draft.forum_met_regularly is False
    with pytest.raises(EditConflict):
        assess_process(researcher, draft, {"iap2_level_development": "empower"}, 1)


def test_unknown_levels_and_fields_are_refused(researcher, draft):
    with pytest.raises(ValidationError):
        assess_process(researcher, draft, {"iap2_level_development": "delegate"}, draft.version)
    with pytest.raises(ValidationError):
        assess_process(researcher, draft, {"state": "published"}, draft.version)


# --- The form page --------------------------------------------------------------------------------------------


def test_the_researcher_edits_the_findings_on_the_form(client, researcher, draft):
    client.force_login(researcher)
    url = f"/irm/reports/{draft.pk}/process/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Not assessed" in html and "Collaborate" in html and "Open to any interested party" in html
    response = client.post(
        url,
        {
            "version": draft.version,
            "iap2_level_development": "collaborate",
            "iap2_level_implementation": "",
            "participation_open": "False",
            "forum_met_regularly": "True",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.iap2_level_development == "collaborate"
    assert draft.iap2_level_implementation == ""
    assert (draft.participation_open, draft.forum_met_regularly) == (False, True)
    assert draft.history.first().history_user == researcher
    report = client.get(draft.get_absolute_url()).content.decode()
    assert "Collaborate" in report and "Closed" in report and "Not assessed" in report
    assert f"/irm/reports/{draft.pk}/process/" in report


def test_a_stale_form_with_a_true_conflict_shows_both_values(client, researcher, irm_staff, draft):
    client.force_login(researcher)
    url = f"/irm/reports/{draft.pk}/process/"
    loaded = browser_form(client.get(url).content)
    assess_process(irm_staff, draft, {"iap2_level_development": "inform"}, draft.version)

    response = client.post(url, loaded | {"iap2_level_development": "empower"})

    assert response.status_code == 200
    assert "your changes have not been saved yet" in response.content.decode()
    differences = response.context["conflict"]["differences"]
    assert (differences["iap2_level_development"]["theirs"], differences["iap2_level_development"]["yours"]) == (
        "Inform",
        "Empower",
    )
    draft.refresh_from_db()
    assert draft.iap2_level_development == "inform"
    assert client.post(url, browser_form(response.content)).status_code == 302  # a deliberate second save
    draft.refresh_from_db()
    assert draft.iap2_level_development == "empower"


def test_a_stale_form_merges_findings_the_other_person_did_not_touch(client, researcher, irm_staff, draft):
    """Issue 10.1 on the IRM pages: staff record one finding while the researcher records another."""
    client.force_login(researcher)
    url = f"/irm/reports/{draft.pk}/process/"
    loaded = browser_form(client.get(url).content)
    assess_process(irm_staff, draft, {"iap2_level_development": "inform"}, draft.version)

    assert client.post(url, loaded | {"iap2_level_implementation": "consult"}).status_code == 302

    draft.refresh_from_db()
    assert (draft.iap2_level_development, draft.iap2_level_implementation) == ("inform", "consult")


@pytest.mark.parametrize("persona", ["albania_editor", "other_researcher", "participant"])
def test_others_get_no_form(request, client, persona, draft):
    Report.objects.filter(pk=draft.pk).update(state="public_comment")  # readable by all, still editable
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/irm/reports/{draft.pk}/process/").status_code == 403
    assert client.post(f"/irm/reports/{draft.pk}/process/", {"iap2_level_development": "empower"}).status_code == 403
    assert "/process/" not in client.get(draft.get_absolute_url()).content.decode()
    draft.refresh_from_db()
    assert draft.iap2_level_development == ""


# --- The API --------------------------------------------------------------------------------------------------


def test_the_api_shows_and_records_the_findings(api, researcher, draft):
    api.use_token(researcher)
    body = api.get(f"/api/v1/irm/reports/{draft.pk}/").json()
    assert (body["iap2_level_development"], body["participation_open"], body["forum_met_regularly"]) == ("", None, None)
    saved = api.post(
        f"/api/v1/irm/reports/{draft.pk}/process/",
        {"iap2_level_development": "involve", "participation_open": True, "version": body["version"]},
        format="json",
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["iap2_level_development"] == "involve"
    assert saved.json()["participation_open"] is True
    assert saved.json()["forum_met_regularly"] is None
    stale = api.post(
        f"/api/v1/irm/reports/{draft.pk}/process/",
        {"iap2_level_development": "empower", "version": body["version"]},
        format="json",
    )
    assert stale.status_code == 409


@pytest.mark.parametrize("persona", ["albania_editor", "other_researcher"])
def test_the_api_refuses_governments_and_unassigned_researchers(request, api, persona, draft):
    Report.objects.filter(pk=draft.pk).update(state="public_comment")
    api.use_token(request.getfixturevalue(persona))
    refused = api.post(
        f"/api/v1/irm/reports/{draft.pk}/process/", {"iap2_level_development": "empower", "version": 1}, format="json"
    )
    assert refused.status_code == 403
    assert Report.objects.get(pk=draft.pk).iap2_level_development == ""


# --- The admin ------------------------------------------------------------------------------------------------


def test_the_admin_change_form_has_the_findings(client, irm_staff, draft):
    # IRM staff, not the Support Unit: drafts are the IRM's (irm.view_report), in the admin as on the pages.
    irm_staff.is_staff = True
    irm_staff.save()
    client.force_login(irm_staff)
    html = client.get(f"/admin/irm/report/{draft.pk}/change/").content.decode()
    assert 'name="iap2_level_development"' in html and 'name="forum_met_regularly"' in html


# --- The latest finding of a member ---------------------------------------------------------------------------


def test_a_members_latest_finding_comes_from_its_latest_published_report(albania, albania_plan):
    from opengov.factories import ActionPlanFactory, IrmReportFactory

    IrmReportFactory(
        action_plan=albania_plan,
        product="action_plan_review",
        state="published",
        publication_year=2023,
        iap2_level_development="consult",
        participation_open=False,
    )
    later_plan = ActionPlanFactory(member=albania, number=2, start_year=2024, end_year=2026)
    newer = IrmReportFactory(
        action_plan=later_plan,
        product="action_plan_review",
        state="published",
        publication_year=2025,
        iap2_level_development="involve",
    )
    IrmReportFactory(action_plan=later_plan, product="results_report", state="draft", iap2_level_development="empower")
    findings = {f.field: f for f in latest_findings([albania.pk])[albania.pk]}
    assert (findings["iap2_level_development"].label, findings["iap2_level_development"].report) == ("Involve", newer)
    assert findings["participation_open"].label == "Closed"  # only the older plan's report assessed it
    assert findings["participation_open"].report.action_plan == albania_plan
    assert not findings["iap2_level_implementation"].assessed  # the draft does not count
    assert findings["iap2_level_implementation"].label == "Not assessed"
