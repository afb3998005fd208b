"""Turning registered writes into Change rows (followables.Trigger) and automatic follows (AutoFollow).

No query while the writer's transaction is open: previous field values are remembered when a row is loaded
(``post_init``, from what was read anyway), and the changes are recorded right after commit.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_init, post_save

from opengov.core import followables as registry

from . import actions


def _fields(model: Any) -> list[str]:
    return sorted({f for t in registry.triggers() if t.model is model for f in t.fields})


def _remember(sender: Any, instance: Any, **kwargs: Any) -> None:
    # __dict__, not getattr: a deferred field must not be loaded (that would be a query per row).
    instance._following_old = {f: instance.__dict__[f] for f in _fields(sender) if f in instance.__dict__}


def _on_save(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    old = getattr(instance, "_following_old", {})
    fired = [t for t in registry.triggers() if t.model is sender and t.when(instance, created, old)]
    for t in fired:
        stamp = "new" if created else "-".join(f"{f}={getattr(instance, f)}" for f in t.fields) or "changed"
        key = f"{t.kind}:{sender._meta.label_lower}:{instance.pk}:{stamp}"
        transaction.on_commit(partial(_record, t, instance, key))
    if created:
        for rule in registry.auto_follows():
            if rule.model is sender:
                transaction.on_commit(partial(_auto_follow, rule, instance))
    # What was saved is the new "previous" state for a later save of the same object.
    _remember(sender, instance)


def _record(t: registry.Trigger, instance: Any, key: str) -> None:
    url = t.url(instance) if t.url else ""
    actions.record(t.kind, instance, t.targets(instance), t.summary(instance), key, url)


def _auto_follow(rule: registry.AutoFollow, instance: Any) -> None:
    actions.auto_follow(rule.user(instance), rule.target(instance))


def connect() -> None:
    models = {t.model for t in registry.triggers()} | {r.model for r in registry.auto_follows()}
    for model in models:
        if _fields(model):
            post_init.connect(_remember, sender=model, dispatch_uid=f"following-old-{model._meta.label_lower}")
        post_save.connect(_on_save, sender=model, dispatch_uid=f"following-save-{model._meta.label_lower}")
