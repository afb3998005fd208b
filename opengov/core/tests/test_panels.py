"""core.panels: an app above renders its part on a page below, in order, escaped unless rendered from a template."""

from __future__ import annotations

import pytest
from django.utils.safestring import mark_safe

from opengov.core import panels


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(panels, "_panels", panels.defaultdict(list))


def test_panels_render_in_order_and_escape_plain_strings(clean_registry, rf, albania):
    @panels.register("members.Member", order=20)
    def second(request, member):
        return mark_safe(f"<p>second {member.name}</p>")  # noqa: S308 — test markup

    @panels.register("members.Member", order=10)
    def first(request, member):
        return "<b>plain</b>"

    @panels.register("members.Member")
    def empty(request, member):
        return ""

    panels.register("members.Member", order=20)(second)  # registering twice shows it once
    html = panels.render(rf.get("/"), albania)
    assert html == "&lt;b&gt;plain&lt;/b&gt;\n<p>second Albania</p>"


def test_member_page_shows_registered_panels(clean_registry, client, albania):
    panels.register("members.Member")(lambda request, member: mark_safe(f"<p id='probe'>{member.slug}</p>"))  # noqa: S308
    response = client.get(albania.get_absolute_url())
    assert "<p id='probe'>albania</p>" in response.content.decode()
