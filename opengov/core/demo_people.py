"""Demo people that app seeders share (a demo user by key, or an extra named person), so each app's demo.py
does not reinvent them. Every demo account uses the demo domain and password of core.demo."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from .demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD


def person(local_part: str, display_name: str) -> Any:
    """The demo user ``local_part@demo.example.org``, created with the demo password if missing."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        email=f"{local_part}@{DEMO_EMAIL_DOMAIN}", defaults={"display_name": display_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
