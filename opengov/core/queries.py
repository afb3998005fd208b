"""Query helpers shared by list pages and the API."""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.db.models.functions import Coalesce

# Ids are 64-bit (BigAutoField). A larger number reaches the database driver as an error (SQLite: OverflowError,
# a 500), so every id read from a URL, a query string or a form goes through parse_id or IdFilter first.
MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")  # ASCII digits only: str.isdigit() also accepts "²" and "٣", which int() refuses


def parse_id(value: object) -> int | None:
    """A row id written as text, or None when ``value`` is not one (not digits, zero, or beyond 64 bits)."""
    text = str(value).strip() if value is not None else ""
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def model_field(model: type[models.Model] | models.Model, name: str) -> models.Field[Any, Any]:
    """The model's own field ``name`` (for its verbose_name, choices or column).

    Why a helper: ``_meta.get_field`` also answers reverse relations (ForeignObjectRel), which have none of
    those, so the stubs type its answer as either; the callers name fields the model declares."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), f"{name} is a reverse relation, not a field of {model._meta.label}"
    return field


def count_related(related: models.QuerySet[Any], fk: str) -> Coalesce:
    """Annotation: how many rows of ``related`` point at the outer row through ``fk``.

    A correlated subquery instead of JOIN + GROUP BY: with LIMIT (a paginated list) the database counts
    only for the rows it returns, instead of aggregating the whole joined table first. The count of the
    list itself stays a plain COUNT(*) too.
    """
    counts = (
        related.filter(**{fk: models.OuterRef("pk")}).order_by().values(fk).annotate(n=models.Count("pk")).values("n")
    )
    return Coalesce(models.Subquery(counts, output_field=models.IntegerField()), 0)
