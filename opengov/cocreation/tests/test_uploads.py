"""Repository uploads: type checked on content (magic bytes), size limited, stored via storage, served safely."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from opengov.cocreation import actions
from opengov.cocreation.models import Document

pytestmark = pytest.mark.django_db

FIELDS = {"kind": "minutes", "title": "Minutes", "published_on": datetime.date(2025, 1, 1)}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("minutes.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("photo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0....", "image/jpeg"),
        ("data.csv", b"a,b\n1,2\n", "text/csv"),
        ("notes.txt", "Notas en español".encode(), "text/plain"),
        ("minutes.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_accepted_types(albania, albania_editor, name, content, content_type):
    document = actions.add_document(albania_editor, albania, dict(FIELDS), SimpleUploadedFile(name, content))
    assert (document.content_type, document.size) == (content_type, len(content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.pdf", b"<html><script>alert(1)</script>"),
        ("fake.png", b"%PDF-1.7"),
        ("fake.docx", b"PK\x03\x04 not really a zip"),
        ("page.html", b"<html></html>"),
        ("binary.txt", b"\x00\x01\x02"),
        ("empty.pdf", b""),
    ],
)
def test_refused_content(albania, albania_editor, name, content):
    with pytest.raises(ValidationError):
        actions.add_document(albania_editor, albania, dict(FIELDS), SimpleUploadedFile(name, content))
    assert not Document.objects.exists()


def test_size_limit(settings, albania, albania_editor):
    settings.COCREATION_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError):
        actions.add_document(albania_editor, albania, dict(FIELDS), SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 20))


def test_served_as_attachment_with_nosniff(client, albania, albania_editor):
    document = actions.add_document(albania_editor, albania, dict(FIELDS), SimpleUploadedFile("m.pdf", b"%PDF-1.4"))
    response = client.get(document.get_download_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_images_are_shown_inline(client, albania, albania_editor):
    image = actions.add_document(
        albania_editor, albania, dict(FIELDS), SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n")
    )
    assert client.get(image.get_download_url())["Content-Disposition"].startswith("inline")


def test_a_link_instead_of_a_file(albania, albania_editor):
    document = actions.add_document(albania_editor, albania, {**FIELDS, "url": "https://gov.al/minutes.pdf"})
    assert document.get_download_url() == "https://gov.al/minutes.pdf"


def test_other_members_editors_cannot_upload(albania, armenia):
    from django.core.exceptions import PermissionDenied

    from opengov.accounts.actions import grant_role
    from opengov.accounts.models import Role
    from opengov.factories import UserFactory

    editor = UserFactory()
    grant_role(None, editor, Role.GOVERNMENT_EDITOR, armenia)
    with pytest.raises(PermissionDenied):
        actions.add_document(editor, albania, {**FIELDS, "url": "https://x.org/a.pdf"})
