"""Anonymous pages from the shared cache: served again until a table they read changes, never anything personal.

The generations move when a transaction commits (core/freshness.py); tests run inside a transaction that never
commits, so each write here runs under ``committed()``, which runs the on-commit callbacks as a real commit would.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connection, connections

from opengov.core import freshness
from opengov.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    ConsultationFactory,
    ContributionFactory,
    ReportFactory,
)
from opengov.plans.models import Commitment
from opengov.plans.phases import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """The block's writes as if their transaction committed. The test's own transaction never commits, so the one
    publisher it registered (at its first write, maybe in a fixture) is published by hand after the block."""

    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        freshness._publish(connections["default"])

    return run


def test_one_publisher_per_transaction_publishes_every_table_written(albania):
    freshness._publish(connections["default"])  # what the fixtures wrote
    before = freshness.generations(["members_member", "plans_actionplan"])
    albania.name = "Albania (renamed)"
    albania.save()
    ActionPlanFactory(member=albania, number=3, ogp_id="AP_ALB03")
    # every callback of this (never committed) test transaction, the fixtures' writes included
    publishers = [func for _, func, _ in connections["default"].run_on_commit if freshness.is_publisher(func)]
    assert len(publishers) == 1
    assert freshness.generations(["members_member", "plans_actionplan"]) == before  # nothing before the commit
    publishers[0]()
    after = freshness.generations(["members_member", "plans_actionplan"])
    assert all(after[table] != before[table] for table in after)


@pytest.fixture
def commitment(albania):
    plan = ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01", phase=Phase.IMPLEMENTATION)
    return CommitmentFactory(action_plan=plan, ogp_id="AL0001", title="Open budget data every quarter")


def fetch(client, url, **headers):
    # The test's own setup never commits: count it as committed long ago, as it would be on a real site.
    freshness._publish(connections["default"])
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


def test_a_repeated_anonymous_request_is_served_from_the_cache_with_a_validator(client, commitment):
    url = commitment.get_absolute_url()
    first = fetch(client, url)
    assert first["X-Page-Cache"] == "miss"
    second = fetch(client, url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content and second["ETag"] == first["ETag"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not not_modified.content


def test_a_cached_page_answers_without_touching_the_database(client, commitment, django_assert_num_queries):
    url = commitment.get_absolute_url()
    fetch(client, url)
    with django_assert_num_queries(0):
        assert fetch(client, url)["X-Page-Cache"] == "hit"


def test_an_orm_write_shows_on_the_next_request(client, committed, commitment):
    url = commitment.get_absolute_url()
    fetch(client, url)
    with committed():
        commitment.title = "Quarterly open budget data, now monthly"
        commitment.save()
    response = fetch(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "now monthly" in response.content.decode()


def test_a_bulk_update_and_raw_sql_show_too(client, committed, commitment, albania):
    url = albania.get_absolute_url()
    fetch(client, url)
    with committed():
        type(albania).objects.filter(pk=albania.pk).update(name="Republic of Albania")  # no signals
    assert "Republic of Albania" in fetch(client, url).content.decode()
    with committed(), connection.cursor() as cursor:
        cursor.execute("UPDATE members_member SET name = %s WHERE id = %s", ["Shqipëria", albania.pk])
    assert "Shqipëria" in fetch(client, url).content.decode()


def test_a_write_to_an_unrelated_table_keeps_the_page(client, committed, commitment):
    from opengov.factories import UserFactory

    url = "/members/"
    fetch(client, url)
    with committed():
        UserFactory(email="someone@example.org")  # a sign-up: the directory reads no account
    assert fetch(client, url)["X-Page-Cache"] == "hit"


def test_a_rolled_back_write_keeps_the_page_and_a_later_commit_still_counts(client, committed, commitment):
    from django.db import transaction

    url = commitment.get_absolute_url()
    fetch(client, url)
    try:
        with transaction.atomic():
            Commitment.objects.filter(pk=commitment.pk).update(title="Never saved")
            raise RuntimeError
    except RuntimeError:
        pass
    assert "Never saved" not in fetch(client, url).content.decode()
    with committed():
        Commitment.objects.filter(pk=commitment.pk).update(title="Saved at last")
    assert "Saved at last" in fetch(client, url).content.decode()


def test_irm_publication_shows_on_the_commitment_page(client, committed, commitment):
    report = ReportFactory(action_plan=commitment.action_plan, state="draft")
    AssessmentFactory(report=report, commitment=commitment, narrative="Analysis of the budget commitment")
    url = commitment.get_absolute_url()
    assert "Analysis of the budget commitment" not in fetch(client, url).content.decode()
    with committed():
        type(report).objects.filter(pk=report.pk).update(state="published")
    assert "Analysis of the budget commitment" in fetch(client, url).content.decode()


def test_a_moderation_decision_shows_on_the_consultation_page(client, committed, moderator, albania):
    from opengov.cocreation.actions import hide

    plan = ActionPlanFactory(member=albania, number=2, ogp_id="AP_ALB02", phase=Phase.CO_CREATION)
    consultation = ConsultationFactory(action_plan=plan, closes_on=datetime.date(2099, 12, 31))
    contribution = ContributionFactory(consultation=consultation, title="Abusive proposal", body="Spam spam")
    url = consultation.get_absolute_url()
    assert "Abusive proposal" in fetch(client, url).content.decode()
    with committed():
        hide(moderator, contribution, "Spam")
    assert "Abusive proposal" not in fetch(client, url).content.decode()


def test_an_import_shows_on_the_next_request(client, committed, support_unit):
    from opengov.opendata.importers.ogp_csv import import_ogp_csv
    from opengov.opendata.tests.conftest import SAMPLE

    fetch(client, "/members/")
    with committed():
        import_ogp_csv(support_unit, SAMPLE.read_bytes(), filename="sample.csv")
    assert "Albania" in fetch(client, "/members/").content.decode()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_each_language_has_its_own_entry(client, commitment, language):
    url = commitment.get_absolute_url()
    fetch(client, url, HTTP_ACCEPT_LANGUAGE="en")
    response = fetch(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert f'<html lang="{language}">' in response.content.decode()


def test_signed_in_visitors_and_api_tokens_are_never_served_shared_pages(client, commitment, participant):
    url = commitment.get_absolute_url()
    fetch(client, url)
    fetch(client, url)
    client.force_login(participant)
    response = fetch(client, url)
    assert "X-Page-Cache" not in response  # built for this visitor, never stored
    client.logout()
    api = client.get("/api/v1/commitments/", HTTP_AUTHORIZATION="Token whatever")
    assert "X-Page-Cache" not in api


def test_pages_with_a_personal_part_are_never_stored(client, db):
    # The log-in page holds this visitor's CSRF token; it must never be shared.
    client.get("/accounts/login/")
    assert "X-Page-Cache" not in client.get("/accounts/login/")
    # A 404 is not stored either (a draft's URL, say): the next request asks the database again.
    assert "X-Page-Cache" not in client.get("/commitments/NOPE/")


def test_the_api_list_is_cached_per_accept_header(client, commitment):
    fetch(client, "/api/v1/commitments/", HTTP_ACCEPT="application/json")
    hit = fetch(client, "/api/v1/commitments/", HTTP_ACCEPT="application/json")
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Type"].startswith("application/json")
    other = fetch(client, "/api/v1/commitments/", HTTP_ACCEPT="text/html")
    assert other["Content-Type"].startswith("text/html")  # not the JSON entry
    assert "X-Page-Cache" not in other  # the browsable API holds a CSRF token: never shared


def test_remember_recomputes_a_value_after_its_tables_change(committed, commitment):
    calls = []

    def count():
        calls.append(1)
        return Commitment.objects.count()

    assert freshness.remember("test:count", count) == 1
    assert freshness.remember("test:count", count) == 1 and len(calls) == 1
    with committed():
        CommitmentFactory(action_plan=commitment.action_plan, ogp_id="AL0002")
    assert freshness.remember("test:count", count) == 2 and len(calls) == 2


def test_a_page_that_reads_no_table_is_kept_until_it_expires(client, db):
    first = client.get("/api/schema/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert client.get("/api/schema/")["X-Page-Cache"] == "hit"
