"""The demo ends by indexing what other seeders wrote without model signals (bulk inserts, data migrations)."""

from __future__ import annotations

import pytest

from opengov.core import seeding
from opengov.factories import EventFactory, UserFactory
from opengov.search import demo
from opengov.search.models import SearchDocument
from opengov.search.query import Filters, search

pytestmark = pytest.mark.django_db


def test_search_seeds_last():
    labels = [label for label, _module in seeding.demo_modules()]
    assert labels[-1] == "search" and labels[0] == "opendata"


def test_bulk_written_and_migrated_rows_are_indexed_once(edition_for_demo):
    from opengov.events.models import Event

    # As the events demo writes past editions: bulk_create, no post_save, so nothing is indexed yet.
    event = EventFactory.build(edition=edition_for_demo, submitted_by=UserFactory(), title="Okapi hackathon")
    event.set_region()
    Event.objects.bulk_create([event])
    # As a fresh database holds the taxonomy: migrated rows, no documents (an earlier test on this worker may have
    # put the taxonomy back through the ORM, which indexes it).
    SearchDocument.objects.filter(kind="policyarea").delete()
    assert search("okapi").hits == [] and not SearchDocument.objects.filter(kind="policyarea").exists()
    log = seeding.SeedLog()
    demo.seed(log)
    assert [h.document.kind for h in search("okapi").hits] == ["event"]
    assert search("ownership", Filters(kind="policyarea")).hits  # the taxonomy comes from a data migration
    assert demo.stale_kinds() == []
    again = seeding.SeedLog()
    demo.seed(again)
    assert again.counts == {}  # a second run rebuilds nothing


@pytest.fixture
def edition_for_demo(db):
    from opengov.factories import EditionFactory

    return EditionFactory(year=2019)
