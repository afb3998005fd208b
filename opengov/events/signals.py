"""Any change to an event moves the data version on, so every cached list, calendar, map and statistic is
recomputed (caching.py)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import caching
from .models import Event


@receiver(post_save, sender=Event)
@receiver(post_delete, sender=Event)
def event_changed(sender: Any, **kwargs: Any) -> None:
    caching.bump_version()
