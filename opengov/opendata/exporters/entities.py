"""Open data: one tidy file per entity (members, action plans, commitments, milestones, assessments,
policy areas) as CSV, JSON or XLSX, and the data dictionary generated from the same specs.

Each ``Dataset`` names its queryset and its columns; a column is a model field (its meaning, type and
allowed values are read from the field: verbose name, help text, choices, so the dictionary never drifts
from the models) or a computed value with its own description. Rows are read with
``iterator(chunk_size=...)`` and written as they come: CSV and JSON stream, XLSX is written by
openpyxl's write-only workbook to a temporary file (constant memory either way).
"""

from __future__ import annotations

import datetime
import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from opengov.core.formula_injection import SafeWriter, xlsx_row
from opengov.irm.models import Assessment, Report
from opengov.members.models import Member
from opengov.plans.models import ActionPlan, Commitment, Milestone, PolicyArea

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CHUNK = 2000
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CREDIT = "Open Government Partnership, commitments database"


@dataclass(frozen=True)
class Column:
    name: str
    get: Callable[[Any], Any]
    type: str
    meaning: str
    allowed: str = ""


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: StrOrPromise
    description: StrOrPromise
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet[models.Model]]
    columns: tuple[Column, ...]
    history_models: tuple[type[models.Model], ...] = ()


_TYPES = {
    "CharField": "text",
    "TextField": "text",
    "SlugField": "text",
    "URLField": "URL",
    "DateField": "date (YYYY-MM-DD)",
    "DateTimeField": "date and time (ISO 8601)",
    "BooleanField": "boolean",
    "PositiveSmallIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "IntegerField": "integer",
    "FloatField": "number",
    "ForeignKey": "text",
    "CountryField": "ISO 3166-1 alpha-2 code",
}


def field(model: type[models.Model], path: str, name: str = "", get: Callable[[Any], Any] | None = None) -> Column:
    """A column read from a model field (``path`` may follow foreign keys: ``action_plan__ogp_id``)."""
    parts = path.split("__")
    target: Any = model
    f: Any = None
    for part in parts:
        f = target._meta.get_field(part)
        target = f.related_model or target
    allowed = "; ".join(f"{value} ({label})" for value, label in f.choices) if f.choices else ""
    kind = _TYPES.get(f.get_internal_type(), "text")
    if f.null and kind in ("date (YYYY-MM-DD)", "integer", "boolean"):
        kind += ", empty when unknown"
    meaning = str(f.verbose_name).capitalize() + (f". {f.help_text}" if f.help_text else "")

    def default_get(obj: Any) -> Any:
        value = obj
        for part in parts:
            value = getattr(value, part, None) if value is not None else None
        return value

    return Column(name or parts[-1], get or default_get, kind, meaning, allowed)


def computed(name: str, get: Callable[[Any], Any], kind: str, meaning: str, allowed: str = "") -> Column:
    return Column(name, get, kind, meaning, allowed)


def _assessment_columns() -> tuple[Column, ...]:
    from opengov.irm import scales

    cols = [
        field(Assessment, "commitment__ogp_id", "commitment_id"),
        field(Assessment, "report__action_plan__ogp_id", "action_plan_id"),
        field(Assessment, "report__product", "product"),
        field(Assessment, "report__publication_year", "publication_year"),
    ]
    cols += [field(Assessment, name) for name in scales.INDICATOR_SCALES]
    cols += [field(Assessment, "cluster_label"), field(Assessment, "cluster_commitment_ids")]
    cols.append(
        computed(
            "starred",
            lambda a: a.stars.current,
            "boolean",
            "Starred under the current formula (irm/stars.py): Medium/High specificity or verifiable, relevant, "
            "Transformative potential impact, Substantial/Complete completion.",
        )
    )
    return tuple(cols)


def _tags(commitment: Commitment) -> str:
    return "; ".join(area.label for area in commitment.policy_areas.all())


# Apps above opendata (events, stories, campaigns) add their datasets from AppConfig.ready(), without opendata
# importing them; the downloads page, the dictionary and the ZIP's datapackage.json list them like the rest.
_providers: list[Callable[[], tuple[Dataset, ...]]] = []


