"""The unchanged-row shortcut of the OGP import.

Re-importing OGP's database is mostly rows that have not changed, and parsing and comparing a row costs
about half a millisecond (a minute for 100,000 rows). A row that is byte-for-byte the row last imported,
into a commitment that nobody has edited since, is known to be unchanged without either. Its OGP record
(``opendata.CommitmentRecord``) keeps, from the import that last wrote it:

- ``row_hash``: a hash of the row's cells in the format's column order, salted with what the reading of a
  row depends on besides the row (``FORMAT``, bumped when the importer reads rows differently, and the
  policy-area labels);
- ``synced_state``: the commitment's version and its IRM assessments' versions (sum and count) as that
  import left them. Every edit on the platform raises one of these versions (core/concurrency.py), so a
  different state means the database has moved on: the row is then parsed and compared in full, and the
  import restores what the file says, as it would without the shortcut;
- ``row_warnings``: the warnings the row drew, reported again when it is skipped, so that a re-import
  reports what a full reading would.

The member and plan cells of a skipped row are still read (they are few), so members and plans are
checked and updated from every row exactly as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Sum

FORMAT = b"ogp-csv 3"  # 2: commitment dates keep their precision; 3: serial dates, null codes in twins
CHUNK = 5000


def salt(area_labels: Iterable[str]) -> bytes:
    return FORMAT + b"\x1e" + "\x1f".join(sorted(area_labels)).encode()


def row_hash(cells: Iterable[str], salt: bytes) -> str:
    digest = hashlib.blake2b(salt, digest_size=20)
    digest.update("\x1f".join(cells).encode())
    return digest.hexdigest()


def state(version: int, assessment_versions: tuple[int, int]) -> str:
    total, count = assessment_versions
    return f"{version}:{total}:{count}"


@dataclass(frozen=True)
class Known:
    """What the last import wrote for a commitment still in that state."""

    row_hash: str
    plan_id: str
    warnings: list[list[str]]
    assessments: int


def assessment_versions(assessments: Any) -> dict[int, tuple[int, int]]:
    """Commitment pk -> (sum, count) of the versions of its assessments among ``assessments``."""
    return {
        commitment_id: (total, count)
        for commitment_id, total, count in assessments.values_list("commitment_id")
        .annotate(total=Sum("version"), count=Count("pk"))
        .values_list("commitment_id", "total", "count")
        .order_by()
    }


def load_known() -> dict[str, Known]:
    """Commitment id -> what its last import wrote, for the commitments not edited since (two queries)."""
    from opengov.irm.models import Assessment
    from opengov.plans.models import Commitment

    assessed = assessment_versions(Assessment.objects.all())
    known: dict[str, Known] = {}
    rows = (
        Commitment.objects.filter(ogp_record__row_hash__gt="")
        .values_list(
            "pk",
            "ogp_id",
            "version",
            "action_plan__ogp_id",
            "ogp_record__row_hash",
            "ogp_record__synced_state",
            "ogp_record__row_warnings",
        )
        .order_by()
    )
    for pk, ogp_id, version, plan_id, digest, synced, warnings in rows.iterator(chunk_size=CHUNK):
        versions = assessed.get(pk, (0, 0))
        if synced == state(version, versions):
            known[ogp_id] = Known(digest, plan_id, warnings, versions[1])
    return known


def states_of(plan_ids: Iterable[int]) -> dict[int, str]:
    """Commitment pk -> its state now (after the import wrote it), for the commitments of these plans. By
    plan, not by commitment: two queries with a few hundred parameters rather than 100,000."""
    from opengov.irm.models import Assessment
    from opengov.plans.models import Commitment

    plans = sorted(set(plan_ids))
    assessed = assessment_versions(Assessment.objects.filter(commitment__action_plan_id__in=plans))
    versions = Commitment.objects.filter(action_plan_id__in=plans).values_list("pk", "version").order_by()
    return {pk: state(version, assessed.get(pk, (0, 0))) for pk, version in versions.iterator(chunk_size=CHUNK)}


def warnings_of(issues: Iterable[Any]) -> dict[int, list[list[str]]]:
    """Line -> the warnings drawn by the row starting on that line, as stored in ``row_warnings``."""
    by_line: dict[int, list[list[str]]] = {}
    for issue in issues:
        if issue.severity == "warning" and issue.line is not None and issue.key:
            by_line.setdefault(issue.line, []).append([issue.column, issue.value[:200], issue.reason])
    return by_line
