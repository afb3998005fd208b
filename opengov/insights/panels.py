"""What insights shows on pages of apps below it (core.panels): the link to a member's snapshot."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from opengov.core import panels


@panels.register("members.Member", order=10)
def member_snapshot_link(request: HttpRequest, member: Any) -> str:
    return render_to_string("insights/includes/member_snapshot_link.html", {"member": member}, request=request)
