"""OGP's scales: exact labels (DOMAIN.md 3.2, 7.2), the null codes kept distinct, validation of the
not-verifiable rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from opengov.irm import scales
from opengov.irm.models import Assessment


@pytest.mark.parametrize(
    ("scale", "labels"),
    [
        (scales.Specificity, ["None", "Low", "Medium", "High"]),
        (scales.Verifiability, ["Verifiable", "Not verifiable"]),
        (scales.PotentialImpact, ["None", "Minor", "Moderate", "Transformative"]),
        (scales.PotentialForResults, ["Unclear", "Modest", "Substantial"]),
        (
            scales.Completion,
            ["No Evidence Available", "Not Started", "Limited", "Substantial", "Complete", "Withdrawn", "Unclear"],
        ),
        (scales.ChangeInCompletion, ["Increase", "No Change", "Decrease"]),
        (scales.EarlyResults, ["No notable results", "Moderate", "Significant", "Outstanding"]),
        (
            scales.DiogOverall,
            ["Worsened", "Did not change", "Marginal", "Major", "Outstanding", "No early results to report yet"],
        ),
        (scales.DiogValue, ["Worsened", "Did not change", "Marginal", "Major", "Outstanding", "Not Applicable"]),
    ],
)
def test_each_scale_has_ogps_exact_labels_in_order(scale, labels):
    assert [str(label) for label in scale.labels] == labels
    assert all(value == value.lower() and " " not in value for value in scale.values)


def test_null_codes_are_three_distinct_upper_case_codes():
    assert scales.MissingCode.values == ["NA", "ND", "NR"]


def test_every_indicator_field_accepts_its_scale_the_codes_and_empty():
    for name, scale in scales.INDICATOR_SCALES.items():
        field = Assessment._meta.get_field(name)
        assert [value for value, _label in field.choices] == [*scale.values, "NA", "ND", "NR"], name
        assert field.blank and not field.null, name  # empty is "", never NULL or zero


@pytest.mark.django_db
def test_a_not_verifiable_commitment_is_not_assessed_further():
    from opengov.factories import CommitmentFactory, ReportFactory

    commitment = CommitmentFactory()
    report = ReportFactory(action_plan=commitment.action_plan)
    assessment = Assessment(report=report, commitment=commitment, verifiable="no", potential_for_results="modest")
    with pytest.raises(ValidationError) as error:
        assessment.full_clean()
    assert "potential_for_results" in error.value.message_dict
    # Saying explicitly that the rest was not reviewed is fine.
    Assessment(report=report, commitment=commitment, verifiable="no", potential_for_results="NR").full_clean()
