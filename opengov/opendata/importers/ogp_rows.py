"""One row of OGP's commitments database read into a ``Row``: the vocabulary of its cells (regions, member types,
id patterns), the parser, and the checks of the IRM cells against OGP's labels and formulas.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from opengov.core.queries import model_field
from opengov.members.models import LOCAL_KINDS, MemberKind, Region
from opengov.plans.dates import DatePrecision
from opengov.plans.models import Commitment

from .. import columns as C
from ..parsing import NULL_CODES, null_code, parse_date, parse_flag
from . import unchanged
from .base import (
    Issue,
)

REGIONS = {str(label): value for value, label in Region.choices} | {
    "Africa and the Middle East": Region.AFRICA_MIDDLE_EAST,
    "Americas": Region.AMERICAS,
    "Asia and the Pacific": Region.ASIA_PACIFIC,
    "Europe": Region.EUROPE,
}
REGION_LABELS = {
    Region.AFRICA_MIDDLE_EAST: "Africa and the Middle East",
    Region.AMERICAS: "Americas",
    Region.ASIA_PACIFIC: "Asia and the Pacific",
    Region.EUROPE: "Europe",
}
KINDS = {
    "National": MemberKind.NATIONAL,
    "Local": MemberKind.LOCAL,
    "Legacy Local": MemberKind.LEGACY_LOCAL,
    "Other": MemberKind.OTHER,
}
KIND_LABELS = {value: label for label, value in KINDS.items()}
COMMITMENT_ID = re.compile(r"^([A-Z]{2,3})[0-9]{4}$")
# Member identity comes from the plan id, whose stem is the ISO 3166 alpha-3 code of a national member (AP_GBR02)
# and, for a local member, its country's alpha-2 code and two letters (AP_ARBA01: Buenos Aires, Argentina); not
# from the commitment-id prefix, which is OGP's own code and differs from ISO where OGP chose so (UK0051).
# OGP's own codes where they are not ISO's: the commitment-id prefix of a national member, by alpha-3 code (used
# when a local's country must be created before its own rows arrive), and countries ISO does not list.
OGP_PREFIXES = {"GBR": "UK"}
OGP_COUNTRIES = {"XKX": "XK"}
PLAN_ID = re.compile(r"^AP_([A-Z0-9]{1,6})([0-9]{2})$")
_url = URLValidator()

RECORD_FIELDS = (
    "start_date_given",
    "start_date_precision",
    "end_date_given",
    "end_date_precision",
    "null_codes",
    "cells",
)


_LIMITS = {name: model_field(Commitment, name).max_length for name in C.COMMITMENT_TEXT_FIELDS.values()}


@dataclass(frozen=True)
class MemberData:
    ogp_code: str  # the commitment-id prefix (OGP's code)
    name: str
    parent_name: str
    iso3: str
    region: str
    kind: str
    country: str = ""  # ISO alpha-2: the member's country, or a local member's (from the plan id)

    @property
    def key(self) -> str:
        """Who the member is: the alpha-3 code of a national (or other) member, a local member's OGP code."""
        return self.ogp_code if self.kind in LOCAL_KINDS else self.iso3


@functools.cache  # a few hundred codes, read on every row of a 100,000-row file
def country_of(iso3: str) -> str:
    from django_countries import countries

    return OGP_COUNTRIES.get(iso3) or countries.alpha2(iso3) or ""


@dataclass(frozen=True)
class PlanData:
    ogp_id: str
    number: int
    start_year: int
    end_year: int
    duration_years: int


@dataclass
class Row:
    line: int
    key: str
    member: MemberData
    plan: PlanData
    fields: dict[str, Any]
    tags: frozenset[str]
    record: dict[str, Any]
    status: str = "unchanged"
    skipped: bool = False  # known unchanged (importers/unchanged.py): only the member and plan cells were read
    digest: str = ""  # the row's hash (importers/unchanged.py)
    assessments: int = 0  # a skipped row's number of IRM assessments, for the report's counts
    commitment_pk: int | None = None
    plan_pk: int | None = None
    tag_ids: frozenset[int] = frozenset()


