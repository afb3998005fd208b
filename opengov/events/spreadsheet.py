"""Cells that are safe to open in a spreadsheet: text starting with = + - @ (or a tab or carriage return) would be
run as a formula by Excel or LibreOffice (CSV injection), so it is prefixed with an apostrophe."""

from __future__ import annotations

from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value
