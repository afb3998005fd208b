"""Form pieces every app's editing pages share: the native date input, and the versioned form with the
fingerprints of the values the editor loaded (core/concurrency.py explains why)."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from django import forms
from django.forms.models import model_to_dict

from opengov.core.concurrency import fingerprint, plain  # noqa: F401  (re-exported for the forms that use them)

_F = TypeVar("_F", bound=forms.Field)


class DateInput(forms.DateInput):
    """A native date picker; the ISO format is what type=date inputs send and expect."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    """Carries the version of the row the editor loaded, so a concurrent save is detected (core/concurrency.py),
    and a fingerprint of each value as loaded, so that after a conflict the page can tell the fields the user
    changed (kept, shown beside the other person's value) from those they left alone (which take the other
    person's value, so that a second save does not undo it)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def loaded_fingerprints(self) -> dict[str, str]:
        try:
            loaded = json.loads(self.cleaned_data.get("loaded") or "{}")
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}


def fingerprints(values: dict[str, Any]) -> str:
    return json.dumps({name: fingerprint(value) for name, value in values.items()}, separators=(",", ":"))


def initial_for(instance: Any, fields: list[str]) -> dict[str, Any]:
    """The object's current values as form initial data, with the version and fingerprints the editor loaded.

    Many-to-many values come from the prefetch cache when the caller prefetched them.
    """
    initial = model_to_dict(instance, fields=fields)
    initial["loaded"] = fingerprints(initial)
    initial["version"] = instance.version
    return initial


def field_of(form: forms.BaseForm, name: str, kind: type[_F]) -> _F:
    """The form's field ``name`` as the kind it is, to set what only that kind has (a ModelChoiceField's
    queryset, a ChoiceField's choices).

    Why a helper: the stubs type ``form.fields`` as plain Fields; the form says once which kind it expects."""
    field = form.fields[name]
    assert isinstance(field, kind), f"{name} is a {type(field).__name__}, not a {kind.__name__}"
    return field


def changes_from(form: forms.BaseForm, fields: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """The cleaned values of the model fields an action should apply (not the version, not many-to-many)."""
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
