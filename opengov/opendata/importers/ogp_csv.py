"""Import OGP's commitments database (171 columns, DOMAIN.md 4.3): members, action plans, commitments,
policy-area tags, the OGP record of unmodelled cells, and IRM assessments.

The one bulk write path of the platform (documented in docs/opendata.md). It does not go through the
per-row actions because a database of 100,000 commitments must import in a minute: it checks the
permission once at the entry (``import_ogp_csv``: the ``opendata.import_data`` rule, or the system
operator from the command line), prefetches existing rows by natural key (member code, plan id,
commitment id), compares in memory and writes only what changed with bulk_create / bulk_update in
batches, through simple_history's bulk helpers so every created or changed row has its history row
(user: the importing user or the system user; reason: ``import FILE``).

Parsing a row lives in ogp_rows.py, the OGP records and snapshots of existing rows in ogp_records.py, the IRM
assessments in ogp_irm.py.

Steps: read and check the file (FileRejected) -> parse every row (errors reject the row, warnings keep
it) -> check rows agree on their member and plan -> compare with the database -> write, all in one
transaction, unless a row was rejected and ``skip_bad_rows`` is off, or it is a dry run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries
from simple_history.utils import bulk_update_with_history

from opengov.core.concurrency import EditConflict, lock_versions
from opengov.core.permissions import require
from opengov.members.models import LOCAL_KINDS, Member, MemberKind
from opengov.plans.models import ActionPlan, Commitment, PolicyArea
from opengov.plans.phases import Phase

from .. import columns as C
from ..models import CommitmentRecord
from ..parsing import Precision
from . import unchanged
from .base import (
    FileRejected,
    ImportReport,
    Issue,
    Progress,
    cycle_collector_paused,
    one_at_a_time,
    read_rows,
    read_text,
    system_user,
)
from .fast import Stamp, insert_instances, insert_rows
from .ogp_records import BATCH, Records, Snapshot, chunks
from .ogp_rows import OGP_PREFIXES, MemberData, PlanData, Row, RowParser

LOCK = "opendata.import_ogp"
SYSTEM = object()  # the actor of a command-line import: permission comes from shell access to the server


def import_ogp_csv(
    actor: Any,
    source: str | Path | IO[bytes] | bytes,
    *,
    filename: str = "",
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
    limit: int | None = None,
    file_wins: bool = False,
    file_wins_for: Iterable[str] = (),
) -> ImportReport:
    """Import a commitments-database CSV. ``actor``: a user holding ``opendata.import_data``, or SYSTEM.

    A row whose commitment (or its IRM assessments) was changed on the platform since the file's data was
    last imported is held back and reported, not overwritten, unless the file wins: for every row
    (``file_wins``) or for the commitment ids in ``file_wins_for`` (staff's choice per row).

    Raises FileRejected (nothing written) for a file that cannot be read as OGP's CSV.
    """
    if actor is SYSTEM:
        user = system_user()
    else:
        require(actor, "opendata.import_data")
        user = actor
    filename = filename or (Path(source).name if isinstance(source, str | Path) else "upload.csv")
    text = read_text(source, limit)
    with cycle_collector_paused(), one_at_a_time(LOCK):
        importer = OgpCsvImport(user, filename, dry_run, skip_bad_rows, progress)
        importer.file_wins, importer.file_wins_for = file_wins, frozenset(file_wins_for)
        return importer.run(text)


_QUOTED = re.compile(r'"[^"]*"')  # a quoted cell; a doubled quote inside one splits it in two, both matched


def count_records(text: str) -> int:
    """The number of records after the header, for progress: newlines outside quotes (a quoted cell may
    hold newlines; a doubled quote inside one keeps the count right). Far cheaper than parsing the file."""
    newlines = _QUOTED.sub("", text).count("\n")
    if not text.endswith("\n"):
        newlines += 1
    return max(newlines - 1, 0)


# The reason given for a row held back (the job page finds held rows by it to offer the choice per row).
HELD_REASON = (
    "changed on the platform since this row was last imported; the file's values were not applied "
    "(choose 'file wins' for this row to apply them)"
)
# Commitment fields -> the file's columns, to say which columns a held-back row would have changed.
FIELD_COLUMNS = {
    **{name: column for column, name in C.COMMITMENT_TEXT_FIELDS.items()},
    **{name: column for column, name in C.DATE_COLUMNS.items()},
    **{f"{name}_precision": column for column, name in C.DATE_COLUMNS.items()},
    **{name: column for column, name in C.VALUE_FIELDS.items()},
}


class RejectedLate(Exception):
    """A row was rejected at the member or plan step of a write without ``skip_bad_rows``: roll back."""


class OgpCsvImport:
    def __init__(self, user: Any, filename: str, dry_run: bool, skip_bad_rows: bool, progress: Progress | None) -> None:
        self.user = user
        self.reason = f"import {filename}"
        self.report = ImportReport(filename, dry_run=dry_run)
        self.skip_bad_rows = skip_bad_rows
        self.progress = progress or (lambda done, total: None)
        self.now = timezone.now()
        self.stamp = Stamp(user, self.reason, self.now)
        # Nothing to compare with: the first import of a database skips reading what exists.
        self.empty = not Commitment.objects.exists()
        self.file_wins = False
        self.file_wins_for: frozenset[str] = frozenset()

    def history(self) -> dict[str, Any]:
        return {"default_user": self.user, "default_change_reason": self.reason, "default_date": self.now}

    # --- reading -------------------------------------------------------------------------------------

    def run(self, text: str) -> ImportReport:
        header, records = read_rows(text, C.COLUMNS)
        extra = [column for column in header if column not in C.COLUMNS]
        for column in extra:
            self.report.issues.append(Issue(1, column, "", "unknown column, ignored", "warning"))
        total = count_records(text)
        self.total = total
        parser = RowParser(header)
        salt = unchanged.salt(PolicyArea.objects.values_list("label", flat=True))
        known = {} if self.empty else unchanged.load_known()
        rows: list[Row] = []
        seen: dict[str, int] = {}
        for done, (line, cells) in enumerate(records, start=1):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line at the end of a hand-edited file
            digest = parser.digest(cells, salt)
            key, plan_id = parser.key_and_plan(cells) if digest else ("", "")
            hit = known.get(key)
            skip = hit is not None and hit.row_hash == digest and hit.plan_id == plan_id
            row, issues = parser.parse(line, cells, place_only=skip)
            if skip and row is not None:
                assert hit is not None  # noqa: S101 - skip implies a hit
                issues.extend(Issue(line, column, value, why, "warning", key) for column, value, why in hit.warnings)
                row.assessments = hit.assessments
            self.report.issues.extend(issues)
            if row is not None and row.key in seen:
                self.report.issues.append(
                    Issue(line, C.ID, row.key, f"the same commitment id is on line {seen[row.key]}", key=row.key)
                )
                row = None
            if row is None:
                self.report.rows.rejected += 1
            else:
                row.digest = digest
                seen[row.key] = line
                rows.append(row)
            if done % 2000 == 0:
                self.progress(min(done, total) // 2, total)
        rows = self.check_agreement(rows)
        bad = bool(self.report.errors)
        try:
            with transaction.atomic():
                self.compare_and_write(rows, write=not (self.report.dry_run or (bad and not self.skip_bad_rows)))
        except RejectedLate:
            self.report.applied = False  # rolled back: a row failed at the member or plan step
        except EditConflict as conflict:
            # Someone saved a row this import was about to update (core/concurrency.py): all is rolled back.
            self.report.applied = False
            self.report.failure = (
                f"{conflict.current._meta.verbose_name} {conflict.current} was edited on the platform during the "
                "import; import the file again."
            )
        self.progress(total, total)
        return self.report

    def reject(self, row: Row, column: str, value: str, reason: str) -> None:
        self.report.issues.append(Issue(row.line, column, value, reason, "error", row.key))
        self.report.rows.rejected += 1

    def check_agreement(self, rows: list[Row]) -> list[Row]:
        """Rows of one member (or plan) must say the same about it: the first row wins, others are rejected."""
        members: dict[str, tuple[MemberData, int]] = {}
        plans: dict[str, tuple[PlanData, str, int]] = {}
        kept = []
        for row in rows:
            first_member = members.setdefault(row.member.key, (row.member, row.line))
            first_plan = plans.setdefault(row.plan.ogp_id, (row.plan, row.member.key, row.line))
            if first_member[0] != row.member:
                self.reject(row, "Country/Locality", row.member.name, f"member disagrees with line {first_member[1]}")
            elif (first_plan[0], first_plan[1]) != (row.plan, row.member.key):
                self.reject(row, C.PLAN_ID, row.plan.ogp_id, f"action plan disagrees with line {first_plan[2]}")
            else:
                kept.append(row)
        return kept

    # --- comparing and writing -------------------------------------------------------------------------

    def compare_and_write(self, rows: list[Row], write: bool) -> None:
        self.report.applied = write
        members = self.sync_members(rows, write)
        if any(row.status == "rejected" for row in rows):
            rows = [row for row in rows if row.status != "rejected"]
        plans = self.sync_plans(rows, members, write)
        if write and not self.skip_bad_rows and self.report.errors:
            # Errors found after the decision to write (a member or plan that clashes with the database) stop
            # the write like errors found while reading: the transaction is rolled back.
            raise RejectedLate
        rows = [row for row in rows if row.status != "rejected"]
        self.progress(self.total // 2, self.total)
        records = self.sync_commitments(rows, plans, write)
        for row in rows:
            setattr(self.report.rows, row.status, getattr(self.report.rows, row.status) + 1)
        self.report.entity("IRM assessments").unchanged += sum(row.assessments for row in rows if row.skipped)
        if write:
            from .ogp_irm import sync_assessments

            full = [row for row in rows if not row.skipped and row.status != "held"]
            sync_assessments(self, full)
            records.write(full, self.report.issues, self.stamp, self.history())

    def sync_members(self, rows: list[Row], write: bool) -> dict[str, Member]:
        counts = self.report.entity("members")
        wanted: dict[str, MemberData] = {}
        for row in rows:
            wanted.setdefault(row.member.key, row.member)
        existing = {m.ogp_code: m for m in Member.objects.select_related("parent")}
        by_name = {m.name: m for m in existing.values()}
        # Identity (ogp_rows.MemberData.key): national and other members by alpha-3 code, locals by OGP code;
        # a local's national member by the country in its plan id.
        by_iso3 = {m.iso3: m for m in existing.values() if m.iso3 and not m.is_local}
        by_country = {m.country.code: m for m in existing.values() if m.kind == MemberKind.NATIONAL and m.country}
        slugs = set(Member.objects.values_list("slug", flat=True))
        result: dict[str, Member] = {}
        problems: dict[str, str] = {}

        def save(member: Member, fields: list[str] | None) -> None:
            if write:
                # What django-simple-history reads for the next save (core.permissions.attribute_to sets the same).
                member._history_user = self.user  # type: ignore[attr-defined]
                member._change_reason = self.reason  # type: ignore[attr-defined]
                member.save(update_fields=fields)

        def unique_slug(name: str, code: str) -> str:
            slug = slugify(name) or code.lower()
            if slug in slugs:
                slug = f"{slug}-{code.lower()}"
            slugs.add(slug)
            return slug

        def parent_for(data: MemberData) -> Member | None:
            iso2 = data.country or countries.by_name(data.parent_name)
            parent = by_country.get(iso2) if iso2 else None
            if parent is None and data.parent_name in by_name:
                parent = by_name[data.parent_name]
                return parent if not parent.is_local else None
            if parent is not None or not iso2 or iso2 not in dict(countries):
                return parent
            # The country is not a member yet in the data: create it, with OGP's code for it, so that its own
            # rows (found by alpha-3 code) later update this member instead of clashing with it.
            iso3 = countries.alpha3(iso2) or ""
            code = OGP_PREFIXES.get(iso3, iso2)
            if code in existing:
                return None
            parent = Member(
                name=data.parent_name,
                slug=unique_slug(data.parent_name, code),
                kind=MemberKind.NATIONAL,
                country=iso2,
                iso3=iso3,
                ogp_code=code,
                region=data.region,
            )
            save(parent, None)
            existing[code] = by_name[parent.name] = by_country[iso2] = parent
            if iso3:
                by_iso3[iso3] = parent
            counts.created += 1
            return parent

        for code, data in wanted.items():
            if data.kind in LOCAL_KINDS:
                member = existing.get(data.ogp_code)
            else:
                member = by_iso3.get(data.iso3) or existing.get(data.ogp_code)
            if member is None and data.name in by_name:
                problems[code] = f"a member named {data.name} exists with code {by_name[data.name].ogp_code}"
                continue
            parent = None
            if data.kind in LOCAL_KINDS:
                parent = parent_for(data)
                if parent is None:
                    problems[code] = f"no national member or country called {data.parent_name}"
                    continue
            values: dict[str, Any] = {"name": data.name, "kind": data.kind, "region": data.region, "parent": parent}
            if data.kind not in LOCAL_KINDS:
                values["iso3"] = data.iso3
            if member is None:
                country = parent.country if parent else data.country
                prefix = data.ogp_code
                member = Member(ogp_code=prefix, slug=unique_slug(data.name, prefix), country=country, **values)
                save(member, None)
                existing[prefix] = by_name[data.name] = member
                if data.kind not in LOCAL_KINDS:
                    by_iso3[data.iso3] = member
                    if data.kind == MemberKind.NATIONAL:
                        by_country.setdefault(data.country, member)
                counts.created += 1
            else:
                changed = [name for name, value in values.items() if getattr(member, name) != value]
                if changed:
                    for name in changed:
                        setattr(member, name, values[name])
                    save(member, changed)
                    counts.updated += 1
                else:
                    counts.unchanged += 1
            result[code] = member
        for row in rows:
            if row.member.key in problems:
                self.reject(row, "Country/Locality", row.member.name, problems[row.member.key])
                row.status = "rejected"
        return result

    def sync_plans(self, rows: list[Row], members: dict[str, Member], write: bool) -> dict[str, ActionPlan]:
        counts = self.report.entity("action plans")
        wanted: dict[str, tuple[PlanData, Member]] = {}
        for row in rows:
            wanted.setdefault(row.plan.ogp_id, (row.plan, members[row.member.key]))
        existing = {p.ogp_id: p for p in ActionPlan.objects.filter(ogp_id__in=list(wanted)).select_related("member")}
        member_ids = [m.pk for _, m in wanted.values() if m.pk]
        taken = {
            (member_id, number): ogp_id
            for member_id, number, ogp_id in ActionPlan.objects.filter(member_id__in=member_ids).values_list(
                "member_id", "number", "ogp_id"
            )
        }
        this_year = self.now.year
        new, changed, problems = [], [], {}
        changed_fields: set[str] = set()
        result: dict[str, ActionPlan] = {}
        for ogp_id, (data, member) in wanted.items():
            holder = taken.get((member.pk, data.number))
            if member.pk and holder not in (None, ogp_id):
                problems[ogp_id] = f"{member.name} already has action plan number {data.number} ({holder})"
                continue
            values = {
                "member": member,
                "number": data.number,
                "start_year": data.start_year,
                "end_year": data.end_year,
                "duration_years": data.duration_years,
            }
            plan = existing.get(ogp_id)
            if plan is None:
                # Imported plans are history or under way: their phase follows the calendar.
                phase = Phase.ENDED if data.end_year < this_year else Phase.IMPLEMENTATION
                plan = ActionPlan(ogp_id=ogp_id, phase=phase, **values)
                new.append(plan)
            else:
                diff = [name for name, value in values.items() if getattr(plan, name) != value]
                if diff:
                    for name in diff:
                        setattr(plan, name, values[name])
                    plan.version += 1
                    changed.append(plan)
                    changed_fields.update(diff)
                else:
                    counts.unchanged += 1
            result[ogp_id] = plan
        counts.created += len(new)
        counts.updated += len(changed)
        if write:
            for plan in new:
                plan.member_id = plan.member.pk
            insert_instances(ActionPlan, new, self.stamp)
            if changed:
                lock_versions(ActionPlan, {plan.pk: plan.version - 1 for plan in changed})
                fields = [*changed_fields, "version"]
                bulk_update_with_history(changed, ActionPlan, fields, batch_size=BATCH, **self.history())
        for row in rows:
            if row.plan.ogp_id in problems:
                self.reject(row, C.PLAN_ID, row.plan.ogp_id, problems[row.plan.ogp_id])
                row.status = "rejected"
        return result

    def sync_commitments(self, rows: list[Row], plans: dict[str, ActionPlan], write: bool) -> Records:
        """Compare and write the commitments and their tags; the OGP records are compared here and written
        by the caller once the assessments are (their bookkeeping needs the assessments' versions)."""
        counts = self.report.entity("commitments")
        area_ids = dict(PolicyArea.objects.values_list("label", "pk"))
        through = Commitment.policy_areas.through
        records = Records()
        new_rows: list[Row] = []
        changed_commitments: list[Commitment] = []
        changed_fields: set[str] = set()
        tag_adds: list[tuple[Row, int]] = []
        tag_removals: dict[int, list[int]] = {}
        done = 0
        full = [row for row in rows if not row.skipped]
        held: list[tuple[Row, list[str]]] = []
        for chunk in chunks(full, BATCH):
            existing, records_by_pk, tagged, assessed = self.read_existing(chunk)
            for row in chunk:
                plan = plans[row.plan.ogp_id]
                row.tag_ids = frozenset(area_ids[label] for label in row.tags if label in area_ids)
                commitment = existing.get(row.key)
                if commitment is None:
                    new_rows.append(row)
                    row.status = "created"
                    continue
                row.commitment_pk = commitment.pk
                diff = [name for name, value in row.fields.items() if getattr(commitment, name) != value]
                have_tags = tagged.get(commitment.pk, set())
                record = records_by_pk.get(commitment.pk)
                record_diff = record is None or any(getattr(record, n) != v for n, v in row.record.items())
                moved = commitment.action_plan_id != plan.pk or plan.pk is None
                changes = self.platform_changes(commitment, record, assessed.get(commitment.pk, (0, 0)))
                if changes and not (self.file_wins or row.key in self.file_wins_for):
                    # Only what the platform holds counts: the IRM and helper cells are OGP's, never edited here.
                    would = self.would_change(diff, moved, row.tag_ids != have_tags)
                    if would or "assessments" in changes:
                        row.status = "held"
                        held.append((row, would or ["IRM assessments"]))
                        continue
                records.compared(row, record, record_diff)
                if not (diff or moved or row.tag_ids != have_tags):
                    row.status = "updated" if record_diff else "unchanged"
                    continue
                changed = commitment.instance()
                if moved:
                    changed.action_plan = plan
                    diff.append("action_plan")
                for name in diff:
                    if name != "action_plan":
                        setattr(changed, name, row.fields[name])
                changed.version += 1
                changed_commitments.append(changed)
                changed_fields.update(diff)
                tag_adds.extend((row, area_id) for area_id in row.tag_ids - have_tags)
                if have_tags - row.tag_ids:
                    tag_removals[changed.pk] = list(have_tags - row.tag_ids)
                row.status = "updated"
            done += len(chunk)
            # Progress: reading ends at 1/2 of the total, comparing at 2/3, writing the commitments at 5/6.
            self.progress(self.total // 2 + self.total * done // (6 * len(full)), self.total)
        counts.created += len(new_rows)
        counts.updated += len(changed_commitments)
        counts.held += len(held)
        counts.unchanged += len(rows) - len(new_rows) - len(changed_commitments) - len(held)
        for row, columns in held:
            self.report.issues.append(
                Issue(
                    row.line,
                    ", ".join(columns),
                    "",
                    HELD_REASON,
                    "warning",
                    row.key,
                )
            )
        if not write:
            return records
        for row in rows:
            row.plan_pk = plans[row.plan.ogp_id].pk
        pks = insert_rows(
            Commitment,
            [{"ogp_id": row.key, "action_plan_id": row.plan_pk, **row.fields} for row in new_rows],
            self.stamp,
        )
        for row, pk in zip(new_rows, pks, strict=True):
            row.commitment_pk = pk
            records.compared(row, None, True)
            tag_adds.extend((row, area_id) for area_id in row.tag_ids)
        for changed in changed_commitments:
            changed.action_plan_id = changed.action_plan.pk
        if changed_commitments:
            lock_versions(Commitment, {c.pk: c.version - 1 for c in changed_commitments})
            fields = sorted(changed_fields | {"version"})
            bulk_update_with_history(changed_commitments, Commitment, fields, batch_size=BATCH, **self.history())
        for commitment_id, area_ids_ in tag_removals.items():
            through.objects.filter(commitment_id=commitment_id, policyarea_id__in=area_ids_).delete()
        insert_rows(
            through, [{"commitment_id": row.commitment_pk, "policyarea_id": area_id} for row, area_id in tag_adds], None
        )
        self.progress(self.total * 5 // 6, self.total)
        return records

    @staticmethod
    def platform_changes(
        commitment: Snapshot[Commitment], record: Snapshot[CommitmentRecord] | None, assessed: tuple[int, int]
    ) -> set[str]:
        """What was changed on the platform since the row was last imported ("commitment", "assessments"),
        read from the state the last import recorded (importers/unchanged.py). A commitment the platform
        created (no OGP record) counts as changed; a record from before the state was kept says nothing."""
        if record is None:
            return {"commitment"}
        if not record.synced_state:
            return set()
        version, _, rest = record.synced_state.partition(":")
        changed = set()
        if version != str(commitment.version):
            changed.add("commitment")
        if rest != "{}:{}".format(*assessed):
            changed.add("assessments")
        return changed

    @staticmethod
    def would_change(diff: list[str], moved: bool, tags: bool) -> list[str]:
        """The file's columns whose values differ from the platform's."""
        columns = [FIELD_COLUMNS.get(name, name) for name in diff]
        return [*dict.fromkeys(columns), *([C.PLAN_ID] if moved else []), *(["policy areas"] if tags else [])]

    def read_existing(
        self, chunk: list[Row]
    ) -> tuple[
        dict[str, Snapshot[Commitment]],
        dict[int, Snapshot[CommitmentRecord]],
        dict[int, set[int]],
        dict[int, tuple[int, int]],
    ]:
        """The commitments of these rows as stored, their OGP records, their tags (as plain values) and their
        IRM assessments' versions (sum, count)."""
        if self.empty:
            return {}, {}, {}, {}
        through = Commitment.policy_areas.through
        keys = [row.key for row in chunk]
        existing = {c.ogp_id: c for c in Snapshot.read(Commitment, Commitment.objects.filter(ogp_id__in=keys))}
        pks = [c.pk for c in existing.values()]
        records = {
            r.pk: r for r in Snapshot.read(CommitmentRecord, CommitmentRecord.objects.filter(commitment_id__in=pks))
        }
        tagged: dict[int, set[int]] = {}
        for commitment_id, area_id in through.objects.filter(commitment_id__in=pks).values_list(
            "commitment_id", "policyarea_id"
        ):
            tagged.setdefault(commitment_id, set()).add(area_id)
        from opengov.irm.models import Assessment

        assessed = unchanged.assessment_versions(Assessment.objects.filter(commitment_id__in=pks))
        return existing, records, tagged, assessed


__all__ = ["SYSTEM", "FileRejected", "import_ogp_csv", "Precision"]
