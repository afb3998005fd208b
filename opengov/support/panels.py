"""What staff support shows on pages of apps below it (core.panels)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from opengov.members.models import Member

from .models import SupportRequest

TIMELINE_LENGTH = 20


def member_timeline(request: HttpRequest, member: Member) -> str:
    """A member's support requests, newest first, for Support Unit staff only (two queries)."""
    if not request.user.has_perm("support.view_member_timeline", member):
        return ""
    rows = list(SupportRequest.objects.filter(member=member).order_by("-created_at")[: TIMELINE_LENGTH + 1])
    return render_to_string(
        "support/includes/timeline.html",
        {"rows": rows[:TIMELINE_LENGTH], "more": len(rows) > TIMELINE_LENGTH},
        request=request,
    )
