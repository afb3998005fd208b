from django import template
from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from opengov.core import panels
from opengov.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Render user Markdown as sanitised HTML (core.markdown keeps recent results)."""
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


# Django's get_FOO_display() rebuilds a dict of every (lazy) choice label on each call, which costs a
# gettext per choice per row on list pages. This caches the labels per field and language instead.
_choice_labels: dict[tuple[int, str], dict[object, str]] = {}


@register.filter
def display(obj: models.Model, field_name: str) -> str:
    """``{{ member|display:"status" }}``: the choice label of a field, as get_status_display() would say it."""
    value = getattr(obj, field_name)
    model_field = obj._meta.get_field(field_name)
    key = (id(model_field), get_language() or "")
    labels = _choice_labels.get(key)
    if labels is None:
        labels = {choice: str(label) for choice, label in model_field.flatchoices}
        _choice_labels[key] = labels
    return labels.get(value, value)


@register.simple_tag(takes_context=True)
def object_panels(context: template.Context, obj: models.Model) -> SafeString:
    """What apps above this page's app show about ``obj`` (see core.panels)."""
    return panels.render(context["request"], obj)
