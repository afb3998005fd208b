"""Content-Security-Policy and Permissions-Policy on every response: pages, API, schema, admin, errors, files."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PATHS = ["/", "/members/", "/accounts/login/", "/api/v1/members/", "/api/schema/", "/api/docs/", "/admin/login/",
         "/no-such-page/", "/health/", "/static/core/site.css"]  # fmt: skip


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_both_policies(client, path):
    response = client.get(path)
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]  # nothing inline
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()"):
        assert feature in permissions


def test_swagger_ui_loads_its_start_up_script_from_a_url(client):
    page = client.get("/api/docs/").content.decode()
    assert "<style>" not in page and "<script>" not in page
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_no_template_has_inline_script_or_style():
    """Inline <script>, <style> or style="" would be refused by the policy: the pages must not need them.
    (The stored Global Report is the one exception, allowed by hash: see test_stored_report_allows_its_own_style.)"""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for template in root.rglob("templates/**/*.html"):
        if template.match("insights/report/report.html"):
            continue
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(str(template.relative_to(root)))
    assert offenders == []


def test_stored_report_allows_its_own_style_by_hash_only(client, tmp_path, settings):
    import base64
    import hashlib

    from django.core.files.base import ContentFile

    from opengov.insights.models import Edition

    settings.MEDIA_ROOT = tmp_path
    style = b"body { font-family: serif; }"
    edition = Edition.objects.create(title="Global Report 2026", year=2026)
    edition.html_file.save("r.html", ContentFile(b"<html><head><style>" + style + b"</style></head></html>"))
    response = client.get(f"/insights/global-report/{edition.pk}/report.html")
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(style).digest()).decode() + "'"
    assert directives(response)["style-src"] == ["'self'", expected]
