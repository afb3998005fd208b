"""IRM assessments from OGP's commitments database (filled in once opengov.irm's models exist)."""

from __future__ import annotations

from typing import Any


def sync_assessments(importer: Any, rows: list[Any]) -> None:
    """Create or update the IRM reports and assessments the rows carry. See docs/opendata.md."""
    return None
