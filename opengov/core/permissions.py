"""The one way actions check a permission: the rule named in <app>/rules.py, against the object."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(user: Any, perm: str, obj: Any = None) -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def attribute_to(instance: Any, user: Any, reason: str = "") -> None:
    """Tell django-simple-history who made the next save and why (API token users are not on the
    request when its middleware runs, so actions set the user explicitly)."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    if reason:
        instance._change_reason = reason
