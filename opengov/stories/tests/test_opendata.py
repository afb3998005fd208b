"""Stories and campaign data in the open data downloads and the ZIP; user text is safe in spreadsheets."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from opengov.campaigns import catalogue
from opengov.stories.lifecycle import Status

from .conftest import make_story

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_published_stories_download_with_formulas_neutralised(client, author):
    make_story(author, title='=HYPERLINK("http://evil")')
    make_story(author, status=Status.SUBMITTED, title="Private draft")
    rows = list(
        csv.DictReader(io.StringIO(body(client.get(reverse("opendata:download", args=["stories", "csv"]))).decode()))
    )
    assert [r["title"] for r in rows] == ['\'=HYPERLINK("http://evil")']


def test_campaign_datasets_are_in_the_zip(client, author):
    catalogue.ensure_campaigns()
    make_story(author)
    archive = zipfile.ZipFile(io.BytesIO(body(client.get(reverse("opendata:bundle")))))
    names = set(archive.namelist())
    for slug in ("stories", "campaign-targets", "campaign-examples", "campaign-pledges", "challenge-submissions"):
        assert any(name.startswith(slug) for name in names), slug
    name = next(n for n in names if n.startswith("campaign-targets") and n.endswith(".csv"))
    targets = list(csv.DictReader(io.StringIO(archive.read(name).decode())))
    assert {r["campaign"] for r in targets} == {"break-the-roles", "open-response-open-recovery", "open-gov-challenge"}
