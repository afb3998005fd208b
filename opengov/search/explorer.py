"""The commitments explorer (/commitments/): every commitment, filtered by facets with counts, sorted, paged,
downloadable as CSV, XLSX or JSON with the same filters. Plain GET forms and links: works without JavaScript;
with htmx the results refresh in place. The API (search/api.py) takes the same parameters through the same form.

IRM verdicts are read from published reports only, with the insights definitions (insights.indicators: the
same starred / ambitious / completion / results rules as the numbers on the insights pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_htmx.middleware import HtmxDetails

from opengov.insights import indicators
from opengov.irm.models import Assessment
from opengov.members.models import Member, MemberKind, Region
from opengov.opendata.exporters import entities
from opengov.plans.models import VALUE_FIELD_NAMES, Commitment, CommitmentQuerySet, PolicyArea
from opengov.plans.phases import Phase

from .query import MAX_QUERY_LENGTH

PAGE_SIZE = 50
SORTS = {
    "ogp_id": ("ogp_id", _("OGP id")),
    "title": ("title", _("Title")),
    "member": ("action_plan__member__name", _("Member")),
    "-year": ("-action_plan__start_year", _("Newest plans first")),
    "year": ("action_plan__start_year", _("Oldest plans first")),
}
# IRM verdicts (published reports only): filter name -> (label, condition on an assessment).
VERDICTS: dict[str, tuple[Any, models.Q]] = {
    "starred": (_("Starred"), indicators.STAR_NUM),
    "ambitious": (_("Ambitious"), indicators.AMBITIOUS_NUM),
    "completed": (_("Substantial or complete"), indicators.COMPLETION_NUM),
    "results": (_("Significant early results"), indicators.RESULTS_NUM),
}
SUBMISSION_YEAR = Coalesce(
    ExtractYear("action_plan__submitted_on"), "action_plan__start_year", output_field=models.IntegerField()
)


def _value_label(name: str) -> str | Promise:
    """The verbose name of an OGP value flag, left lazy so it is translated where it is shown."""
    # Every name in VALUE_FIELD_NAMES is a BooleanField of Commitment, never a relation.
    return cast("models.Field[Any, Any]", Commitment._meta.get_field(name)).verbose_name


class HtmxHttpRequest(HttpRequest):
    """A request that passed django-htmx's middleware (settings.MIDDLEWARE), which sets ``htmx``."""

    htmx: HtmxDetails


def _verdict(condition: models.Q) -> models.Exists:
    assessed = Assessment.objects.published().filter(condition, commitment_id=models.OuterRef("pk"))
    return models.Exists(assessed)


