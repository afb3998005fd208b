from django import template
from django.utils.safestring import SafeString

from opengov.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Render user Markdown as sanitised HTML."""
    return render_markdown(text)


# The badge's colour only repeats what its text says (WCAG 1.4.1): the label is always printed.
_TONES = {
    # member statuses
    "active": "ok",
    "under_procedural_review": "warn",
    "inactive": "bad",
    "suspended": "bad",
    "withdrawn": "bad",
    # milestone statuses
    "complete": "ok",
    "in_progress": "info",
    "delayed": "warn",
    "not_started": "neutral",
    # eligibility outcomes
    "eligible": "ok",
    "not_eligible": "bad",
    "not_enough_data": "neutral",
    # plan phases
    "co_creation": "info",
    "submitted": "info",
    "implementation": "ok",
    "ended": "neutral",
}


@register.filter
def tone(value: object) -> str:
    """The badge tone (CSS modifier) for a status, phase or outcome value."""
    return _TONES.get(str(value), "neutral")


@register.filter
def percent_of(part: int | None, whole: int | None) -> int:
    """Whole-number percentage, 0 when there is nothing to divide by."""
    if not whole:
        return 0
    return round(100 * (part or 0) / whole)
