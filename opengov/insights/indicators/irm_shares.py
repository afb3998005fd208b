"""Indicators read from IRM assessments: shares of commitments judged verifiable, relevant, ambitious, complete,
with strong results, or starred. They form the ``irm`` family of ``Share``s, computed together.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opengov.irm import scales
from opengov.irm.models import Assessment

from .filters import Filters
from .registry import Indicator
from .results import FAMILIES, Share, assessed


def _irm_rows(filters: Filters) -> tuple[models.QuerySet[Assessment], str, str, str]:
    """Assessments of published reports, filtered; counted by commitment.

    The plan is read through the report (``report__action_plan``), which is the commitment's plan
    (Assessment.clean; test_sample checks the imported data): it spares the join to the wide commitments table
    for every dimension but the policy area.
    """
    qs = filters.for_commitments(
        Assessment.objects.published(), prefix="commitment__", plan_prefix="report__action_plan__"
    )
    return qs, "commitment_id", "report__", "commitment__"


FAMILIES["irm"] = _irm_rows


def _irm_share(numerator: models.Q, denominator: models.Q) -> Share:
    return Share("irm", numerator, denominator)


S = scales
VERIFIABLE_DEN = assessed("verifiable", S.Verifiability) | assessed("specificity", S.Specificity)
# The same rule as irm.stars.is_verifiable: a specificity level decides (Medium or High counts, DOMAIN.md 3.2 a);
# where the report does not rate specificity, the Verifiable verdict does.
VERIFIABLE_NUM = models.Q(specificity__in=[S.Specificity.MEDIUM, S.Specificity.HIGH]) | (
    ~assessed("specificity", S.Specificity) & models.Q(verifiable=S.Verifiability.YES)
)
RELEVANT_DEN = assessed("relevant", S.YesNo)
RELEVANT_NUM = models.Q(relevant=S.YesNo.YES)
AMBITIOUS_DEN = assessed("potential_impact", S.PotentialImpact) | assessed(
    "potential_for_results", S.PotentialForResults
)
AMBITIOUS_NUM = models.Q(
    potential_impact__in=[S.PotentialImpact.MODERATE, S.PotentialImpact.TRANSFORMATIVE]
) | models.Q(potential_for_results=S.PotentialForResults.SUBSTANTIAL)
COMPLETION_DEN = assessed("completion", S.Completion)
COMPLETION_NUM = models.Q(completion__in=[S.Completion.SUBSTANTIAL, S.Completion.COMPLETE])
RESULTS_DEN = assessed("diog_overall", S.DiogOverall) | assessed("early_results", S.EarlyResults)
RESULTS_NUM = models.Q(diog_overall__in=[S.DiogOverall.MAJOR, S.DiogOverall.OUTSTANDING]) | models.Q(
    early_results__in=[S.EarlyResults.SIGNIFICANT, S.EarlyResults.OUTSTANDING]
)
# Stars: irm.stars.starred_current written as a query (test_stars_agree_with_irm_stars checks they agree on every
# assessment of the sample). Relevance for stars reads the per-value verdicts (ATI, CP, PA), the lens when none
# is rated. Stars belong to the 2014-2019 report model: only assessments rating both potential impact and
# completion can be judged. A commitment counts as starred when one of its published reports stars it (OGP's
# "Max star").
_VALUES = ("relevance_access_to_information", "relevance_civic_participation", "relevance_public_accountability")
STAR_RELEVANT = (
    models.Q(**{_VALUES[0]: S.YesNo.YES})
    | models.Q(**{_VALUES[1]: S.YesNo.YES})
    | models.Q(**{_VALUES[2]: S.YesNo.YES})
)
STAR_RELEVANT |= ~(assessed(_VALUES[0], S.YesNo) | assessed(_VALUES[1], S.YesNo) | assessed(_VALUES[2], S.YesNo)) & (
    models.Q(relevant=S.YesNo.YES)
)
STAR_DEN = assessed("potential_impact", S.PotentialImpact) & COMPLETION_DEN
STAR_NUM = VERIFIABLE_NUM & STAR_RELEVANT & models.Q(potential_impact=S.PotentialImpact.TRANSFORMATIVE) & COMPLETION_NUM


INDICATORS = (
    Indicator(
        key="verifiable",
        title=_("Verifiable commitments"),
        definition=_(
            "Share of assessed commitments specific enough to review: judged Verifiable by the IRM, or with Medium "
            "or High specificity in the older report model."
        ),
        formula=_("Verifiable (or Medium/High specificity) ÷ commitments with a verifiability or specificity verdict"),
        denominator_text=_(
            "Commitments with a verifiability or specificity level in a published IRM report; NA, ND, NR and "
            "empty values are left out."
        ),
        unit="percent",
        compute_fn=_irm_share(VERIFIABLE_NUM, VERIFIABLE_DEN),
        group=_("Design"),
    ),
    Indicator(
        key="relevant",
        title=_("Relevant commitments"),
        definition=_(
            "Share of assessed commitments with an open government lens: they make a policy area, institution or "
            "decision more transparent, participatory or accountable to the public."
        ),
        formula=_("Relevant ÷ commitments with a relevance verdict"),
        denominator_text=_(
            "Commitments whose relevance is Yes or No in a published IRM report; NA, ND, NR and empty are left out."
        ),
        unit="percent",
        compute_fn=_irm_share(RELEVANT_NUM, RELEVANT_DEN),
        group=_("Design"),
    ),
    Indicator(
        key="ambitious",
        title=_("Ambitious commitments"),
        definition=_(
            "Share of assessed commitments with Moderate or Transformative potential impact (older model), or "
            "Substantial potential for results (since 2020)."
        ),
        formula=_(
            "(Moderate or Transformative impact, or Substantial potential for results) ÷ commitments with either rated"
        ),
        denominator_text=_(
            "Commitments with a potential-impact or potential-for-results level in a published IRM report; NA, "
            "ND, NR and empty are left out."
        ),
        unit="percent",
        compute_fn=_irm_share(AMBITIOUS_NUM, AMBITIOUS_DEN),
        group=_("Design"),
    ),
    Indicator(
        key="high-completion",
        title=_("High completion"),
        definition=_(
            "Share of assessed commitments whose completion reached Substantial or Complete in an IRM report "
            "(the highest completion recorded)."
        ),
        formula=_("(Substantial or Complete) ÷ commitments with a completion level"),
        denominator_text=_(
            "Commitments with a completion level (including Not Started, Limited, Withdrawn, Unclear and No "
            "Evidence Available) in a published IRM report; NA, ND, NR and empty are left out."
        ),
        unit="percent",
        compute_fn=_irm_share(COMPLETION_NUM, COMPLETION_DEN),
        group=_("Implementation"),
    ),
    Indicator(
        key="strong-results",
        title=_("Strong early results"),
        definition=_(
            'Share of assessed commitments that opened government in a Major or Outstanding way ("Did it open '
            'government?"), or with Significant or Outstanding early results (since 2020).'
        ),
        formula=_(
            "(Major or Outstanding, or Significant or Outstanding early results) ÷ commitments with either rated"
        ),
        denominator_text=_(
            'Commitments with a "Did it open government?" or early-results level in a published IRM report '
            '("No early results to report yet" included); NA, ND, NR and empty are left out.'
        ),
        unit="percent",
        compute_fn=_irm_share(RESULTS_NUM, RESULTS_DEN),
        group=_("Results"),
    ),
    Indicator(
        key="starred",
        title=_("Starred commitments"),
        definition=_(
            "Share of commitments that earned a star: verifiable, relevant, Transformative potential impact and "
            "Substantial or Complete completion in the same IRM report (OGP's formula since 2015, applied to every "
            "report of the 2014-2019 model, including those for which OGP's own sheet gives no star)."
        ),
        formula=_("Starred ÷ commitments rated for both potential impact and completion"),
        denominator_text=_(
            "Commitments whose potential impact and completion both have a level in one published IRM report "
            "(stars belong to the 2014-2019 report model); NA, ND, NR and empty are left out."
        ),
        unit="percent",
        compute_fn=_irm_share(STAR_NUM, STAR_DEN),
        group=_("Results"),
    ),
)
