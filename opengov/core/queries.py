"""Query helpers shared by list pages and the API."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.functions import Coalesce


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
