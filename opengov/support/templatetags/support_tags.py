from __future__ import annotations

import datetime

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration_words(value: datetime.timedelta | None) -> str:
    """A response time in words: minutes under an hour, hours under two days, then days."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    if minutes < 60:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
