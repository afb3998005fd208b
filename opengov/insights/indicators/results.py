"""What an indicator computes (``Result``, ``Row``), the breakdown dimensions, and the grouped COUNT(DISTINCT ...)
queries every ratio or count indicator shares.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opengov.members.models import Member, MemberKind, MemberStatus, Region
from opengov.plans.models import PolicyArea

from .filters import Filters

# ---------------------------------------------------------------------------------------------------------------------
# Results


@dataclass
class Row:
    """One line of a breakdown. ``raw_label`` is kept in English and translated when shown."""

    key: str
    raw_label: str
    value: float | None
    numerator: int | None
    denominator: int | None

    @property
    def label(self) -> str:
        return gettext(self.raw_label) if self.raw_label else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
        }


@dataclass
class Result:
    """A computed indicator: the value, what it was computed from, and its breakdowns by dimension."""

    value: float | None
    numerator: int | None
    denominator: int | None
    breakdown: dict[str, list[Row]] = field(default_factory=dict)
    filters_applied: dict[str, Any] = field(default_factory=dict)


def share(numerator: int | None, denominator: int | None) -> float | None:
    """A percentage with one decimal, or None when nothing was assessed (never 0 % for "no data")."""
    if not denominator or numerator is None:
        return None
    return round(100 * numerator / denominator, 1)


# ---------------------------------------------------------------------------------------------------------------------
# Breakdown dimensions: how to group a queryset whose rows reach a plan's member through a prefix


@dataclass(frozen=True)
class Dimension:
    key: str
    title: Any
    # Field path after the commitment prefix (None: computed in _group_expression).
    path: str | None
    labels: Callable[[Iterable[Any]], dict[Any, str]] | None = None
    member_level: bool = False  # also available for member-based indicators


def _choice_labels(choices: type[models.TextChoices]) -> Callable[[Iterable[Any]], dict[Any, str]]:
    def labels(keys: Iterable[Any]) -> dict[Any, str]:
        with translation.override("en"):
            return {value: str(label) for value, label in choices.choices}

    return labels


def _policy_area_labels(keys: Iterable[Any]) -> dict[Any, str]:
    ids = [key for key in keys if key is not None]
    return dict(PolicyArea.objects.filter(pk__in=ids).values_list("pk", "label"))


DIMENSIONS: dict[str, Dimension] = {
    dim.key: dim
    for dim in (
        Dimension("region", _("Region"), "action_plan__member__region", _choice_labels(Region), member_level=True),
        Dimension("kind", _("Member type"), "action_plan__member__kind", _choice_labels(MemberKind), member_level=True),
        Dimension("year", _("Submission year"), "action_plan__start_year"),
        Dimension("cycle", _("Action plan cycle"), "action_plan__number"),
        Dimension("policy_area", _("Policy area"), None, _policy_area_labels),
        Dimension("member", _("Member"), "action_plan__member__slug", member_level=True),
        # Member indicators only (grouped in Python by _member_result).
        Dimension("status", _("Status"), None, member_level=True),
    )
}


def _group(
    qs: models.QuerySet[models.Model], dim: Dimension, prefix: str, area_prefix: str | None = None
) -> tuple[models.QuerySet[models.Model, dict[str, Any]], str]:
    """The queryset grouped by the dimension, and the name of the grouping column. ``prefix`` leads to an object
    with an ``action_plan``; ``area_prefix`` to the commitment whose policy areas count (default: ``prefix``)."""
    if dim.key == "policy_area":
        # Top-level groups: a tag on a sub-area counts for its group; a commitment counts once per group.
        area = f"{area_prefix if area_prefix is not None else prefix}policy_areas__"
        qs = qs.annotate(_group=Coalesce(f"{area}parent_id", f"{area}id")).filter(_group__isnull=False)
        return qs.values("_group"), "_group"
    if dim.key == "member":
        name = f"{prefix}action_plan__member__name"
        return qs.values(f"{prefix}{dim.path}", name), f"{prefix}{dim.path}"
    return qs.values(f"{prefix}{dim.path}"), f"{prefix}{dim.path}"


def _sort_key(dim: Dimension, row: Row) -> Any:
    if dim.key in ("year", "cycle"):
        return (0, int(row.key)) if row.key.isdigit() else (1, row.key)
    return row.label.casefold()


Ratio = tuple[models.Q, "models.Q | None"]  # (numerator, denominator); no denominator: a count


def ratio_result(
    qs: models.QuerySet[models.Model],
    count_field: str,
    numerator: models.Q,
    denominator: models.Q | None,
    filters: Filters,
    breakdowns: tuple[str, ...],
    prefix: str,
    applied: dict[str, Any] | None = None,
) -> Result:
    """Distinct ``count_field`` meeting ``numerator`` among those meeting ``denominator``; totals + breakdowns.

    With no denominator the indicator is a count (value = numerator).
    """
    return ratio_results(qs, count_field, {"": (numerator, denominator)}, filters, breakdowns, prefix, applied)[""]


def ratio_results(
    qs: models.QuerySet[models.Model],
    count_field: str,
    ratios: Mapping[str, Ratio],
    filters: Filters,
    breakdowns: tuple[str, ...],
    prefix: str,
    applied: dict[str, Any] | None = None,
    area_prefix: str | None = None,
) -> dict[str, Result]:
    """``ratio_result`` for several ratios over the same rows: one query for all their totals and one per
    breakdown (the joins are read once; each ratio keeps its own COUNT(DISTINCT ...) FILTER pair)."""
    names = {key: str(i) for i, key in enumerate(ratios)}

    def aggregates() -> dict[str, models.Aggregate]:
        out: dict[str, models.Aggregate] = {}
        for key, (numerator, denominator) in ratios.items():
            i = names[key]
            if denominator is None:
                out[f"num{i}"] = models.Count(count_field, distinct=True, filter=numerator)
            else:
                out[f"num{i}"] = models.Count(count_field, distinct=True, filter=numerator & denominator)
                out[f"den{i}"] = models.Count(count_field, distinct=True, filter=denominator)
        return out

    def make(key: str, row: Mapping[str, Any]) -> tuple[float | None, int, int | None]:
        num = row[f"num{names[key]}"]
        if ratios[key][1] is None:
            return float(num), num, None
        den = row[f"den{names[key]}"]
        return share(num, den), num, den

    total = qs.order_by().aggregate(**aggregates())
    results = {}
    for key in ratios:
        value, num, den = make(key, total)
        results[key] = Result(
            value, num, den, filters_applied=dict(applied if applied is not None else filters.applied())
        )
    for dim_key in breakdowns:
        dim = DIMENSIONS[dim_key]
        grouped, column = _group(qs.order_by(), dim, prefix, area_prefix)
        rows = list(grouped.annotate(**aggregates()).order_by())
        labels = dim.labels([r[column] for r in rows]) if dim.labels else {}
        for key in ratios:
            out = []
            for r in rows:
                v, n, d = make(key, r)
                if (d if ratios[key][1] is not None else n) == 0:
                    continue  # nothing assessed (or counted) in this group: left out rather than shown as 0 %
                if dim_key == "member":
                    label = r[f"{prefix}action_plan__member__name"]
                else:
                    label = labels.get(r[column], str(r[column]))
                out.append(Row(str(r[column]), str(label), v, n, d))
            out.sort(key=functools.partial(_sort_key, dim))
            results[key].breakdown[dim_key] = out
    return results


# ---------------------------------------------------------------------------------------------------------------------
# Shares computed together: indicators whose compute_fn is a ``Share`` of the same family count the same rows
# (one queryset per family), so compute_many reads them in one query per breakdown instead of one per indicator.


@dataclass(frozen=True)
class Share:
    """An indicator's compute function: numerator and denominator over its family's rows."""

    family: str
    numerator: models.Q
    denominator: models.Q | None

    def __call__(self, filters: Filters, breakdowns: tuple[str, ...]) -> Result:
        return compute_shares({"": self}, filters, breakdowns)[""]


# Each family module adds its rows here ({family: filters -> (queryset, counted field, plan prefix, area prefix)}).
FAMILIES: dict[str, Callable[[Filters], tuple[models.QuerySet[models.Model], str, str, str]]] = {}


def compute_shares(shares: Mapping[str, Share], filters: Filters, breakdowns: tuple[str, ...]) -> dict[str, Result]:
    """{key: Result} for shares of one family, in one query plus one per breakdown."""
    [family] = {s.family for s in shares.values()}
    qs, count_field, prefix, area_prefix = FAMILIES[family](filters)
    ratios = {key: (s.numerator, s.denominator) for key, s in shares.items()}
    return ratio_results(qs, count_field, ratios, filters, breakdowns, prefix, area_prefix=area_prefix)


def levels(scale: type[models.TextChoices]) -> list[str]:
    return list(scale.values)


def assessed(field_name: str, scale: type[models.TextChoices]) -> models.Q:
    """The assessment gives ``field_name`` a level of its scale (null codes and blanks excluded)."""
    return models.Q(**{f"{field_name}__in": levels(scale)})


def member_groupers() -> dict[str, Callable[[Member], tuple[str, str]]]:
    """How the indicators counted in Python (members, co-creation) group members for a breakdown: (key, English
    label) by region, member type, status and member."""
    with translation.override("en"):
        labels = {
            name: {key: str(label) for key, label in choices.choices}
            for name, choices in (("region", Region), ("kind", MemberKind), ("status", MemberStatus))
        }
    return {
        "region": lambda m: (m.region, labels["region"].get(m.region, m.region)),
        "kind": lambda m: (m.kind, labels["kind"].get(m.kind, m.kind)),
        "status": lambda m: (m.status, labels["status"].get(m.status, m.status)),
        "member": lambda m: (m.slug, m.name),
    }
