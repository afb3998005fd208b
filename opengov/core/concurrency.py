"""Optimistic concurrency: two people editing the same row cannot silently overwrite each other.

Editable models carry a ``version`` integer. A form or API client sends back the version it read; the
write locks the row, compares, and refuses with EditConflict if someone saved in between. SQLite has no
row locks, but the project opens SQLite transactions IMMEDIATE (settings.env), which serialises writers.

A refused save is not the end: ``three_way_merge`` compares, field by field, the values the editor loaded
(as fingerprints carried in the form), the values saved meanwhile and the editor's input. A field only one
side changed takes that side's value; only a field both changed to different values is a conflict.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import models
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


class EditConflict(Exception, Generic[M]):
    """Someone saved the object after the editor read it. ``current`` is the object as it is now."""

    def __init__(self, current: M):
        self.current = current
        last = current.history.first() if hasattr(current, "history") else None
        self.changed_by = getattr(last, "history_user", None)
        self.changed_at = getattr(last, "history_date", None)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        who = str(self.changed_by) if self.changed_by else _("someone else")
        return _("This was changed by %(who)s after you opened it, so your changes were not saved.") % {"who": who}


def lock_version(instance: M, expected_version: int | None) -> M:
    """Lock the row and return it fresh; raise EditConflict when its version moved on.

    Call inside transaction.atomic(). ``expected_version`` None means the caller did not read a version
    (an internal job), which never conflicts.
    """
    fresh = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and fresh.version != expected_version:  # type: ignore[attr-defined]  # M: a model with a version field
        raise EditConflict(fresh)
    return fresh


def lock_versions(model: type[models.Model], expected: dict[Any, int]) -> None:
    """``lock_version`` for a bulk writer (the open data import): lock the rows it is about to update and
    raise EditConflict for the first whose version is no longer the one it read (pk -> version)."""
    keys = list(expected)
    for start in range(0, len(keys), 5000):
        rows = model._default_manager.select_for_update().filter(pk__in=keys[start : start + 5000])
        for pk, version in rows.values_list("pk", "version"):
            if version != expected[pk]:
                raise EditConflict(model._default_manager.get(pk=pk))


def apply_changes(instance: M, changes: dict[str, Any]) -> list[str]:
    """Set the changed attributes, validate, bump the version and save only those columns.

    Returns the names of fields that really changed (empty: nothing saved, no history row).
    Many-to-many fields are not handled here.
    """
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(instance, name, changes[name])
    instance.full_clean()
    update_fields = list(changed)
    if hasattr(instance, "version"):
        instance.version += 1
        update_fields.append("version")
    instance.save(update_fields=update_fields)
    return changed


# ----------------------------------------------------------------------------------------------- three-way merge


def plain(value: Any) -> str:
    """A value as comparable text, the same whether it came from the database or from a submitted form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return ",".join(sorted(plain(v) for v in value))
    return str(value).replace("\r\n", "\n").strip()


def fingerprint(value: Any) -> str:
    return hashlib.sha256(plain(value).encode()).hexdigest()[:16]


@dataclass
class Merge:
    """The outcome of a three-way merge. ``values``: what to save (the editor's value where only they changed a
    field, the saved value where only the other person did); ``conflicts``: fields both changed differently,
    where ``values`` holds the editor's input; ``theirs``: fields taken from the other person."""

    values: dict[str, Any] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)


def three_way_merge(base: Mapping[str, str], current: Mapping[str, Any], yours: Mapping[str, Any]) -> Merge:
    """Merge the editor's input into what was saved meanwhile, field by field.

    ``base`` maps field names to fingerprints of the values the editor loaded; a field without one (a page
    that did not carry them) is treated as changed by both whenever the values differ, so nothing is dropped.
    """
    merge = Merge()
    for name, mine in yours.items():
        theirs = current.get(name, mine)
        loaded = base.get(name)
        if fingerprint(theirs) == fingerprint(mine) or fingerprint(theirs) == loaded:
            merge.values[name] = mine  # the same value, or only the editor changed it
        elif fingerprint(mine) == loaded:
            merge.values[name] = theirs  # only the other person changed it
            merge.theirs.append(name)
        else:
            merge.values[name] = mine
            merge.conflicts.append(name)
    return merge


def current_values(instance: models.Model, names: list[str]) -> dict[str, Any]:
    """The saved values of ``names`` (many-to-many as lists), to merge against."""
    values: dict[str, Any] = {}
    for name in names:
        model_field = instance._meta.get_field(name)
        values[name] = list(getattr(instance, name).all()) if model_field.many_to_many else getattr(instance, name)
    return values
