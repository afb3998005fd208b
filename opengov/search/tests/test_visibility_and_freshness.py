"""Drafts, hidden and private content never appear, for any role; edits are found at once after commit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opengov.cocreation.models import Visibility
from opengov.search.query import search

ROLES = ["anonymous", "participant", "albania_editor", "cso_rep", "irm_staff", "support_unit", "moderator"]


@pytest.mark.parametrize("role", ROLES)
def test_drafts_and_hidden_never_appear(request, client, corpus, role):
    user = request.getfixturevalue(role)
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    for word in ("zanzibar", "quokka"):
        page = client.get(reverse("search:search"), {"q": word})
        assert page.status_code == 200
        assert "0 results" in page.content.decode()
    page = client.get(reverse("search:search"), {"q": "wombat"})
    assert corpus["visible"].get_absolute_url() in page.content.decode()


def test_edit_is_found_at_once_and_withdrawn_item_disappears(corpus, django_capture_on_commit_callbacks):
    commitment = corpus["commitments"]["gender"]
    with django_capture_on_commit_callbacks(execute=True):
        commitment.title = "Participatory budgeting with platypus assemblies"
        commitment.save()
    assert [h.document.object_id for h in search("platypus").hits] == [commitment.pk]
    assert search('"budgeting in municipalities"').hits == []  # the old title is gone

    contribution = corpus["visible"]
    with django_capture_on_commit_callbacks(execute=True):
        contribution.visibility = Visibility.HIDDEN
        contribution.save()
    assert search("wombat").hits == []

    report = corpus["draft"]
    with django_capture_on_commit_callbacks(execute=True):
        report.state = "published"
        report.save()
    assert [h.document.object_id for h in search("zanzibar").hits] == [report.pk]


def test_rolled_back_write_leaves_the_index_alone(corpus, django_capture_on_commit_callbacks):
    from django.db import transaction

    commitment = corpus["commitments"]["gender"]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        commitment.title = "Echidna"
        commitment.save()
        raise RuntimeError
    assert search("echidna").hits == []


def test_milestone_and_policy_area_changes_reindex_their_commitment(corpus, django_capture_on_commit_callbacks):
    from opengov.factories import MilestoneFactory, policy_area

    commitment = corpus["commitments"]["gender"]
    with django_capture_on_commit_callbacks(execute=True):
        MilestoneFactory(commitment=commitment, title="Axolotl census")
    assert [h.document.object_id for h in search("axolotl").hits] == [commitment.pk]
    area = policy_area("Gender")
    with django_capture_on_commit_callbacks(execute=True):
        commitment.policy_areas.add(area)
    results = search("axolotl")
    assert [v.value for v in results.facets["area"]] == [str(area.pk)]


def test_search_page_query_count_is_flat(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get(reverse("search:search"), {"q": "ownership", "kind": "commitment"})
    assert page.status_code == 200


def test_bad_filters_are_field_errors(client, corpus):
    page = client.get(reverse("search:search"), {"q": "ownership", "member": "abc", "kind": "nope"})
    assert page.status_code == 400
    body = page.content.decode()
    assert "Enter a whole number." in body and "Unknown type of result." in body


def test_header_search_box_on_every_page(client, corpus):
    page = client.get(reverse("members:directory"))
    assert 'role="search" class="site-search"' in page.content.decode()


def test_rebuild_command_prints_progress(corpus):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("rebuild_search_index", "commitment", stdout=out)
    assert "commitment" in out.getvalue() and "[##############################] 5/5" in out.getvalue()
    assert search("registers").hits


def test_atom_feeds(client, corpus, armenia):
    for url in (
        reverse("search:feed") + "?q=procurement",
        reverse("search:member-feed", kwargs={"slug": armenia.slug}),
        reverse("search:policy-area-feed", kwargs={"slug": "beneficial-ownership"}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/atom+xml")
        assert b"<feed" in response.content
    assert b"<entry>" not in client.get(reverse("search:feed") + "?q=zanzibar").content  # a draft report
