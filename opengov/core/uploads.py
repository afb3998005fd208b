"""Repository uploads: size and type checked on the file's content (magic bytes), never on the client's word.

Accepted: PDF, DOCX, XLSX, ODT (zip containers whose parts are checked), PNG, JPEG, CSV and plain text (UTF-8,
no NUL bytes). The extension must agree with the content. Files are stored through Django's storage API.
"""

from __future__ import annotations

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.crypto import get_random_string
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# extension -> content type stored and served
TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".csv": "text/csv",
    ".txt": "text/plain",
}
# A zip container is only the claimed office format if it holds that format's main part.
ZIP_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".odt": "content.xml"}


def max_bytes() -> int:
    return int(getattr(settings, "COCREATION_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def _head(upload: UploadedFile[bytes], n: int = 8192) -> bytes:
    upload.seek(0)
    data: bytes = upload.read(n)  # FileProxyMixin.read is typed Any; uploads are read in binary mode
    upload.seek(0)
    return data


def _is_text(upload: UploadedFile[bytes]) -> bool:
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
        upload.seek(0)
        upload.read().decode("utf-8")
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def _zip_has(upload: UploadedFile[bytes], part: str, odt: bool) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if part not in names:
                return False
            if odt:
                return archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text"
            return True
    except (zipfile.BadZipFile, KeyError):
        return False
    finally:
        upload.seek(0)


def check_upload(upload: UploadedFile[bytes]) -> str:
    """The content type of an acceptable upload; ValidationError saying why otherwise."""
    if upload.size is None or upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if upload.size > max_bytes():
        raise ValidationError({"file": _("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)}})
    ext = os.path.splitext(upload.name or "")[1].lower()
    if ext not in TYPES:
        raise ValidationError({"file": _("Upload a PDF, DOCX, XLSX, ODT, PNG, JPEG, CSV or plain-text file.")})
    head = _head(upload)
    ok = {
        ".pdf": lambda: head.startswith(b"%PDF-"),
        ".png": lambda: head.startswith(b"\x89PNG\r\n\x1a\n"),
        ".jpg": lambda: head.startswith(b"\xff\xd8\xff"),
        ".jpeg": lambda: head.startswith(b"\xff\xd8\xff"),
        ".docx": lambda: head.startswith(b"PK\x03\x04") and _zip_has(upload, ZIP_PARTS[".docx"], False),
        ".xlsx": lambda: head.startswith(b"PK\x03\x04") and _zip_has(upload, ZIP_PARTS[".xlsx"], False),
        ".odt": lambda: head.startswith(b"PK\x03\x04") and _zip_has(upload, ZIP_PARTS[".odt"], True),
        ".csv": lambda: _is_text(upload),
        ".txt": lambda: _is_text(upload),
    }[ext]()
    if not ok:
        raise ValidationError({"file": _("The file's content is not a %(ext)s file.") % {"ext": ext[1:].upper()}})
    return TYPES[ext]


def storage_name(original: str | None) -> str:
    """A safe file name with a random prefix, so names never collide or reveal a path."""
    base = get_valid_filename(os.path.basename(original or "document"))[-100:] or "document"
    return f"{get_random_string(12)}-{base}"
