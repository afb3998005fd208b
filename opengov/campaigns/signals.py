"""Cache invalidation only: changes to the data under campaign targets that no MAX() in targets.version() sees
(a tag removed from a commitment, a status change or submission saved without a history row) bump its counter.
Commitments, plans and members are covered by insights' own counter, which targets.version() reads too."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save


def _bump(sender: Any, **kwargs: Any) -> None:
    from .targets import bump_version

    bump_version()


def connect() -> None:
    from opengov.members.models import StatusChange
    from opengov.plans.models import Commitment

    from .models import ChallengeSubmission

    m2m_changed.connect(_bump, sender=Commitment.policy_areas.through, dispatch_uid="campaigns-bump-tags")
    for model in (StatusChange, ChallengeSubmission):
        post_save.connect(_bump, sender=model, dispatch_uid=f"campaigns-bump-{model._meta.label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"campaigns-bump-del-{model._meta.label}")
