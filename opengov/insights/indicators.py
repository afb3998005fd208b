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
Indicators about members ignore the commitment filters and say so in ``filters_applied``.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection, models
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opengov.irm import scales
from opengov.irm.models import Assessment
from opengov.members.models import Member, MemberKind, Region
from opengov.plans.models import Commitment, PolicyArea

CACHE_SECONDS = 24 * 3600

# ---------------------------------------------------------------------------------------------------------------------
# Filters


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

    def for_commitments(self, qs: models.QuerySet, prefix: str = "", plan_prefix: str | None = None) -> models.QuerySet:
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

    def for_members(self, qs: models.QuerySet, prefix: str = "") -> models.QuerySet:
        lookups = {}
        if self.region:
            lookups[f"{prefix}region"] = self.region
        if self.kind:
            lookups[f"{prefix}kind"] = self.kind
        if self.member:
            lookups[f"{prefix}slug"] = self.member
        return qs.filter(**lookups)


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
    qs: models.QuerySet, dim: Dimension, prefix: str, area_prefix: str | None = None
) -> tuple[models.QuerySet, str]:
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


# ---------------------------------------------------------------------------------------------------------------------
# Indicators


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


Ratio = tuple[models.Q, "models.Q | None"]  # (numerator, denominator); no denominator: a count


