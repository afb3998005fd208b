"""The governance bodies OGP has (DOMAIN.md 1.6): the Steering Committee (11 government + 11 civil-society seats),
its three subcommittees, the Board and the International Experts Panel. Seeded by a data migration; seats can be
changed in the back office afterwards."""

from __future__ import annotations

from typing import Any

# slug, name, kind, parent slug, government seats, civil-society seats, independent seats, parity, order
SC = "steering-committee"
BODIES = [
    (SC, "Steering Committee", "steering_committee", None, 11, 11, 0, True, 1),
    ("governance-and-leadership", "Governance and Leadership Subcommittee", "subcommittee", SC, 2, 2, 0, True, 2),
    ("criteria-and-standards", "Criteria and Standards Subcommittee", "subcommittee", SC, 4, 4, 0, True, 3),
    ("thematic-leadership", "Thematic Leadership Subcommittee", "subcommittee", SC, 4, 4, 0, True, 4),
    ("board", "Board", "board", None, 0, 0, 7, False, 5),
    ("international-experts-panel", "International Experts Panel", "experts_panel", None, 0, 0, 5, False, 6),
]  # fmt: skip


def seed(body_model: Any) -> None:
    """Create or update the bodies (idempotent); ``body_model`` is the real or the migration's historical model."""
    for slug, name, kind, parent, gov, cs, ind, parity, order in BODIES:
        body_model.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "parent": body_model.objects.get(slug=parent) if parent else None,
                "government_seats": gov,
                "civil_society_seats": cs,
                "independent_seats": ind,
                "requires_parity": parity,
                "limits_terms": kind in ("steering_committee", "subcommittee"),
                "order": order,
            },
        )