def register(provider: Callable[[], tuple[Dataset, ...]]) -> Callable[[], tuple[Dataset, ...]]:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def datasets() -> dict[str, Dataset]:
    own = _own_datasets()
    for provider in _providers:
        own.update({d.slug: d for d in provider()})
    return own


def _own_datasets() -> dict[str, Dataset]:
    return {
        d.slug: d
        for d in (
            Dataset(
                "members",
                _("Members"),
                _("National and local governments taking part in OGP, with region, type and status."),
                Member,
                lambda: Member.objects.select_related("parent").order_by("ogp_code"),
                (
                    field(Member, "ogp_code"),
                    field(Member, "name"),
                    field(Member, "kind"),
                    field(Member, "iso3"),
                    field(Member, "country", get=lambda m: m.country.code or ""),
                    field(Member, "region"),
                    field(Member, "parent__ogp_code", "parent_ogp_code"),
                    field(Member, "status"),
                    field(Member, "status_since"),
                    field(Member, "join_date"),
                    field(Member, "lead_agency"),
                    field(Member, "website_url"),
                ),
                (Member,),
            ),
            Dataset(
                "action-plans",
                _("Action plans"),
                _("Every member's numbered action plans with their period and phase."),
                ActionPlan,
                lambda: ActionPlan.objects.select_related("member").order_by("ogp_id"),
                (
                    field(ActionPlan, "ogp_id"),
                    field(ActionPlan, "member__ogp_code", "member_ogp_code"),
                    field(ActionPlan, "number"),
                    field(ActionPlan, "start_year"),
                    field(ActionPlan, "end_year"),
                    field(ActionPlan, "duration_years"),
                    field(ActionPlan, "start_date"),
                    field(ActionPlan, "end_date"),
                    field(ActionPlan, "submitted_on"),
                    field(ActionPlan, "phase"),
                    field(ActionPlan, "document_url"),
                ),
                (ActionPlan,),
            ),
            Dataset(
                "commitments",
                _("Commitments"),
                _("Every commitment with its template fields, OGP values and policy areas."),
                Commitment,
                lambda: (
                    Commitment.objects.select_related("action_plan__member", "carried_forward_from")
                    .prefetch_related("policy_areas")
                    .order_by("ogp_id")
                ),
                (
                    field(Commitment, "ogp_id"),
                    field(Commitment, "action_plan__ogp_id", "action_plan_id"),
                    field(Commitment, "action_plan__member__ogp_code", "member_ogp_code"),
                    field(Commitment, "number"),
                    field(Commitment, "title"),
                    field(Commitment, "short_title"),
                    field(Commitment, "theme"),
                    field(Commitment, "problem"),
                    field(Commitment, "status_quo"),
                    field(Commitment, "objective"),
                    field(Commitment, "description"),
                    field(Commitment, "start_date"),
                    field(Commitment, "start_date_precision"),
                    field(Commitment, "end_date"),
                    field(Commitment, "end_date_precision"),
                    field(Commitment, "lead_institution"),
                    field(Commitment, "supporting_institutions"),
                    field(Commitment, "access_to_information"),
                    field(Commitment, "civic_participation"),
                    field(Commitment, "public_accountability"),
                    field(Commitment, "technology_innovation"),
                    computed(
                        "policy_areas",
                        _tags,
                        "text",
                        "Policy areas (labels of policy-areas.label), separated by '; '.",
                    ),
                    field(Commitment, "cluster"),
                    field(Commitment, "carried_forward_from__ogp_id", "carried_forward_from"),
                    field(Commitment, "status"),
                    field(Commitment, "url"),
                ),
                (Commitment,),
            ),
            Dataset(
                "milestones",
                _("Milestones"),
                _("Dated, verifiable steps of each commitment, with their status."),
                Milestone,
                lambda: Milestone.objects.select_related("commitment").order_by("commitment__ogp_id", "position"),
                (
                    field(Milestone, "commitment__ogp_id", "commitment_id"),
                    field(Milestone, "position"),
                    field(Milestone, "title"),
                    field(Milestone, "start_date"),
                    field(Milestone, "end_date"),
                    field(Milestone, "expected_output"),
                    field(Milestone, "responsible"),
                    field(Milestone, "status"),
                ),
                (Milestone,),
            ),
            Dataset(
                "assessments",
                _("IRM assessments"),
                _("The IRM's assessment of each commitment in its published reports (published reports only)."),
                Assessment,
                lambda: (
                    Assessment.objects.published()
                    .select_related("report__action_plan", "commitment")
                    .order_by("commitment__ogp_id", "report__product")
                ),
                _assessment_columns(),
                (Assessment, Report),  # publishing a report changes the file: its history counts too
            ),
            Dataset(
                "policy-areas",
                _("Policy areas"),
                _("OGP's two-level policy-area taxonomy; labels are the commitments database's column names."),
                PolicyArea,
                lambda: PolicyArea.objects.select_related("parent").order_by("position"),
                (
                    field(PolicyArea, "slug"),
                    field(PolicyArea, "label"),
                    field(PolicyArea, "parent__slug", "group"),
                    field(PolicyArea, "position"),
                ),
                (PolicyArea,),
            ),
        )
    }