def _ratio_result(
    qs: models.QuerySet,
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
    return _ratio_results(qs, count_field, {"": (numerator, denominator)}, filters, breakdowns, prefix, applied)[""]


def _ratio_results(
    qs: models.QuerySet,
    count_field: str,
    ratios: Mapping[str, Ratio],
    filters: Filters,
    breakdowns: tuple[str, ...],
    prefix: str,
    applied: dict[str, Any] | None = None,
    area_prefix: str | None = None,
) -> dict[str, Result]:
    """``_ratio_result`` for several ratios over the same rows: one query for all their totals and one per
    breakdown (the joins are read once; each ratio keeps its own COUNT(DISTINCT ...) FILTER pair)."""
    names = {key: str(i) for i, key in enumerate(ratios)}

    def aggregates() -> dict[str, models.Aggregate]:
        out = {}
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
            out.sort(key=lambda row, dim=dim: _sort_key(dim, row))
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


def _irm_rows(filters: Filters) -> tuple[models.QuerySet, str, str, str]:
    """Assessments of published reports, filtered; counted by commitment.

    The plan is read through the report (``report__action_plan``), which is the commitment's plan
    (Assessment.clean; test_sample checks the imported data): it spares the join to the wide commitments table
    for every dimension but the policy area.
    """
    qs = filters.for_commitments(
        Assessment.objects.published(), prefix="commitment__", plan_prefix="report__action_plan__"
    )
    return qs, "commitment_id", "report__", "commitment__"


FAMILIES: dict[str, Callable[[Filters], tuple[models.QuerySet, str, str, str]]] = {"irm": _irm_rows}


def compute_shares(shares: Mapping[str, Share], filters: Filters, breakdowns: tuple[str, ...]) -> dict[str, Result]:
    """{key: Result} for shares of one family, in one query plus one per breakdown."""
    [family] = {s.family for s in shares.values()}
    qs, count_field, prefix, area_prefix = FAMILIES[family](filters)
    ratios = {key: (s.numerator, s.denominator) for key, s in shares.items()}
    return _ratio_results(qs, count_field, ratios, filters, breakdowns, prefix, area_prefix=area_prefix)


# -- Commitment counts ------------------------------------------------------------------------------------------------


def _commitments(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
    qs = filters.for_commitments(Commitment.objects.all())
    return _ratio_result(qs, "pk", models.Q(), None, filters, breakdowns, prefix="")


# OGP's commitments database flags a commitment carried into the member's next plan ("Carried Forward" = 1) but does
# not say which commitment continues it; the import keeps the cell on the commitment's record (opendata, read here).
OGP_CARRIED_FORWARD_COLUMN = "Carried Forward"
OGP_CARRIED_FORWARD_YES = "1"


def carried_forward_q() -> models.Q:
    """The commitment has a continuation on the platform, or OGP's mark says it was carried forward.

    Written as two IN (subquery) tests rather than joins: each subquery is read once into a hash (a few thousand
    ids), and the grouped COUNT(DISTINCT) then sorts plain ids instead of rows carrying the record's JSON.
    """
    record = apps.get_model("opendata", "CommitmentRecord")
    continued = Commitment.objects.filter(carried_forward_from__isnull=False).values("carried_forward_from_id")
    marked = record.objects.filter(**{f"cells__{OGP_CARRIED_FORWARD_COLUMN}": OGP_CARRIED_FORWARD_YES})
    return models.Q(pk__in=continued) | models.Q(pk__in=marked.values("commitment_id"))


def _carried_forward(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
    qs = filters.for_commitments(Commitment.objects.all())
    return _ratio_result(qs, "pk", carried_forward_q(), models.Q(), filters, breakdowns, prefix="")


# -- IRM shares -------------------------------------------------------------------------------------------------------


def levels(scale: type[models.TextChoices]) -> list[str]:
    return list(scale.values)


def _assessed(field_name: str, scale: type[models.TextChoices]) -> models.Q:
    """The assessment gives ``field_name`` a level of its scale (null codes and blanks excluded)."""
    return models.Q(**{f"{field_name}__in": levels(scale)})


def _irm_share(numerator: models.Q, denominator: models.Q) -> Share:
    return Share("irm", numerator, denominator)


S = scales
VERIFIABLE_DEN = _assessed("verifiable", S.Verifiability) | _assessed("specificity", S.Specificity)
# The same rule as irm.stars.is_verifiable: a specificity level decides (Medium or High counts, DOMAIN.md 3.2 a);
# where the report does not rate specificity, the Verifiable verdict does.
VERIFIABLE_NUM = models.Q(specificity__in=[S.Specificity.MEDIUM, S.Specificity.HIGH]) | (
    ~_assessed("specificity", S.Specificity) & models.Q(verifiable=S.Verifiability.YES)
)
RELEVANT_DEN = _assessed("relevant", S.YesNo)
RELEVANT_NUM = models.Q(relevant=S.YesNo.YES)
AMBITIOUS_DEN = _assessed("potential_impact", S.PotentialImpact) | _assessed(
    "potential_for_results", S.PotentialForResults
)
AMBITIOUS_NUM = models.Q(
    potential_impact__in=[S.PotentialImpact.MODERATE, S.PotentialImpact.TRANSFORMATIVE]
) | models.Q(potential_for_results=S.PotentialForResults.SUBSTANTIAL)
COMPLETION_DEN = _assessed("completion", S.Completion)
COMPLETION_NUM = models.Q(completion__in=[S.Completion.SUBSTANTIAL, S.Completion.COMPLETE])
RESULTS_DEN = _assessed("diog_overall", S.DiogOverall) | _assessed("early_results", S.EarlyResults)
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
STAR_RELEVANT |= ~(_assessed(_VALUES[0], S.YesNo) | _assessed(_VALUES[1], S.YesNo) | _assessed(_VALUES[2], S.YesNo)) & (
    models.Q(relevant=S.YesNo.YES)
)
STAR_DEN = _assessed("potential_impact", S.PotentialImpact) & COMPLETION_DEN
STAR_NUM = VERIFIABLE_NUM & STAR_RELEVANT & models.Q(potential_impact=S.PotentialImpact.TRANSFORMATIVE) & COMPLETION_NUM


# -- Members ----------------------------------------------------------------------------------------------------------


def _member_result(
    filters: Filters, breakdowns: tuple[str, ...], numerator: Callable[[Any], bool | None], per_status: bool
) -> Result:
    """Member indicators: members read once (with their latest eligibility score), counted in Python.

    A few hundred rows at most, in two queries whatever their number.
    """
    from opengov.members.models import EligibilityScore, MemberStatus

    members = list(
        filters.for_members(Member.objects.all()).prefetch_related(
            models.Prefetch("eligibility_scores", queryset=EligibilityScore.objects.order_by("-year"))
        )
    )
    applied = {k: v for k, v in filters.applied().items() if k not in Filters.COMMITMENT_FIELDS}

    def tally(group: list[Any]) -> tuple[float | None, int, int | None]:
        if per_status:
            return float(len(group)), len(group), None
        verdicts = [numerator(m) for m in group]
        judged = [v for v in verdicts if v is not None]
        return share(sum(judged), len(judged)), sum(judged), len(judged)

    value, num, den = tally(members)
    result = Result(value, num, den, filters_applied=applied)
    groupers: dict[str, Callable[[Any], tuple[str, str]]] = {}
    with translation.override("en"):
        region_labels = {k: str(v) for k, v in Region.choices}
        kind_labels = {k: str(v) for k, v in MemberKind.choices}
        status_labels = {k: str(v) for k, v in MemberStatus.choices}
    groupers["region"] = lambda m: (m.region, region_labels.get(m.region, m.region))
    groupers["kind"] = lambda m: (m.kind, kind_labels.get(m.kind, m.kind))
    groupers["member"] = lambda m: (m.slug, m.name)
    groupers["status"] = lambda m: (m.status, status_labels.get(m.status, m.status))
    for key in breakdowns:
        buckets: dict[str, tuple[str, list[Any]]] = {}
        for m in members:
            k, label = groupers[key](m)
            buckets.setdefault(k, (label, []))[1].append(m)
        rows = []
        for k, (label, group) in buckets.items():
            v, n, d = tally(group)
            if d == 0:
                continue
            rows.append(Row(k, label, v, n, d))
        rows.sort(key=lambda r: r.label.casefold())
        result.breakdown[key] = rows
    return result


def latest_eligibility(member: Any) -> Any:
    scores = list(member.eligibility_scores.all())
    return scores[0].result if scores else None


def _is_eligible(member: Any) -> bool | None:
    """Eligible by the latest score sheet; None (left out) without a score or with "Not enough data"."""
    from opengov.members.eligibility import EligibilityOutcome

    result = latest_eligibility(member)
    if result is None or result.outcome == EligibilityOutcome.NOT_ENOUGH_DATA:
        return None
    return result.outcome == EligibilityOutcome.ELIGIBLE


# ---------------------------------------------------------------------------------------------------------------------
# The registry

REGISTRY: dict[str, Indicator] = {}

COMMITMENT_DIMENSIONS = ("region", "kind", "year", "cycle", "policy_area", "member")
MEMBER_DIMENSIONS = ("status", "region", "kind", "member")


def register(indicator: Indicator) -> Indicator:
    REGISTRY[indicator.key] = indicator
    return indicator


register(
    Indicator(
        key="commitments",
        title=_("Commitments"),
        definition=_(
            "How many commitments members made in their action plans, by region, submission year, policy area "
            "and member."
        ),
        formula=_("Number of commitments"),
        denominator_text=_("No denominator: a count."),
        unit="count",
        compute_fn=_commitments,
        group=_("Commitments"),
        source=_("Action plans"),
    )
)
register(
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
    )
)
register(
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
    )
)
register(
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
    )
)
register(
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
    )
)
register(
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
    )
)
register(
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
    )
)
register(
    Indicator(
        key="carried-forward",
        title=_("Carried forward"),
        definition=_(
            "Share of commitments carried into a later action plan of the same member: linked to their "
            "continuation on the platform, or marked “Carried Forward” (1) in OGP’s commitments database, whose "
            "imported commitments carry the mark but not the link."
        ),
        formula=_("Commitments with a continuation in a later plan or OGP’s “Carried Forward” mark ÷ all commitments"),
        denominator_text=_("All commitments."),
        unit="percent",
        compute_fn=_carried_forward,
        group=_("Implementation"),
        source=_("Action plans"),
    )
)
register(
    Indicator(
        key="members",
        title=_("Members by status"),
        definition=_("How many members OGP has, by status (Active, Under Procedural Review, ...), region and type."),
        formula=_("Number of members"),
        denominator_text=_("No denominator: a count."),
        unit="count",
        compute_fn=lambda f, b: _member_result(f, b, lambda m: True, per_status=True),
        dimensions=MEMBER_DIMENSIONS,
        group=_("Members"),
        source=_("Member records"),
    )
)
register(
    Indicator(
        key="eligible-members",
        title=_("Eligible members"),
        definition=_(
            "Share of members meeting OGP's core eligibility criteria (75 % of applicable points and the Values "
            "Check) in their latest score sheet."
        ),
        formula=_("Eligible ÷ members with a latest score sheet that has enough data"),
        denominator_text=_(
            'Members with an eligibility score sheet; "Not enough data" and members without one are left out.'
        ),
        unit="percent",
        compute_fn=lambda f, b: _member_result(f, b, _is_eligible, per_status=False),
        dimensions=MEMBER_DIMENSIONS,
        group=_("Members"),
        source=_("Eligibility score sheets"),
    )
)


