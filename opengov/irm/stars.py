"""Starred commitments (DOMAIN.md 3.2 j): one function per formula, each shown with its definition.

Both formulas need four things to hold, read from one assessment (a Progress Report gives the mid-term
star, an End-of-Term Report the final tally):

1. Verifiable: ``Medium`` or ``High`` specificity. Reports of plans from 2017 on no longer rate specificity
   (OGP's data says ``ND``) and use the Verifiable verdict instead: there ``Verifiable = Yes`` counts.
   In OGP's data Verifiable is Yes exactly when specificity is Medium or High, so the two agree.
2. Relevant to at least one of access to information, civic participation, public accountability: the
   per-value relevance columns ``OGP Value Access To Information`` / ``... Civic Participation`` /
   ``... Public Accountability``. Technology and innovation does not count on its own (OGP: it must come
   in addition to one of the three). On every star-bearing row of OGP's sample, ``_Relevant`` equals
   "any of those three", so when the three are all missing (not defined) the open-government lens
   (``relevant``) stands in for them.
3. Potential impact ``Moderate`` or ``Transformative`` (2014 formula) / ``Transformative`` only (current
   formula, from 2015 "to raise the bar").
4. Completion ``Substantial`` or ``Complete``.

A missing value (NA, ND, NR or empty) never satisfies a criterion: such a commitment is not starred, as
in OGP's data. Verified against every row of the shared sample that carries a star column (tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .scales import MISSING_CODES, Completion, PotentialImpact, Specificity, Verifiability, YesNo

STAR_2014_DEFINITION = _(
    "Starred (2014 formula): Medium or High specificity (or verifiable), relevant to access to information, "
    "civic participation or public accountability, Moderate or Transformative potential impact, and "
    "Substantial or Complete completion."
)
STAR_CURRENT_DEFINITION = _(
    "Starred (current formula, since 2015): Medium or High specificity (or verifiable), relevant to access to "
    "information, civic participation or public accountability, Transformative potential impact, and "
    "Substantial or Complete completion."
)

_VERIFIABLE_SPECIFICITY = {Specificity.MEDIUM, Specificity.HIGH}
_HIGH_COMPLETION = {Completion.SUBSTANTIAL, Completion.COMPLETE}


@dataclass(frozen=True)
class StarInputs:
    """The indicators the formulas read, as stored (scale slugs, null codes or "")."""

    specificity: str = ""
    verifiable: str = ""
    relevant: str = ""
    relevance_access_to_information: str = ""
    relevance_civic_participation: str = ""
    relevance_public_accountability: str = ""
    potential_impact: str = ""
    completion: str = ""

    @classmethod
    def of(cls, obj: Any) -> StarInputs:
        """From an Assessment (or anything with the same attribute names)."""
        return cls(**{name: getattr(obj, name) or "" for name in cls.__dataclass_fields__})


def _is_level(value: str) -> bool:
    return bool(value) and value not in MISSING_CODES


def is_verifiable(i: StarInputs) -> bool:
    if _is_level(i.specificity):
        return i.specificity in _VERIFIABLE_SPECIFICITY
    return i.verifiable == Verifiability.YES


def is_relevant(i: StarInputs) -> bool:
    values = (i.relevance_access_to_information, i.relevance_civic_participation, i.relevance_public_accountability)
    if any(_is_level(v) for v in values):
        return YesNo.YES in values
    return i.relevant == YesNo.YES


def is_high_completion(i: StarInputs) -> bool:
    return i.completion in _HIGH_COMPLETION


def starred_2014(i: StarInputs) -> bool:
    """The 2014 formula (OGP's ``Starred (2015 Only)`` column)."""
    return (
        is_verifiable(i)
        and is_relevant(i)
        and i.potential_impact in {PotentialImpact.MODERATE, PotentialImpact.TRANSFORMATIVE}
        and is_high_completion(i)
    )


def starred_current(i: StarInputs) -> bool:
    """The current formula (OGP's ``Starred (Current Formula) ...`` columns)."""
    return (
        is_verifiable(i)
        and is_relevant(i)
        and i.potential_impact == PotentialImpact.TRANSFORMATIVE
        and is_high_completion(i)
    )


@dataclass(frozen=True)
class Stars:
    formula_2014: bool
    current: bool


def stars_of(assessment: Any) -> Stars:
    inputs = StarInputs.of(assessment)
    return Stars(formula_2014=starred_2014(inputs), current=starred_current(inputs))
