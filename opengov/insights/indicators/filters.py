"""What an indicator is computed over (``Filters``), and how a page's GET parameters become one."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext

from opengov.members.models import MemberKind, Region
from opengov.plans.models import Commitment

_M = TypeVar("_M", bound=models.Model)  # the filters apply to the rows of any model that reaches a member


@dataclass(frozen=True)
class Filters:
    """What an indicator is computed over. Empty means "everything"."""

    region: str = ""
    kind: str = ""
    member: str = ""  # member slug
    policy_area: str = ""  # policy-area slug
    year: int | None = None  # submission year: the plan's first year
    cycle: int | None = None  # the plan's number (1st, 2nd ... action plan of the member)

    COMMITMENT_FIELDS = ("policy_area", "year", "cycle")

    def applied(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value not in ("", None)}

    def token(self) -> str:
        return json.dumps(self.applied(), sort_keys=True)

    def without(self, *names: str) -> Filters:
        values = asdict(self)
        for name in names:
            values[name] = None if name in ("year", "cycle") else ""
        return Filters(**values)

    def for_commitments(
        self, qs: models.QuerySet[_M], prefix: str = "", plan_prefix: str | None = None
    ) -> models.QuerySet[_M]:
        """Apply every filter to a queryset whose rows reach a commitment through ``prefix`` (and its action plan
        through ``plan_prefix``, by default the commitment's)."""
        plan = plan_prefix if plan_prefix is not None else f"{prefix}action_plan__"
        qs = self.for_members(qs, f"{plan}member__")
        if self.year is not None:
            qs = qs.filter(**{f"{plan}start_year": self.year})
        if self.cycle is not None:
            qs = qs.filter(**{f"{plan}number": self.cycle})
        if self.policy_area:
            tags = Commitment.policy_areas.through.objects.filter(
                models.Q(policyarea__slug=self.policy_area) | models.Q(policyarea__parent__slug=self.policy_area),
                commitment_id=models.OuterRef(f"{prefix}pk" if prefix else "pk"),
            )
            qs = qs.filter(models.Exists(tags))
        return qs

    def for_members(self, qs: models.QuerySet[_M], prefix: str = "") -> models.QuerySet[_M]:
        lookups = {}
        if self.region:
            lookups[f"{prefix}region"] = self.region
        if self.kind:
            lookups[f"{prefix}kind"] = self.kind
        if self.member:
            lookups[f"{prefix}slug"] = self.member
        return qs.filter(**lookups)


def filters_from_query(params: Mapping[str, Any]) -> tuple[Filters, dict[str, str]]:
    """Filters from GET parameters, with a message per parameter that was not understood."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    region = params.get("region") or ""
    if region and region not in Region.values:
        errors["region"] = gettext("Unknown region.")
    else:
        values["region"] = region
    kind = params.get("kind") or ""
    if kind and kind not in MemberKind.values:
        errors["kind"] = gettext("Unknown member type.")
    else:
        values["kind"] = kind
    values["member"] = (params.get("member") or "").strip()[:200]
    values["policy_area"] = (params.get("policy_area") or "").strip()[:100]
    for name in ("year", "cycle"):
        raw = (params.get(name) or "").strip()
        if not raw:
            values[name] = None
        elif raw.isdigit() and len(raw) <= 4:
            values[name] = int(raw)
        else:
            errors[name] = gettext("Enter a whole number.")
    return Filters(**values), errors
