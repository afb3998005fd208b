"""What members shows on the home page (core/blocks.py): how many active members, and the directory."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opengov.core import blocks

from .models import Member


def key_numbers() -> dict[str, int]:
    return Member.objects.key_numbers()


def register() -> None:
    blocks.register_figures(
        key_numbers,
        [("active_national", _("active national members")), ("active_local", _("active local members"))],
        order=10,
    )
    blocks.register_link(
        "members:directory",
        _("Members directory"),
        _("Every national and local member, with its status, region and action plans."),
        order=10,
    )