def get(key: str) -> Indicator:
    return REGISTRY[key]


def all_indicators() -> list[Indicator]:
    return list(REGISTRY.values())


# ---------------------------------------------------------------------------------------------------------------------
# Cache: keyed by a data version, so a change to the data under a number gives a new key


_VERSION_TABLES = (
    ("plans", "Commitment"),
    ("plans", "ActionPlan"),
    ("members", "Member"),
    ("members", "EligibilityScore"),
    ("irm", "Assessment"),
    ("irm", "Report"),
    ("insights", "ThirdPartyValue"),
    ("cocreation", "Contribution"),
    ("cocreation", "Response"),
    ("opendata", "CommitmentRecord"),  # OGP's "Carried Forward" mark (carried-forward)
)
SIGNAL_VERSION_KEY = "insights:signal-version"


def data_version() -> str:
    """A fingerprint of the data under the indicators, in one query.

    New rows move MAX(id); edits made through the actions write a history row and move MAX(history_date)
    (indexed by django-simple-history). Anything else (bulk updates) is caught by the counter that
    signals.py bumps: signals only invalidate caches here, they never carry business rules.
    """
    parts = []
    for app_label, name in _VERSION_TABLES:
        model = apps.get_model(app_label, name)
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        parts.append(f"(SELECT MAX({pk}) FROM {table})")  # noqa: S608 - quoted model table and column names
        history = getattr(model, "history", None)
        if history is not None:
            htable = connection.ops.quote_name(history.model._meta.db_table)
            parts.append(f"(SELECT MAX(history_date) FROM {htable})")  # noqa: S608 - quoted model table name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))  # noqa: S608 - table names from the models, no user input
        row = cursor.fetchone()
    raw = json.dumps([str(value) for value in row]) + str(cache.get(SIGNAL_VERSION_KEY, 0))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def bump_version() -> None:
    try:
        cache.incr(SIGNAL_VERSION_KEY)
    except ValueError:
        cache.set(SIGNAL_VERSION_KEY, 1, None)


