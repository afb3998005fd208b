"""Spreadsheet safety for downloads: a text cell that a spreadsheet would run as a formula is made text."""

from __future__ import annotations

from typing import Any

# What Excel, LibreOffice and Google Sheets treat as the start of a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: Any) -> Any:
    """Prefix ``'`` to a string that starts like a formula; other values pass unchanged (idempotent)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
