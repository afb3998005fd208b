"""Turning registered writes into Change rows (registry.Trigger) and automatic follows (registry.AutoFollow)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save, pre_save

from opengov.core import followables as registry

from . import actions


def _remember_old(sender: Any, instance: Any, **kwargs: Any) -> None:
    fields = sorted({f for t in registry.triggers() if t.model is sender for f in t.fields})
    if not fields or instance.pk is None or kwargs.get("raw"):
        instance._following_old = {}
        return
    old = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    instance._following_old = old or {}


def _on_save(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    old = getattr(instance, "_following_old", {})
    for t in registry.triggers():
        if t.model is sender and t.when(instance, created, old):
            stamp = "new" if created else "-".join(f"{f}={getattr(instance, f)}" for f in t.fields) or "changed"
            key = f"{t.kind}:{sender._meta.label_lower}:{instance.pk}:{stamp}"
            url = t.url(instance) if t.url else ""
            actions.record(t.kind, instance, t.targets(instance), t.summary(instance), key, url)
    if created:
        for rule in registry.auto_follows():
            if rule.model is sender:
                actions.auto_follow(rule.user(instance), rule.target(instance))


def connect() -> None:
    models = {t.model for t in registry.triggers()} | {r.model for r in registry.auto_follows()}
    for model in models:
        pre_save.connect(_remember_old, sender=model, dispatch_uid=f"following-old-{model._meta.label_lower}")
        post_save.connect(_on_save, sender=model, dispatch_uid=f"following-save-{model._meta.label_lower}")