def data_version(dataset: Dataset) -> tuple[str, datetime.datetime | None]:
    """(ETag, Last-Modified) from the latest change of the data: history rows record every write.

    Only the history of rows the dataset publishes counts (for the assessments: those of published reports), so
    an anonymous client cannot watch the validators to learn that someone is editing a draft.
    """
    public = dataset.queryset()
    parts, latest = [], None
    for model in dataset.history_models:
        history = model.history.all()  # type: ignore[attr-defined]  # simple-history adds .history to what it tracks
        if model is dataset.model and public.query.has_filters():
            history = history.filter(id__in=public.order_by().values("pk"))
        elif hasattr(model._default_manager, "published"):  # a model whose rows decide what is public (IRM reports)
            published = model._default_manager.published()
            history = history.filter(id__in=published.values("pk"))
        history = history.aggregate(n=Count("pk"), last=Max("history_date"))
        parts.append(f"{history['n']}-{history['last'].timestamp() if history['last'] else 0}")
        if history["last"] and (latest is None or history["last"] > latest):
            latest = history["last"]
    parts.append(str(public.count()))
    return f'"{dataset.slug}-{"-".join(parts)}"', latest


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def iter_values(dataset: Dataset) -> Iterator[list[Any]]:
    for obj in dataset.queryset().iterator(chunk_size=CHUNK):
        yield [_cell(column.get(obj)) for column in dataset.columns]


class _Echo:
    def write(self, value: str) -> str:
        return value


def iter_csv(dataset: Dataset) -> Iterator[str]:
    writer = SafeWriter(_Echo(), lineterminator="\r\n")  # formulas made inert (core/formula_injection.py)
    yield writer.writerow([column.name for column in dataset.columns])
    for values in iter_values(dataset):
        yield writer.writerow(values)


def iter_json(dataset: Dataset) -> Iterator[str]:
    names = [column.name for column in dataset.columns]
    meta = {"dataset": dataset.slug, "licence": LICENCE, "licence_url": LICENCE_URL, "credit": CREDIT}
    yield json.dumps(meta)[:-1] + ', "rows": [\n'
    first = True
    for values in iter_values(dataset):
        yield ("" if first else ",\n") + json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def write_xlsx(dataset: Dataset) -> Any:
    """A temporary file holding the workbook (write-only mode: rows go to disk as they are added)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(dataset.slug[:31])
    sheet.append([column.name for column in dataset.columns])
    for values in iter_values(dataset):
        sheet.append(xlsx_row(sheet, values))  # text as text, formulas inert (core/formula_injection.py)
    about = workbook.create_sheet("about")
    about.append(["credit", CREDIT])
    about.append(["licence", LICENCE, LICENCE_URL])
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to the response, closed by it
    workbook.save(out)
    out.seek(0)
    return out
