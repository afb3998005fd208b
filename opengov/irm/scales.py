"""OGP's IRM scales, one TextChoices per scale (DOMAIN.md 3.2 and 7.2).

Stored values are lowercase slugs; display labels are OGP's exact wording (translatable). Every indicator
field also accepts the null codes of OGP's data (MissingCode), kept distinct from each other and from an
empty value: ``NA`` not applicable, ``ND`` not defined for that report model, ``NR`` not reviewed. Empty
("") means nobody has entered anything yet. A missing value is never stored as a zero or a "no".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class MissingCode(models.TextChoices):
    """OGP's null codes (DOMAIN.md 4.3). Upper case, exactly as in the commitments database."""

    # The code leads each label: a reader tells the null code NA from a scale's own "not applicable" level.
    NOT_APPLICABLE = "NA", _("NA: not applicable to this report")
    NOT_DEFINED = "ND", _("ND: not defined for this report model")
    NOT_REVIEWED = "NR", _("NR: not reviewed")


MISSING_CODES = frozenset(MissingCode.values)


class YesNo(models.TextChoices):
    """Binary indicators: relevance per value, the open-government lens, compound, promising."""

    YES = "yes", _("Yes")
    NO = "no", _("No")


class Verifiability(models.TextChoices):
    """(b) Since 2021. A commitment that is not verifiable is not assessed further."""

    YES = "yes", _("Verifiable")
    NO = "no", _("Not verifiable")


class Specificity(models.TextChoices):
    """(a) Old model (plans up to 2016). Medium and High count as verifiable."""

    NONE = "none", _("None")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class PotentialImpact(models.TextChoices):
    """(d) Old model."""

    NONE = "none", _("None")
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    TRANSFORMATIVE = "transformative", _("Transformative")


class PotentialForResults(models.TextChoices):
    """(e) 2020+ plans, Action Plan Review."""

    UNCLEAR = "unclear", _("Unclear")
    MODEST = "modest", _("Modest")
    SUBSTANTIAL = "substantial", _("Substantial")


class Completion(models.TextChoices):
    """(g) The glossary's five levels, plus Withdrawn and Unclear, which OGP's data also holds."""

    NO_EVIDENCE_AVAILABLE = "no_evidence_available", _("No Evidence Available")
    NOT_STARTED = "not_started", _("Not Started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNCLEAR = "unclear", _("Unclear")


class ChangeInCompletion(models.TextChoices):
    INCREASE = "increase", _("Increase")
    NO_CHANGE = "no_change", _("No Change")
    DECREASE = "decrease", _("Decrease")


class EarlyResults(models.TextChoices):
    """(i) Refreshed indicator, Results Report. Outstanding is allowed although not seen in the data yet."""

    NO_NOTABLE_RESULTS = "no_notable_results", _("No notable results")
    MODERATE = "moderate", _("Moderate")
    SIGNIFICANT = "significant", _("Significant")
    OUTSTANDING = "outstanding", _("Outstanding")


class DiogOverall(models.TextChoices):
    """(h) "Did it open government?" overall: the glossary's five levels plus the data's 'no early results'."""

    WORSENED = "worsened", _("Worsened")
    DID_NOT_CHANGE = "did_not_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")
    NO_EARLY_RESULTS_YET = "no_early_results_to_report_yet", _("No early results to report yet")


class DiogValue(models.TextChoices):
    """(h) "Did it open government?" for one value (ATI, CP, PA).

    "Not Applicable" is the IRM's judgement that the value does not concern the commitment (a level in
    OGP's data), distinct from the null code ``NA`` (no judgement applies to this report).
    """

    WORSENED = "worsened", _("Worsened")
    DID_NOT_CHANGE = "did_not_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")
    NOT_APPLICABLE = "not_applicable", _("Not Applicable")


def with_codes(scale: type[models.TextChoices]) -> list[tuple[str, StrOrPromise]]:
    """A field's choices: the scale's levels, then the shared null codes."""
    return [*scale.choices, *MissingCode.choices]


# Which scale each Assessment indicator uses (read by forms, the API, the import and the templates).
INDICATOR_SCALES: dict[str, type[models.TextChoices]] = {
    "compound": YesNo,
    "specificity": Specificity,
    "verifiable": Verifiability,
    "relevant": YesNo,
    "relevance_access_to_information": YesNo,
    "relevance_civic_participation": YesNo,
    "relevance_public_accountability": YesNo,
    "relevance_technology": YesNo,
    "potential_impact": PotentialImpact,
    "potential_for_results": PotentialForResults,
    "promising": YesNo,
    "completion": Completion,
    "change_in_completion": ChangeInCompletion,
    "early_results": EarlyResults,
    "diog_overall": DiogOverall,
    "diog_access_to_information": DiogValue,
    "diog_civic_participation": DiogValue,
    "diog_public_accountability": DiogValue,
}

# Indicators that only make sense once a commitment is judged verifiable (DOMAIN.md 3.2 b): everything
# except the verifiability verdict itself, the old specificity and the compound flag.
ASSESSED_AFTER_VERIFIABILITY = tuple(
    name for name in INDICATOR_SCALES if name not in ("verifiable", "specificity", "compound")
)


# --- Process indicators of an action plan (DOMAIN.md 2.2, 3.3, 7.2) ------------------------------------------------


class PublicInfluence(models.TextChoices):
    """The IAP2 spectrum of public participation, which the IRM uses for the "level of public influence" on an
    action plan during its development and during its implementation. In order, lowest first. Blank ("") means
    not assessed; there are no null codes here (OGP's commitments data has no process columns)."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    EMPOWER = "empower", _("Empower")


def at_least(minimum: str) -> list[str]:
    """The levels of public influence from ``minimum`` up (the spectrum is ordered)."""
    levels = list(PublicInfluence.values)
    return levels[levels.index(minimum) :]


# The older procedural-review rule (DOMAIN.md 3.6): at least Involve during development, Inform during
# implementation.
DEVELOPMENT_MINIMUM = PublicInfluence.INVOLVE
IMPLEMENTATION_MINIMUM = PublicInfluence.INFORM

NOT_ASSESSED_LABEL = _("Not assessed")
# Flags kept as nullable booleans: None is "not assessed", distinct from "no".
PARTICIPATION_CHOICES = [
    (None, NOT_ASSESSED_LABEL),
    (True, _("Open to any interested party")),
    (False, _("Closed")),
]
FORUM_CHOICES = [
    (None, NOT_ASSESSED_LABEL),
    (True, _("Yes: a forum existed and met regularly")),
    (False, _("No")),
]
