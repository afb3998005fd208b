"""Atom feeds, parsed back as XML: all stories, per topic, per member; only public stories."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from opengov.factories import policy_area
from opengov.stories.lifecycle import Status

from .conftest import make_story

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed in a test
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
            "author": e.findtext(f"{ATOM}author/{ATOM}name"),
            "updated": e.findtext(f"{ATOM}updated"),
        }
        for e in root.findall(f"{ATOM}entry")
    ]


def test_the_feed_holds_published_stories_only(client, author):
    story = make_story(author, title="Out in the open")
    make_story(author, status=Status.SUBMITTED, title="Still private")
    found = entries(client, reverse("stories:feed"))
    assert [e["title"] for e in found] == ["Out in the open"]
    assert found[0]["link"].endswith(story.get_absolute_url())
    assert found[0]["author"] == "Ana Author"
    assert found[0]["updated"]


def test_feeds_per_topic_and_per_member(client, author, albania, armenia):
    area = policy_area("Open Contracting")
    one = make_story(author, title="Contracts", member=albania)
    one.topics.add(area)
    two = make_story(author, title="Elsewhere", member=armenia)
    two.members.add(albania)
    make_story(author, title="Unrelated", member=armenia)
    assert [e["title"] for e in entries(client, reverse("stories:feed-topic", args=[area.slug]))] == ["Contracts"]
    group = area.parent
    assert [e["title"] for e in entries(client, reverse("stories:feed-topic", args=[group.slug]))] == ["Contracts"]
    titles = {e["title"] for e in entries(client, reverse("stories:feed-member", args=["albania"]))}
    assert titles == {"Contracts", "Elsewhere"}
    assert client.get(reverse("stories:feed-member", args=["nowhere"])).status_code == 404
