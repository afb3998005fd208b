"""Scheduled IRM work (django-tasks): the daily procedural review."""

from __future__ import annotations

from django_tasks import task


@task()
def procedural_review() -> int:
    """Record new procedural-review findings (idempotent; run daily by the scheduler). Returns how many."""
    from .actions import run_procedural_review

    return len(run_procedural_review(None))