@dataclass
class RowParser:
    """Turns one record into a Row (or None) plus its issues. Cells are interned: a 100,000-row file
    repeats the same few codes millions of times."""

    header: list[str]
    index: dict[str, int] = field(init=False)
    _strings: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {column: self.header.index(column) for column in C.COLUMNS}
        self.order = [self.index[column] for column in C.COLUMNS]
        self.tag_index = [(column, self.index[column]) for column in C.TAG_COLUMNS]

    def intern(self, value: str) -> str:
        return self._strings.setdefault(value, value) if len(value) < 40 else value

    def digest(self, cells: list[str], salt: bytes) -> str:
        """The row's hash, or "" for a row of the wrong length (which parse() reports)."""
        if len(cells) != len(self.header):
            return ""
        return unchanged.row_hash([cells[i] for i in self.order], salt)

    def key_and_plan(self, cells: list[str]) -> tuple[str, str]:
        return cells[self.index[C.ID]].strip(), cells[self.index[C.PLAN_ID]].strip()

    def parse(self, line: int, cells: list[str], place_only: bool = False) -> tuple[Row | None, list[Issue]]:
        """The row and its issues. ``place_only``: read only the member and plan cells (a row known to be
        unchanged, importers/unchanged.py)."""
        issues: list[Issue] = []
        if len(cells) != len(self.header):
            return None, [Issue(line, "", "", f"has {len(cells)} cells, the header has {len(self.header)}")]

        def get(column: str) -> str:
            return cells[self.index[column]]

        key = get(C.ID).strip()

        def error(column: str, reason: str) -> None:
            issues.append(Issue(line, column, get(column), reason, "error", key))

        def warn(column: str, reason: str) -> None:
            issues.append(Issue(line, column, get(column), reason, "warning", key))

        match = COMMITMENT_ID.match(key)
        if not match:
            error(C.ID, "not an OGP commitment id (2 or 3 capital letters and 4 digits, e.g. AL0002)")
        # Member
        place = get("Country/Locality").strip()
        kind = KINDS.get(get("National Or Local").strip())
        if kind is None:
            error("National Or Local", f"expected one of {', '.join(KINDS)}")
        region = REGIONS.get(get("Region").strip())
        if region is None:
            error("Region", f"expected one of {', '.join(REGION_LABELS.values())}")
        name, parent_name = place, ""
        if not place:
            error("Country/Locality", "empty")
        elif kind in LOCAL_KINDS:
            if ", " not in place:
                error("Country/Locality", "a local member is written 'City, Country'")
            else:
                name, parent_name = (part.strip() for part in place.rsplit(", ", 1))
        # Plan
        plan_id = get(C.PLAN_ID).strip()
        plan_match = PLAN_ID.match(plan_id)
        if not plan_match:
            error(C.PLAN_ID, "not an OGP action plan id (e.g. AP_ALB01)")
        numbers: dict[str, int] = {}
        for column, low, high in (
            ("Action Plan Number", 1, 99),
            ("Year Of Submission", 2011, 2100),
            ("Action Plan End Year", 2011, 2100),
            ("Action Plan Duration (Years)", 1, 4),
        ):
            text = get(column).strip()
            if not text.isdigit() or not low <= int(text) <= high:
                error(column, f"expected a whole number from {low} to {high}")
            else:
                numbers[column] = int(text)
        if len(numbers) == 4 and numbers["Action Plan End Year"] < numbers["Year Of Submission"]:
            error("Action Plan End Year", "ends before the year of submission")
        code = get("Code").strip()
        iso3 = country = ""
        stem = plan_match[1] if plan_match else ""
        if kind in LOCAL_KINDS:
            if plan_match and code != stem:
                error("Code", f"a local member's code is its plan id stem ({stem})")
            country = stem[:2]
        elif not re.fullmatch(r"[A-Z]{3}", code):
            error("Code", "expected an ISO 3166 alpha-3 code (e.g. ALB)")
        elif plan_match and code != stem:
            error("Code", f"disagrees with the action plan id {plan_id}, whose member code is {stem}")
        else:
            iso3 = code
            country = country_of(code)
            if not country and not place_only:  # a skipped row's warnings are reported from its record
                warn("Code", "not an ISO 3166 alpha-3 code nor one of OGP's own codes: the member has no country")
        if place_only:
            if issues:
                return None, issues
            assert match and plan_match and kind and region  # noqa: S101 - guaranteed by the errors above
            member = MemberData(match[1], name, parent_name, iso3, region, kind, country)
            return Row(line, key, member, _plan_data(plan_id, numbers), {}, frozenset(), {}, skipped=True), issues
        # Commitment
        fields: dict[str, Any] = {}
        null_codes: dict[str, str] = {}
        overflow: dict[str, str] = {}
        for column, name_ in C.COMMITMENT_TEXT_FIELDS.items():
            raw = get(column)
            nc = null_code(raw)
            if nc is not None:
                fields[name_] = ""
                null_codes[column] = nc
                continue
            fields[name_] = raw
            limit = _LIMITS[name_]
            if limit and len(raw) > limit:
                # The platform field is shorter than OGP's text: it holds a shortened text, the OGP record
                # keeps the whole (and the export writes it back). docs/opendata.md, "Long texts".
                fields[name_] = shorten(raw, limit)
                overflow[column] = raw
                warn(column, f"longer than {limit} characters: shortened on the page, kept whole for export")
        if not fields["title"]:
            error("Commitment Title", "a commitment needs a title")
        if not fields["number"]:
            error("Commitment Number", "a commitment needs its number in the plan")
        if fields["url"]:
            try:
                _url(fields["url"])
            except ValidationError:
                error("URL", "not a web address")
        record: dict[str, Any] = {}
        for column, name_ in C.DATE_COLUMNS.items():
            parsed = parse_date(get(column))
            fields[name_] = parsed.value
            fields[f"{name_}_precision"] = parsed.precision if parsed.value else DatePrecision.DAY.value
            prefix = name_.removesuffix("_date")
            record[f"{prefix}_date_given"] = self.intern(parsed.given)
            record[f"{prefix}_date_precision"] = parsed.precision
            if parsed.note:
                warn(column, parsed.note)
        for column, name_ in C.VALUE_FIELDS.items():
            flag = parse_flag(get(column))
            if flag.stray:
                error(column, "expected 1, 0, or a null code (NA, ND, NR)")
            fields[name_] = bool(flag.value)
            if flag.code is not None:
                null_codes[column] = flag.code
        tags = []
        for column, at in self.tag_index:
            cell = cells[at]
            if cell == "0":  # the common case first: most tags are 0 (a 100,000-row file has 8.6 M tag cells)
                continue
            if cell == "1":
                tags.append(column)
                continue
            flag = parse_flag(cell)
            if flag.stray:
                error(column, "expected 1, 0, or a null code (NA, ND, NR)")
            elif flag.value:
                tags.append(column)
            elif flag.code is not None:
                null_codes[column] = flag.code
        for twin, (label, codes) in C.TWIN_CODES.items():
            # The export recomputes a twin from its label; a null code OGP wrote in the twin itself (NR in
            # _DIOGPA beside a label) is kept, so that it comes back as it was.
            twin_code = null_code(get(twin))
            if twin_code is not None and twin_code != codes.get(get(label).strip(), get(label).strip()):
                null_codes[twin] = twin_code
        cells_: dict[str, str] = {column: self.intern(get(column)) for column in C.RECORD_CELL_COLUMNS}
        cells_.update(overflow)
        record["null_codes"] = null_codes
        record["cells"] = cells_
        issues.extend(check_irm_cells(line, key, cells_, get))
        if any(issue.severity == "error" for issue in issues):
            return None, issues
        assert match and plan_match and kind and region  # noqa: S101 - guaranteed by the errors above
        member = MemberData(match[1], name, parent_name, iso3, region, kind, country)
        return Row(line, key, member, _plan_data(plan_id, numbers), fields, frozenset(tags), record), issues


