"""Any change to an event invalidates the map's cached clusters (mapdata.bump_version)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import mapdata
from .models import Event


@receiver(post_save, sender=Event)
@receiver(post_delete, sender=Event)
def event_changed(sender: Any, **kwargs: Any) -> None:
    mapdata.bump_version()