def _wanted(indicator: Indicator, breakdowns: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(b for b in breakdowns if b in indicator.dimensions))


def _cache_key(version: str, indicator: Indicator, filters: Filters, wanted: tuple[str, ...]) -> str:
    raw = f"{version}|{indicator.key}|{filters.token()}|{','.join(wanted)}"
    return "insights:result:" + hashlib.sha256(raw.encode()).hexdigest()


def compute_cached(
    indicator: Indicator, filters: Filters | None = None, breakdowns: Iterable[str] = (), version: str | None = None
) -> Result:
    """``indicator.compute`` through the cache; the key holds the data version, so stale entries are never read."""
    filters = filters or Filters()
    wanted = _wanted(indicator, breakdowns)
    key = _cache_key(version or data_version(), indicator, filters, wanted)
    result = cache.get(key)
    if result is None:
        result = indicator.compute(filters, wanted)
        cache.set(key, result, CACHE_SECONDS)
    return result


def warm_cache(report: Callable[[str, float], None] | None = None) -> str:
    """Compute every indicator, its breakdowns and its trends into the cache for the current data version, so
    that no visitor waits for cold numbers after the data changed (``refresh_insights``, and a task after each
    open-data import). Cheap when the cache is already warm. ``report(key, seconds)`` follows each indicator."""
    version = data_version()
    for indicator in all_indicators():
        started = time.monotonic()
        breakdowns = [d for d in indicator.dimensions if d not in TREND_DIMENSIONS and d != "member"]
        compute_cached(indicator, Filters(), (), version)
        compute_cached(indicator, Filters(), (*breakdowns, "member"), version)
        for dim in breakdowns:
            compute_cached(indicator, Filters(), (dim,), version)
        for by in TREND_DIMENSIONS:
            trend(indicator, Filters(), by, version)
        if report is not None:
            report(indicator.key, time.monotonic() - started)
    return version


