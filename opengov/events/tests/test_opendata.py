"""Approved events in the open data: their own CSV/JSON/XLSX, the dictionary and the ZIP's datapackage.json; never
the private contact e-mail; text made safe for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.urls import reverse

from opengov.events.choices import State
from opengov.factories import EventFactory


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_events_dataset(client, edition):
    EventFactory(edition=edition, title='=HYPERLINK("http://evil")', contact_email="hidden@example.org")
    EventFactory(edition=edition, title="Pending one", state=State.SUBMITTED)
    rows = list(
        csv.DictReader(io.StringIO(_body(client.get(reverse("opendata:download", args=["events", "csv"]))).decode()))
    )
    assert len(rows) == 1
    assert rows[0]["title"].startswith("'=")  # not run as a formula
    assert rows[0]["edition"] == str(edition.year) and rows[0]["topics"] == "civic_space"
    assert "hidden@example.org" not in json.dumps(rows)
    data = json.loads(_body(client.get(reverse("opendata:download", args=["events", "json"]))))
    assert data["rows"][0]["country"] == "IT"
    assert _body(client.get(reverse("opendata:download", args=["events", "xlsx"])))[:2] == b"PK"
    assert "events" in client.get(reverse("opendata:dictionary")).content.decode()


def test_events_in_the_zip_and_its_datapackage(client, edition):
    EventFactory(edition=edition)
    archive = zipfile.ZipFile(io.BytesIO(_body(client.get(reverse("opendata:bundle")))))
    package = json.loads(archive.read("datapackage.json"))
    resource = next(r for r in package["resources"] if r["name"] == "events")
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    assert types["starts_at"] == "datetime" and types["latitude"] == "number" and types["edition"] == "integer"
    header = next(csv.reader(io.StringIO(archive.read("events.csv").decode())))
    assert header == [f["name"] for f in resource["schema"]["fields"]]
