"""The Global Report: staff create and generate an edition in the background; HTML and an A4 PDF with a page
per member are kept and downloadable; staff are notified."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from opengov.insights.models import Edition, EditionState
from opengov.members.models import Member
from opengov.notifications.models import Notification

from .test_indicators import world  # noqa: F401 - fixture


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_only_the_support_unit_creates_editions(client, participant, db):
    client.force_login(participant)
    assert client.post("/insights/global-report/", {"title": "x", "year": 2026}).status_code == 403
    assert not Edition.objects.exists()


def test_generate_edition_html_and_pdf(client, support_unit, world, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(support_unit)
    response = client.post(
        "/insights/global-report/", {"title": "Global Report 2026", "year": 2026, "introduction": "Hello *world*."}
    )
    edition = Edition.objects.get()
    assert response.status_code == 302 and response["Location"] == edition.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/insights/global-report/{edition.pk}/generate/")
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.state == EditionState.READY and edition.progress == 100
    assert Notification.objects.filter(recipient=support_unit, url=edition.get_absolute_url()).exists()

    html = client.get(f"/insights/global-report/{edition.pk}/report.html")
    text = html.content.decode()
    assert "target-counter" in text and "@page" in text
    assert "'sha256-" in html["Content-Security-Policy"]  # its own <style>, allowed by hash only
    for member in Member.objects.all():
        assert f'id="member-{member.slug}"' in text

    pdf = client.get(f"/insights/global-report/{edition.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    data = b"".join(pdf.streaming_content)
    assert data.startswith(b"%PDF")
    pages = _pdf_pages(data, edition.pdf_file.path)
    names = [m.name for m in Member.objects.all()]
    for name in names:
        # A page of its own: the member's name opens a page of the member section.
        assert any(page.lstrip().startswith(name) for page in pages), name
    # Page numbers in the margin and a table of contents with page numbers.
    assert any(re.search(r"^\s*\d+ / \d+\s*$", page, re.M) for page in pages)


def _pdf_pages(data: bytes, path: str) -> list[str]:
    tool = shutil.which("pdftotext")
    if tool:
        # Our own file, a fixed tool: nothing untrusted reaches the command line.
        text = subprocess.run([tool, "-layout", path, "-"], capture_output=True, check=True).stdout.decode()  # noqa: S603
        return text.split("\f")
    pytest.skip("pdftotext (poppler-utils) is not installed")


def test_edition_page_shows_progress_to_staff_and_hides_drafts_from_the_public(client, support_unit, db):
    edition = Edition.objects.create(title="Draft", year=2026, state=EditionState.RUNNING, progress=40)
    assert client.get(edition.get_absolute_url()).status_code == 404
    client.force_login(support_unit)
    html = client.get(edition.get_absolute_url()).content.decode()
    assert 'value="40"' in html and 'role="status"' in html


def test_a_failing_generation_is_recorded_on_the_edition(support_unit, db, monkeypatch):
    from opengov.insights import report
    from opengov.insights.tasks import generate_edition_task

    edition = Edition.objects.create(title="Broken", year=2026, state=EditionState.QUEUED)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report, "render_pdf", boom)
    with pytest.raises(RuntimeError):
        generate_edition_task.call(edition.pk)
    edition.refresh_from_db()
    assert edition.state == EditionState.FAILED and "disk full" in edition.error
    assert edition.progress >= 55  # progress was written step by step before the failure
