"""The one pagination include serves a Django Page and pages given as explicit links (search results)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory

INCLUDE = Template('{% include "core/includes/pagination.html" with number=number total=total %}')


def render(**context: object) -> str:
    return INCLUDE.render(RequestContext(RequestFactory().get("/x/?q=budget"), context))


def test_explicit_links_without_a_page_object():
    # A filter argument naming a missing variable raises in Django templates: this was a 500 on /search/.
    html = render(number=1, total=6, previous_url="", next_url="?q=budget&page=2")
    assert 'href="?q=budget&amp;page=2" rel="next"' in html and "Page 1 of 6" in html


def test_a_django_page():
    page = Paginator(list(range(50)), 20).get_page(2)
    html = render(page=page)
    assert "Page 2 of 3" in html and 'rel="prev"' in html and 'rel="next"' in html