def compute_many(
    keys: Iterable[str], filters: Filters | None = None, breakdowns: Iterable[str] = (), version: str | None = None
) -> dict[str, Result]:
    """Several indicators through the cache (one read for all of them). Those missing that are ``Share``s of
    one family are computed together: one query plus one per breakdown for all of them (the same numbers as
    computing each alone; test_indicators checks it)."""
    filters = filters or Filters()
    version = version or data_version()
    wanted = {key: _wanted(REGISTRY[key], breakdowns) for key in keys}
    cache_keys = {key: _cache_key(version, REGISTRY[key], filters, wanted[key]) for key in wanted}
    results: dict[str, Result] = {}
    found = cache.get_many(list(cache_keys.values()))
    together: dict[tuple[str, tuple[str, ...]], dict[str, Share]] = {}
    for key, cache_key in cache_keys.items():
        if cache_key in found:
            results[key] = found[cache_key]
            continue
        fn = REGISTRY[key].compute_fn
        if isinstance(fn, Share):
            together.setdefault((fn.family, wanted[key]), {})[key] = fn
        else:
            results[key] = REGISTRY[key].compute(filters, wanted[key])
            cache.set(cache_key, results[key], CACHE_SECONDS)
    for (_family, dims), shares in together.items():
        computed = compute_shares(shares, filters, dims)
        cache.set_many({cache_keys[key]: computed[key] for key in shares}, CACHE_SECONDS)
        results.update(computed)
    return {key: results[key] for key in wanted}


# ---------------------------------------------------------------------------------------------------------------------
# Trends and comparisons


TREND_DIMENSIONS = {"year": _("Submission year"), "cycle": _("Action plan cycle")}


def trend(
    indicator: Indicator, filters: Filters | None = None, by: str = "year", version: str | None = None
) -> list[Row]:
    """The indicator over submission years or action-plan cycles (a breakdown, so the same queries)."""
    if by not in TREND_DIMENSIONS or by not in indicator.dimensions:
        return []
    filters = (filters or Filters()).without(by)
    return compute_cached(indicator, filters, (by,), version).breakdown.get(by, [])


@dataclass
class Comparison:
    member: Result
    region: Result
    world: Result


def compare_member(indicator: Indicator, member: Any, version: str | None = None) -> Comparison:
    """A member against its region and the world, on the same definition."""
    version = version or data_version()
    return Comparison(
        member=compute_cached(indicator, Filters(member=member.slug), (), version),
        region=compute_cached(indicator, Filters(region=member.region), (), version),
        world=compute_cached(indicator, Filters(), (), version),
    )


