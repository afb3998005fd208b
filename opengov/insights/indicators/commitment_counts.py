"""Indicators counted over commitments: how many, and how many were carried forward."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from opengov.plans.models import Commitment

from .filters import Filters
from .registry import Indicator
from .results import Result, ratio_result


def _commitments(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
    qs = filters.for_commitments(Commitment.objects.all())
    return ratio_result(qs, "pk", models.Q(), None, filters, breakdowns, prefix="")


# OGP's commitments database flags a commitment carried into the member's next plan ("Carried Forward" = 1) but does
# not say which commitment continues it; the import keeps the cell on the commitment's record (opendata, read here).
OGP_CARRIED_FORWARD_COLUMN = "Carried Forward"
OGP_CARRIED_FORWARD_YES = "1"


def carried_forward_q() -> models.Q:
    """The commitment has a continuation on the platform, or OGP's mark says it was carried forward.

    Written as two IN (subquery) tests rather than joins: each subquery is read once into a hash (a few thousand
    ids), and the grouped COUNT(DISTINCT) then sorts plain ids instead of rows carrying the record's JSON.
    """
    record = apps.get_model("opendata", "CommitmentRecord")
    continued = Commitment.objects.filter(carried_forward_from__isnull=False).values("carried_forward_from_id")
    marked = record.objects.filter(**{f"cells__{OGP_CARRIED_FORWARD_COLUMN}": OGP_CARRIED_FORWARD_YES})
    return models.Q(pk__in=continued) | models.Q(pk__in=marked.values("commitment_id"))


def _carried_forward(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
    qs = filters.for_commitments(Commitment.objects.all())
    return ratio_result(qs, "pk", carried_forward_q(), models.Q(), filters, breakdowns, prefix="")


COMMITMENTS = Indicator(
    key="commitments",
    title=_("Commitments"),
    definition=_(
        "How many commitments members made in their action plans, by region, submission year, policy area and member."
    ),
    formula=_("Number of commitments"),
    denominator_text=_("No denominator: a count."),
    unit="count",
    compute_fn=_commitments,
    group=_("Commitments"),
    source=_("Action plans"),
)
CARRIED_FORWARD = Indicator(
    key="carried-forward",
    title=_("Carried forward"),
    definition=_(
        "Share of commitments carried into a later action plan of the same member: linked to their "
        "continuation on the platform, or marked “Carried Forward” (1) in OGP’s commitments database, whose "
        "imported commitments carry the mark but not the link."
    ),
    formula=_("Commitments with a continuation in a later plan or OGP’s “Carried Forward” mark ÷ all commitments"),
    denominator_text=_("All commitments."),
    unit="percent",
    compute_fn=_carried_forward,
    group=_("Implementation"),
    source=_("Action plans"),
)
