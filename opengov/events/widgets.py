"""A select that renders its options in Python: Django renders every <option> through the template engine, which
for the 250 countries of the filters (and the 600 time zones of the form) cost more than the rest of the page."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        options = []
        for option_value, label in self.choices:
            key = "" if option_value is None else str(option_value)
            chosen = " selected" if key in selected else ""
            options.append(
                f'<option value="{conditional_escape(key)}"{chosen}>{conditional_escape(str(label))}</option>'
            )
        body = mark_safe("".join(options))  # noqa: S308 - every value and label escaped just above
        return format_html("<select{}>{}</select>", flatatt(final), body)


class CachedChoiceField(forms.ChoiceField):
    """A choice field over hundreds of options (countries, time zones) read from a cached function: a form copies
    it without normalising every option, and a value is checked against a set (the bulk upload builds one form per
    row, and normalising the options cost more than all the rest of the row's checks)."""

    def __init__(self, *, choices_fn: Callable[[], tuple[tuple[str, Any], ...]], **kwargs: Any) -> None:
        kwargs.setdefault("widget", FastSelect)
        super().__init__(choices=choices_fn, **kwargs)
        self.choices_fn = choices_fn

    def valid_value(self, value: Any) -> bool:
        return str(value) in _keys(self.choices_fn())


@lru_cache(maxsize=16)
def _keys(choices: tuple[tuple[str, Any], ...]) -> frozenset[str]:
    return frozenset(str(key) for key, _label in choices)
