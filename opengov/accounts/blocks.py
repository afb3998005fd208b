"""What accounts shows on "My work" (core/blocks.py): the user's roles with their scope, and their account."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from rest_framework.authtoken.models import Token

from opengov.core import blocks

from .models import RoleAssignment
from .signed_in import signed_in_user  # My work is login_required (portal.views.my_work)


def my_roles(request: HttpRequest) -> dict[str, Any]:
    """The user's current roles, each with its scope (one query whatever the count)."""
    assignments = list(
        RoleAssignment.objects.current()
        .filter(user=signed_in_user(request))
        .select_related("member", "organisation", "action_plan__member")
        .order_by("role", "granted_at")
    )
    return {"assignments": assignments}


def my_account(request: HttpRequest) -> dict[str, Any]:
    return {
        "has_token": Token.objects.filter(user=signed_in_user(request)).exists(),
        "may_hold_token": request.user.has_perm("accounts.create_api_token"),
    }


def register() -> None:
    blocks.register_section(blocks.MY_WORK, "accounts/includes/my_work_roles.html", my_roles, order=10)
    blocks.register_section(blocks.MY_WORK, "accounts/includes/my_work_account.html", my_account, order=90)