class ExplorerForm(forms.Form):
    q = forms.CharField(label=_("Words in the title"), required=False, max_length=MAX_QUERY_LENGTH)
    member = forms.ModelChoiceField(
        label=_("Member"), queryset=Member.objects.all(), required=False, to_field_name="slug"
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", "")] + list(Region.choices), required=False)
    member_kind = forms.ChoiceField(
        label=_("Member type"), choices=[("", "")] + list(MemberKind.choices), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Policy area"), queryset=PolicyArea.objects.all(), required=False, to_field_name="slug"
    )
    phase = forms.ChoiceField(label=_("Plan phase"), choices=[("", "")] + list(Phase.choices), required=False)
    year = forms.IntegerField(label=_("Submission year"), required=False, min_value=2011, max_value=2100)
    value = forms.ChoiceField(
        label=_("OGP value"),
        choices=[("", ""), *((name, _value_label(name)) for name in VALUE_FIELD_NAMES)],
        required=False,
    )
    verdict = forms.ChoiceField(
        label=_("IRM verdict"), choices=[("", "")] + [(k, v[0]) for k, v in VERDICTS.items()], required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=[(k, v[1]) for k, v in SORTS.items()], required=False)

    def commitments(self) -> CommitmentQuerySet:
        """The commitments these (valid) filters select, unsorted."""
        data = self.cleaned_data
        qs = Commitment.objects.all()
        if data.get("q"):
            qs = qs.filter(title__icontains=data["q"].strip())
        if data.get("member"):
            qs = qs.filter(action_plan__member=data["member"])
        if data.get("region"):
            qs = qs.filter(action_plan__member__region=data["region"])
        if data.get("member_kind"):
            qs = qs.filter(action_plan__member__kind=data["member_kind"])
        if data.get("area"):
            qs = qs.in_policy_area(data["area"])
        if data.get("phase"):
            qs = qs.filter(action_plan__phase=data["phase"])
        if data.get("year"):
            qs = qs.annotate(submission_year=SUBMISSION_YEAR).filter(submission_year=data["year"])
        if data.get("value"):
            qs = qs.filter(**{data["value"]: True})
        if data.get("verdict"):
            qs = qs.filter(_verdict(VERDICTS[data["verdict"]][1]))
        return qs

    def order(self) -> list[str]:
        return [SORTS[self.cleaned_data.get("sort") or "ogp_id"][0], "ogp_id"]


@dataclass
class Facet:
    param: str
    label: Any
    values: list[tuple[str, str, int]]  # (parameter value, label, count)


def facet_counts(qs: models.QuerySet[Commitment]) -> list[Facet]:
    """Counts for every facet value over the selected commitments (a fixed number of queries)."""
    base = qs.order_by()
    members = (
        base.values("action_plan__member__slug", "action_plan__member__name")
        .annotate(n=models.Count("pk"))
        .order_by("-n", "action_plan__member__name")[:30]
    )
    regions = dict(Region.choices)
    kinds = dict(MemberKind.choices)
    phases = dict(Phase.choices)
    tags = Commitment.policy_areas.through.objects.filter(commitment__in=base.values("pk"))
    area_counts = {
        row["policyarea_id"]: row["n"] for row in tags.values("policyarea_id").annotate(n=models.Count("pk"))
    }
    areas = [(a.slug, a.name, area_counts[a.pk]) for a in PolicyArea.objects.filter(pk__in=area_counts)]

    def grouped(field: str | Any, labels: dict[str, Any] | None = None) -> list[tuple[str, str, int]]:
        rows = base.annotate(v=field).values("v").annotate(n=models.Count("pk")).order_by("-n", "v")
        return [
            (str(r["v"]), str(labels.get(r["v"], r["v"])) if labels else str(r["v"]), r["n"]) for r in rows if r["v"]
        ]

    flags = {name: models.Count("pk", filter=models.Q(**{name: True})) for name in VALUE_FIELD_NAMES}
    flags |= {key: models.Count("pk", filter=models.Q(_verdict(cond))) for key, (_label, cond) in VERDICTS.items()}
    totals = base.aggregate(**flags)
    return [
        Facet(
            "member",
            _("Member"),
            [(r["action_plan__member__slug"], r["action_plan__member__name"], r["n"]) for r in members],
        ),
        Facet("region", _("Region"), grouped(models.F("action_plan__member__region"), regions)),
        Facet("member_kind", _("Member type"), grouped(models.F("action_plan__member__kind"), kinds)),
        Facet("area", _("Policy area"), sorted(areas, key=lambda a: (-a[2], a[1]))),
        Facet("phase", _("Plan phase"), grouped(models.F("action_plan__phase"), phases)),
        Facet("year", _("Submission year"), sorted(grouped(SUBMISSION_YEAR), reverse=True)),
        Facet(
            "value",
            _("OGP value"),
            [(n, str(_value_label(n)), totals[n]) for n in VALUE_FIELD_NAMES if totals[n]],
        ),
        Facet("verdict", _("IRM verdict"), [(k, str(v[0]), totals[k]) for k, v in VERDICTS.items() if totals[k]]),
    ]


def _links(request: HttpRequest, facets: list[Facet]) -> list[dict[str, Any]]:
    params = {k: v for k, v in request.GET.items() if v and k != "page"}
    out = []
    for facet in facets:
        values = []
        for value, label, count in facet.values:
            selected = params.get(facet.param) == value
            new = {k: v for k, v in params.items() if k != facet.param}
            if not selected:
                new[facet.param] = value
            values.append({"label": label, "count": count, "selected": selected, "url": "?" + urlencode(new)})
        out.append({"label": facet.label, "param": facet.param, "values": values})
    return out


def explorer_page(request: HtmxHttpRequest) -> HttpResponse:
    form = ExplorerForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    if not request.GET:
        form.cleaned_data = {}
    qs = form.commitments() if valid else Commitment.objects.none()
    facets = facet_counts(qs) if valid else []
    page = Paginator(
        qs.order_by(*form.order() if valid else ["ogp_id"]).for_public_rows().prefetch_related("policy_areas"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    filters = urlencode({k: v for k, v in request.GET.items() if v and k != "page"})
    context = {
        "form": form,
        "page": page,
        "facets": _links(request, facets),
        "filters": filters,
        "nav": "commitments",
    }
    template = "search/includes/explorer_results.html" if request.htmx else "search/explorer.html"
    return render(request, template, context, status=200 if valid else 400)


FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def filtered_dataset(qs: models.QuerySet[Commitment]) -> entities.Dataset:
    """The open data commitments dataset narrowed to ``qs``. Its CSV and XLSX writers neutralise formula-like cells
    themselves (core.formula_injection), as for every other download; JSON keeps values as typed."""
    full = entities.datasets()["commitments"]
    columns = full.columns
    return entities.Dataset(
        full.slug,
        full.title,
        full.description,
        full.model,
        lambda: full.queryset().filter(pk__in=qs.values("pk")),
        columns,
    )


def download(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format.")
    form = ExplorerForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    dataset = filtered_dataset(form.commitments())
    response: HttpResponse | StreamingHttpResponse
    if fmt == "xlsx":
        with entities.write_xlsx(dataset) as handle:
            response = HttpResponse(handle.read(), content_type=FORMATS[fmt])
    else:
        stream = entities.iter_csv(dataset) if fmt == "csv" else entities.iter_json(dataset)
        response = StreamingHttpResponse((chunk.encode("utf-8") for chunk in stream), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="ogp-commitments-selection.{fmt}"'
    response["Link"] = f'<{entities.LICENCE_URL}>; rel="license"'
    return response
