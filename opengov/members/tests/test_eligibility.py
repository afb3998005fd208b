import pytest

from opengov.members.eligibility import EligibilityOutcome, compute_eligibility


@pytest.mark.parametrize(
    ("scores", "values_check", "outcome", "total", "maximum"),
    [
        ([4, 4, 4, 4], None, EligibilityOutcome.ELIGIBLE, 16, 16),
        ([3, 3, 3, 3], None, EligibilityOutcome.ELIGIBLE, 12, 16),  # exactly 75 %
        ([3, 3, 3, 2], None, EligibilityOutcome.NOT_ELIGIBLE, 11, 16),
        ([3, 3, 3, None], None, EligibilityOutcome.ELIGIBLE, 9, 12),  # 9 of 12
        ([3, 3, 2, None], None, EligibilityOutcome.NOT_ELIGIBLE, 8, 12),
        ([4, 4, None, None], None, EligibilityOutcome.NOT_ENOUGH_DATA, 8, 8),
        ([4, None, None, None], None, EligibilityOutcome.NOT_ENOUGH_DATA, 4, 4),
        ([None, None, None, None], None, EligibilityOutcome.NOT_ENOUGH_DATA, 0, 0),
        ([4, 4, 4, 4], False, EligibilityOutcome.NOT_ELIGIBLE, 16, 16),  # Values Check failed
        ([4, 4, 4, 4], True, EligibilityOutcome.ELIGIBLE, 16, 16),
        ([0, 0, 0, 0], True, EligibilityOutcome.NOT_ELIGIBLE, 0, 16),  # zero is data, not missing
    ],
)
def test_it_applies_the_75_percent_rule_and_values_check(scores, values_check, outcome, total, maximum):
    result = compute_eligibility(scores, values_check)
    assert result.outcome == outcome
    assert (result.total, result.applicable_max) == (total, maximum)


def test_it_rejects_scores_outside_0_to_4():
    with pytest.raises(ValueError, match="0-4"):
        compute_eligibility([5, 4, 4, 4])


def test_it_needs_all_four_criteria_named():
    with pytest.raises(ValueError, match="four"):
        compute_eligibility([4, 4, 4])
