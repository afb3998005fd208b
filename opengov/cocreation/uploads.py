"""Upload checks moved to core/uploads.py (every app that takes files uses them); re-exported for this app."""

from opengov.core.uploads import TYPES, ZIP_PARTS, check_upload, max_bytes, storage_name  # noqa: F401
