"""Every number the insights pages, the API and the Global Report show, each defined once.

An ``Indicator`` has a key, a title, a plain-language definition (shown beside every number), the formula
as text, what its denominator counts, a unit, and ``compute(filters, breakdowns) -> Result``. ``compute`` is
a few aggregate queries: one for the total and one per breakdown asked for (plus one to name policy areas),
whatever the number of rows, on PostgreSQL and SQLite alike.

Missing values. IRM indicators are CharFields holding a scale level (irm/scales.py) or one of OGP's null
codes ``NA``/``ND``/``NR`` or "" (not entered). A commitment enters a denominator only when an assessment
gives the indicator a *level*; a null code or an empty value leaves it out. It is never counted as a zero.

Which assessments count. Only assessments of published IRM reports (``Assessment.objects.published()``).
A commitment can be assessed by several reports (a Progress Report and an End-of-Term Report, or an Action
Plan Review and a Results Report). Every share below counts *commitments*, not assessments
(COUNT(DISTINCT commitment)): a commitment is in the denominator when at least one published assessment
gives the indicator a level, and in the numerator when at least one published assessment meets the
criterion. For completion this is OGP's "Max Completion" convention (the highest completion the IRM
recorded); for the other indicators the reports of one plan do not disagree in OGP's data.

Filters (``Filters``): region, member type, member, policy area (a group includes its sub-areas),
submission year (the plan's first year: OGP's "Year Of Submission") and cycle (the plan's number).
Indicators about members ignore the commitment filters and say so in ``filters_applied

The package, one module per responsibility: filters.py (what a number is computed over), results.py (results,
breakdown dimensions and the shared grouped queries), registry.py (``Indicator`` and the registry), one module per
indicator family (commitment_counts, irm_shares, member_counts, cocreation) and cache.py (computing through the
cache, trends and comparisons). The registry's order below is the order the pages list the indicators in.
"""

from __future__ import annotations

from . import cocreation, commitment_counts, irm_shares, member_counts
from .cache import (
    CACHE_SECONDS,
    SIGNAL_VERSION_KEY,
    TREND_DIMENSIONS,
    Comparison,
    bump_version,
    compare_member,
    compute_cached,
    compute_many,
    data_version,
    results_by_member,
    trend,
    warm_cache,
)
from .commitment_counts import OGP_CARRIED_FORWARD_COLUMN, OGP_CARRIED_FORWARD_YES, carried_forward_q
from .filters import Filters, filters_from_query
from .irm_shares import (
    AMBITIOUS_DEN,
    AMBITIOUS_NUM,
    COMPLETION_DEN,
    COMPLETION_NUM,
    RELEVANT_DEN,
    RELEVANT_NUM,
    RESULTS_DEN,
    RESULTS_NUM,
    STAR_DEN,
    STAR_NUM,
    STAR_RELEVANT,
    VERIFIABLE_DEN,
    VERIFIABLE_NUM,
)
from .member_counts import latest_eligibility
from .registry import (
    COMMITMENT_DIMENSIONS,
    MEMBER_DIMENSIONS,
    PLAN_DIMENSIONS,
    REGISTRY,
    Indicator,
    all_indicators,
    get,
    register,
)
from .results import DIMENSIONS, FAMILIES, Dimension, Result, Row, Share, compute_shares, levels, share

for _indicator in (
    commitment_counts.COMMITMENTS,
    *irm_shares.INDICATORS,
    commitment_counts.CARRIED_FORWARD,
    *member_counts.INDICATORS,
    *cocreation.INDICATORS,
):
    register(_indicator)

__all__ = [
    "AMBITIOUS_DEN",
    "AMBITIOUS_NUM",
    "CACHE_SECONDS",
    "COMMITMENT_DIMENSIONS",
    "COMPLETION_DEN",
    "COMPLETION_NUM",
    "DIMENSIONS",
    "FAMILIES",
    "MEMBER_DIMENSIONS",
    "OGP_CARRIED_FORWARD_COLUMN",
    "OGP_CARRIED_FORWARD_YES",
    "PLAN_DIMENSIONS",
    "REGISTRY",
    "RELEVANT_DEN",
    "RELEVANT_NUM",
    "RESULTS_DEN",
    "RESULTS_NUM",
    "SIGNAL_VERSION_KEY",
    "STAR_DEN",
    "STAR_NUM",
    "STAR_RELEVANT",
    "TREND_DIMENSIONS",
    "VERIFIABLE_DEN",
    "VERIFIABLE_NUM",
    "Comparison",
    "Dimension",
    "Filters",
    "Indicator",
    "Result",
    "Row",
    "Share",
    "all_indicators",
    "bump_version",
    "carried_forward_q",
    "compare_member",
    "compute_cached",
    "compute_many",
    "compute_shares",
    "data_version",
    "filters_from_query",
    "get",
    "latest_eligibility",
    "levels",
    "register",
    "results_by_member",
    "share",
    "trend",
    "warm_cache",
]