def results_by_member(keys: Iterable[str], version: str | None = None) -> dict[str, dict[str, Row]]:
    """{indicator key: {member slug: Row}}: every member's value in one grouped query per indicator (per family
    of shares: compute_many).

    What the Global Report uses for its member pages instead of computing member by member.
    """
    results = compute_many(keys, Filters(), ("member",), version)
    return {key: {row.key: row for row in result.breakdown.get("member", [])} for key, result in results.items()}


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


# -- Co-creation (opengov.cocreation) ---------------------------------------------------------------------------------


def _latest_submitted_plans(filters: Filters) -> list[Any]:
    """Each member's most recent plan past co-creation (the one the standards were last applied to)."""
    from opengov.plans.models import ActionPlan
    from opengov.plans.phases import Phase

    plans = filters.for_members(ActionPlan.objects.exclude(phase=Phase.CO_CREATION), "member__")
    if filters.year is not None:
        plans = plans.filter(start_year=filters.year)
    if filters.cycle is not None:
        plans = plans.filter(number=filters.cycle)
    latest: dict[int, Any] = {}
    for plan in plans.select_related("member").order_by("member_id", "-number"):
        latest.setdefault(plan.member_id, plan)
    return list(latest.values())


def _cocreation_compliance(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
    """Uses the co-creation app's own checklist (cocreation.standards), so the rule is defined once there.

    The checklists of all the latest plans are read together (``checklists_for``): a fixed number of queries
    whatever the number of members; the breakdowns are counted in Python from the same verdicts.
    """
    from opengov.cocreation.standards import NOT_ASSESSED, NOT_MET, checklists_for

    plans = _latest_submitted_plans(filters)
    checklists = checklists_for(plans)
    verdicts: list[tuple[Any, bool]] = []
    for plan in plans:
        checklist = checklists[plan.pk]
        if all(r.status == NOT_ASSESSED for r in checklist):
            continue  # nothing assessed yet: left out of the denominator
        verdicts.append((plan.member, not any(r.status == NOT_MET for r in checklist)))
    applied = {k: v for k, v in filters.applied().items() if k != "policy_area"}
    met = sum(ok for _m, ok in verdicts)
    result = Result(share(met, len(verdicts)), met, len(verdicts), filters_applied=applied)
    with translation.override("en"):
        region_labels = {k: str(v) for k, v in Region.choices}
        kind_labels = {k: str(v) for k, v in MemberKind.choices}
    groupers = {
        "region": lambda m: (m.region, region_labels.get(m.region, m.region)),
        "kind": lambda m: (m.kind, kind_labels.get(m.kind, m.kind)),
        "member": lambda m: (m.slug, m.name),
    }
    for key in breakdowns:
        buckets: dict[str, list[Any]] = {}
        for member, ok in verdicts:
            k, label = groupers[key](member)
            buckets.setdefault(k, [label, 0, 0])
            buckets[k][1] += ok
            buckets[k][2] += 1
        rows = [Row(k, label, share(n, d), n, d) for k, (label, n, d) in buckets.items()]
        result.breakdown[key] = sorted(rows, key=lambda r: r.label.casefold())
    return result


def _participation(answered_only: bool) -> Callable[[Filters, tuple[str, ...]], Result]:
    def compute(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
        from opengov.cocreation.models import Contribution

        qs = filters.for_members(Contribution.objects.visible(), "consultation__action_plan__member__")
        if filters.year is not None:
            qs = qs.filter(consultation__action_plan__start_year=filters.year)
        if filters.cycle is not None:
            qs = qs.filter(consultation__action_plan__number=filters.cycle)
        applied = {k: v for k, v in filters.applied().items() if k != "policy_area"}
        if answered_only:
            return _ratio_result(
                qs, "pk", models.Q(response__isnull=False), models.Q(), filters, breakdowns, "consultation__", applied
            )
        return _ratio_result(qs, "pk", models.Q(), None, filters, breakdowns, "consultation__", applied)

    return compute


def _public_influence(filters: Filters, breakdowns: tuple[str, ...]) -> Result:
    """Action plans whose development reached at least Involve, each judged by its latest published report
    that assesses it (irm.influence: the order the member snapshot uses too). One query plus one per breakdown."""
    from opengov.irm.influence import LATEST_FIRST, assessed_q
    from opengov.irm.models import Report

    field_name = "iap2_level_development"
    latest = (
        Report.objects.published()
        .filter(assessed_q(field_name), action_plan_id=models.OuterRef("action_plan_id"))
        .order_by(*LATEST_FIRST)
        .values("pk")[:1]
    )
    qs = filters.for_members(Report.objects.published().filter(pk=models.Subquery(latest)), "action_plan__member__")
    if filters.year is not None:
        qs = qs.filter(action_plan__start_year=filters.year)
    if filters.cycle is not None:
        qs = qs.filter(action_plan__number=filters.cycle)
    applied = {k: v for k, v in filters.applied().items() if k != "policy_area"}
    numerator = models.Q(**{f"{field_name}__in": scales.at_least(scales.DEVELOPMENT_MINIMUM)})
    denominator = models.Q(**{f"{field_name}__in": levels(scales.PublicInfluence)})
    return _ratio_result(qs, "action_plan_id", numerator, denominator, filters, breakdowns, "", applied)


PLAN_DIMENSIONS = ("region", "kind", "year", "cycle", "member")

register(
    Indicator(
        key="cocreation-compliance",
        title=_("Co-creation compliance"),
        definition=_(
            "Share of members whose latest submitted action plan met every minimum requirement of the Participation "
            "and Co-Creation Standards that has been assessed."
        ),
        formula=_(
            "Latest plans with no unmet minimum requirement ÷ latest plans with at least one requirement assessed"
        ),
        denominator_text=_(
            "Each member's most recent action plan past co-creation, when at least one minimum requirement has "
            "been assessed; requirements not assessed yet count neither way."
        ),
        unit="percent",
        compute_fn=_cocreation_compliance,
        dimensions=("region", "kind", "member"),
        group=_("Co-creation"),
        source=_("Co-creation checklists"),
    )
)
register(
    Indicator(
        key="public-influence",
        title=_("Public influence in co-creation"),
        definition=_(
            "Share of assessed action plans whose development gave the public at least an Involve level of "
            "influence on the IAP2 spectrum (Involve, Collaborate or Empower rather than Inform or Consult), as "
            "assessed by the IRM: the level OGP's earlier procedural-review rule required."
        ),
        formula=_(
            "Plans with Involve, Collaborate or Empower during development ÷ plans with a level assessed for "
            "development"
        ),
        denominator_text=_(
            "Action plans with a level of public influence during development in a published IRM report (the "
            "latest such report counts); plans not assessed are left out."
        ),
        unit="percent",
        compute_fn=_public_influence,
        dimensions=PLAN_DIMENSIONS,
        group=_("Co-creation"),
        source=_("IRM reports"),
    )
)
register(
    Indicator(
        key="contributions",
        title=_("Contributions"),
        definition=_(
            "How many proposals and comments people made in co-creation consultations (hidden ones excluded)."
        ),
        formula=_("Number of visible contributions"),
        denominator_text=_("No denominator: a count."),
        unit="count",
        compute_fn=_participation(answered_only=False),
        dimensions=PLAN_DIMENSIONS,
        group=_("Co-creation"),
        source=_("Consultations"),
    )
)
register(
    Indicator(
        key="answered-contributions",
        title=_("Contributions answered"),
        definition=_("Share of visible contributions to consultations that received a reasoned response."),
        formula=_("Contributions with a response ÷ visible contributions"),
        denominator_text=_("Visible contributions (hidden ones are abuse, not input to answer)."),
        unit="percent",
        compute_fn=_participation(answered_only=True),
        dimensions=PLAN_DIMENSIONS,
        group=_("Co-creation"),
        source=_("Consultations"),
    )
)
