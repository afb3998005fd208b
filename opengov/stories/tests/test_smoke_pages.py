from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import make_story

pytestmark = pytest.mark.django_db


def test_the_stories_page_lists_published_stories_and_leads_with_featured(client, author):
    make_story(author, title="A published one")
    make_story(author, status="featured", title="A featured one")
    make_story(author, status="submitted", title="A pending one")
    response = client.get(reverse("stories:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A published one" in html
    assert "A featured one" in html
    assert "A pending one" not in html
    assert html.index("A featured one") < html.index("A published one")
