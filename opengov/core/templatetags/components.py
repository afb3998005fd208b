"""The design system's template components (core/templates/core/components/, styled in core/static/core/site.css).

Leaf components are plain includes (stat, progress, empty, tab, core/includes/badge.html and pagination.html);
the ones that wrap content are block tags, so a page fills them with its own markup::

    {% load components %}
    {% component "card" tag="li" title=plan.name href=plan.get_absolute_url %}<p>...</p>{% endcomponent %}
    {% component "tabs" label=_("Open Gov Week") %}{% include "core/components/tab.html" with ... %}{% endcomponent %}
    {% stepper plan "phase" %}       {# the field's choices in order: done, current, still to come #}
    {% icon "calendar-days" %}       {# a Heroicons outline icon, decorative (aria-hidden) #}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.db import models
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from heroicons.templatetags.heroicons import heroicon_outline

register = template.Library()

COMPONENTS = frozenset({"card", "tabs", "section"})


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """An outline Heroicon sized by CSS (.icon: 1.25em). Decorative unless ``label`` names it for screen readers."""
    svg = str(heroicon_outline(name, size=None, **{"class": "icon", "focusable": "false"}))
    if label:
        svg = svg.replace('aria-hidden="true"', f'role="img" aria-label="{escape(label)}"', 1)
    return mark_safe(svg)  # noqa: S308 - the package's own SVG file; the label is escaped


class ComponentNode(template.Node):
    def __init__(self, name: FilterExpression, kwargs: dict[str, FilterExpression], nodelist: NodeList) -> None:
        self.name, self.kwargs, self.nodelist = name, kwargs, nodelist

    def render(self, context: template.Context) -> str:
        name = self.name.resolve(context)
        if name not in COMPONENTS:
            raise template.TemplateSyntaxError(f"Unknown component {name!r}: one of {sorted(COMPONENTS)}.")
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        values["body"] = mark_safe(self.nodelist.render(context))  # noqa: S308 - already rendered (and escaped) here
        # Its own context, not the page's: a component sees only its arguments (no variable of the page leaks in),
        # and no context processor runs again for every card of a list.
        engine = context.template.engine if context.template is not None else template.Engine.get_default()
        component_template = engine.get_template(f"core/components/{name}.html")
        return component_template.render(template.Context(values, autoescape=context.autoescape))


@register.tag
def component(parser: Parser, token: Token) -> ComponentNode:
    """``{% component "card" key=value ... %}body{% endcomponent %}``: the component's template with ``body``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('component needs a name: {% component "card" ... %}')
    kwargs: dict[str, FilterExpression] = {}
    for bit in bits[2:]:
        key, sep, value = bit.partition("=")
        if not sep:
            raise template.TemplateSyntaxError(f"component arguments are key=value, not {bit!r}")
        kwargs[key] = parser.compile_filter(value)
    nodelist = parser.parse(("endcomponent",))
    parser.delete_first_token()
    return ComponentNode(parser.compile_filter(bits[1]), kwargs, nodelist)


@dataclass(frozen=True)
class Step:
    value: str
    label: str
    state: str  # "done", "current" or "todo"


def steps_of(choices: list[tuple[Any, Any]], current: Any) -> list[Step]:
    """Steps in the choices' order: those before ``current`` are done. An unknown value marks nothing current."""
    values = [str(value) for value, _ in choices]
    position = values.index(str(current)) if str(current) in values else -1
    return [
        Step(str(value), str(label), "done" if i < position else "current" if i == position else "todo")
        for i, (value, label) in enumerate(choices)
    ]


@register.inclusion_tag("core/components/stepper.html")
def stepper(
    obj: models.Model | None = None, field: str = "", label: str = "", choices: Any = None, current: Any = None
) -> dict[str, Any]:
    """A lifecycle's steps: a model field's choices (``{% stepper plan "phase" %}``) or explicit ``choices`` and
    ``current``."""
    if obj is not None and field:
        model_field = obj._meta.get_field(field)
        assert isinstance(model_field, models.Field), f"{field} is not a concrete field"
        choices = model_field.flatchoices
        current = getattr(obj, field)
        label = label or str(model_field.verbose_name)
    return {"steps": steps_of(list(choices or []), current), "label": label}
