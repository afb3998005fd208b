"""OGP core eligibility: one function, tested against DOMAIN.md section 1.1.

Four criteria score 0-4 each. The applicable maximum is 4 x the number of criteria with data. A country
is eligible with at least 75 % of applicable points (12 of 16, 9 of 12) and, for countries that are not
yet members, a passed Values Check. With data on fewer than three criteria the result is "Not enough data".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

THRESHOLD = Fraction(3, 4)
POINTS_PER_CRITERION = 4
MIN_CRITERIA_WITH_DATA = 3


class EligibilityOutcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self])


OUTCOME_LABELS = {
    EligibilityOutcome.ELIGIBLE: _("Eligible"),
    EligibilityOutcome.NOT_ELIGIBLE: _("Not eligible"),
    EligibilityOutcome.NOT_ENOUGH_DATA: _("Not enough data"),
}


@dataclass(frozen=True)
class EligibilityResult:
    total: int
    applicable_max: int
    criteria_with_data: int
    meets_core_criteria: bool
    values_check_passed: bool | None
    outcome: EligibilityOutcome

    @property
    def percent(self) -> float | None:
        if not self.applicable_max:
            return None
        return round(100 * self.total / self.applicable_max, 1)


def compute_eligibility(scores: list[int | None], values_check_passed: bool | None = None) -> EligibilityResult:
    """Score the four core criteria (None = no data) and the Values Check.

    ``values_check_passed`` is None when the check does not apply (existing members) or was not run;
    only an explicit False makes an otherwise eligible country not eligible.
    """
    if len(scores) != 4:
        raise ValueError("Exactly four criteria scores are expected (None for a missing one).")
    for score in scores:
        if score is not None and not 0 <= score <= POINTS_PER_CRITERION:
            raise ValueError(f"A criterion scores 0-{POINTS_PER_CRITERION}, not {score}.")
    present = [s for s in scores if s is not None]
    total = sum(present)
    applicable_max = POINTS_PER_CRITERION * len(present)
    if len(present) < MIN_CRITERIA_WITH_DATA:
        return EligibilityResult(
            total,
            applicable_max,
            len(present),
            False,
            values_check_passed,
            EligibilityOutcome.NOT_ENOUGH_DATA,
        )
    meets = Fraction(total, applicable_max) >= THRESHOLD
    eligible = meets and values_check_passed is not False
    outcome = EligibilityOutcome.ELIGIBLE if eligible else EligibilityOutcome.NOT_ELIGIBLE
    return EligibilityResult(total, applicable_max, len(present), meets, values_check_passed, outcome)
