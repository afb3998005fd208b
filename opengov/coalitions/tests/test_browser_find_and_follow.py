"""In a real browser: the header search box -> a coalition found by a word of its description -> following it, then
an Open Gov Week edition reached from the result list and followed too."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from opengov.coalitions import actions
from opengov.factories import EditionFactory, UserFactory
from opengov.following.actions import is_following
from opengov.search import indexer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def search_for(page: Page, words: str) -> None:
    box = page.get_by_role("searchbox", name="Search the site")
    box.fill(words)
    page.get_by_role("search").filter(has=box).get_by_role("button", name="Search").click()


def test_header_search_to_a_coalition_and_an_edition_then_follow_them(page: Page, live_server, support_unit):
    coalition = actions.create_coalition(
        support_unit,
        {"name": "Beneficial Ownership Leadership Group", "slug": "bo", "description": "Registers of **owners**."},
        [],
    )
    edition = EditionFactory(year=2032, theme_en="Registers of owners for everyone")
    indexer.rebuild()
    user = UserFactory(email="reader@example.org")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )  # fmt: skip

    page.goto(live_server.url + "/members/")
    search_for(page, "registers owners")
    expect(page.get_by_text("Coalitions", exact=True).first).to_be_visible()  # the type label of the result
    page.get_by_role("link", name="Beneficial Ownership Leadership Group").click()
    expect(page).to_have_url(live_server.url + coalition.get_absolute_url())
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("button", name="Following · stop following")).to_be_visible()
    assert is_following(user, coalition)

    search_for(page, "registers owners")  # the header box is on the coalition's page too
    page.get_by_role("link", name="Open Gov Week 2032: Registers of owners for everyone").click()
    expect(page).to_have_url(live_server.url + edition.get_absolute_url())
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("button", name="Following · stop following")).to_be_visible()
    assert is_following(user, edition)
