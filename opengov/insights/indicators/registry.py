"""The ``Indicator`` type and the registry of every indicator, in the order the pages list them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .filters import Filters
from .results import Result


@dataclass(frozen=True)
class Indicator:
    key: str
    title: Any
    definition: Any
    formula: Any
    denominator_text: Any
    unit: str  # "percent" or "count"
    compute_fn: Callable[[Filters, tuple[str, ...]], Result]
    dimensions: tuple[str, ...] = ("region", "kind", "year", "cycle", "policy_area", "member")
    group: Any = ""
    source: Any = _("IRM assessments in published reports")

    def compute(self, filters: Filters | None = None, breakdowns: Iterable[str] = ()) -> Result:
        filters = filters or Filters()
        wanted = tuple(b for b in breakdowns if b in self.dimensions)
        return self.compute_fn(filters, wanted)

    @property
    def is_percent(self) -> bool:
        return self.unit == "percent"


# The registry

REGISTRY: dict[str, Indicator] = {}

COMMITMENT_DIMENSIONS = ("region", "kind", "year", "cycle", "policy_area", "member")
MEMBER_DIMENSIONS = ("status", "region", "kind", "member")


def register(indicator: Indicator) -> Indicator:
    REGISTRY[indicator.key] = indicator
    return indicator


def get(key: str) -> Indicator:
    return REGISTRY[key]


def all_indicators() -> list[Indicator]:
    return list(REGISTRY.values())


PLAN_DIMENSIONS = ("region", "kind", "year", "cycle", "member")