def _plan_data(plan_id: str, numbers: dict[str, int]) -> PlanData:
    return PlanData(
        plan_id,
        numbers["Action Plan Number"],
        numbers["Year Of Submission"],
        numbers["Action Plan End Year"],
        numbers["Action Plan Duration (Years)"],
    )


def shorten(text: str, limit: int) -> str:
    return text[: limit - 1] + "\u2026"


YEAR = re.compile(r"^\d{4}$")
# Cells known to pass check_irm_cells, to skip the checks of the same few labels repeated in every row.
_FINE_CELLS = {column: frozenset(allowed) | frozenset(NULL_CODES) for column, allowed in C.IRM_LABELS.items()}
_FINE_TWINS: dict[str, set[tuple[str, str]]] = {twin: set() for twin in C.TWIN_CODES}
_FLAG_CHECKED = (*C.IRM_FLAG_COLUMNS, *C.DERIVED_FLAG_COLUMNS)


def check_irm_cells(line: int, key: str, cells: dict[str, str], get: Any) -> list[Issue]:
    """Warnings (the row is kept, the cells stored as given): stray values in IRM and helper columns, and
    numeric twins that disagree with their label. Nothing is resolved silently: each is reported."""
    issues: list[Issue] = []

    def warn(column: str, reason: str, value: str | None = None) -> None:
        issues.append(Issue(line, column, get(column) if value is None else value, reason, "warning", key))

    for column, allowed in C.IRM_LABELS.items():
        if cells[column] in _FINE_CELLS[column]:
            continue
        value = cells[column].strip()
        if null_code(value) is None and value not in allowed:
            warn(column, f"stray value; expected one of {', '.join(allowed)} or a null code")
    for column in _FLAG_CHECKED:
        if parse_flag(cells[column]).stray:
            warn(column, "stray value; expected 1, 0 or a null code")
    for column in C.IRM_YEAR_COLUMNS:
        value = cells[column].strip()
        if null_code(value) is None and not YEAR.match(value):
            warn(column, "expected a year or a null code")
    for twin, (label, codes) in C.TWIN_CODES.items():
        pair = (cells[label], get(twin))
        fine = _FINE_TWINS[twin]
        if pair in fine:
            continue
        label_value, twin_value = pair[0].strip(), pair[1].strip()
        expected = label_value if null_code(label_value) is not None else codes.get(label_value)
        if expected is not None and twin_value != expected:
            warn(twin, f"disagrees with {label} = {label_value!r}, which codes as {expected!r}", twin_value)
        elif len(fine) < 1000:
            fine.add(pair)
    values = [get(c).strip() for c in list(C.VALUE_FIELDS)[:3]]
    relevant = cells["_Relevant"].strip()
    if all(v in ("0", "1") for v in values) and relevant != max(values):
        warn("_Relevant", f"disagrees with the OGP value columns (ATI, CP, PA = {', '.join(values)})")
    change_label, change = cells["Change In Completion"].strip(), cells["_ChangeCompletion"].strip()
    progress, end = get("_CompletionProgress").strip(), get("_CompletionEndTerm").strip()
    if null_code(change_label) is not None:
        if change != change_label:
            warn("_ChangeCompletion", f"disagrees with Change In Completion = {change_label!r}")
    elif re.fullmatch(r"-?\d+", change):
        delta = int(change)
        sign_ok = {"Increase": delta > 0, "No Change": delta == 0, "Decrease": delta < 0}.get(change_label, True)
        if not sign_ok:
            warn("_ChangeCompletion", f"disagrees with Change In Completion = {change_label!r}")
        elif progress.isdigit() and end.isdigit() and int(end) - int(progress) != delta:
            warn("_ChangeCompletion", f"is not _CompletionEndTerm - _CompletionProgress ({end} - {progress})")
    else:
        warn("_ChangeCompletion", "expected a whole number or a null code")
    return issues
