"""The one way the platform writes a date or a moment in a sentence, in the reader's language.

Templates use Django's ``date`` filter with DATE_FORMAT / DATETIME_FORMAT (opengov/formats sets English);
Python code that builds a sentence (messages, evidence, notifications) uses these, never ``str(date)``.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone


def day(value: datetime.date | None) -> str:
    """``July 2, 2026`` (English), ``2 de julio de 2026``, ``2 juillet 2026``; an em dash if unknown."""
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def moment(value: datetime.datetime | None) -> str:
    """A date and time in the current time zone: ``Dec. 2, 2026, 03:08`` (never "a.m.", so never "a.m..")."""
    if value is None:
        return "—"
    return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")


def ordered(start: datetime.date, end: datetime.date) -> bool:
    """A range reads "from start to end" only when start comes first."""
    return start <= end
