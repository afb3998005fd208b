"""What coalitions show on member pages (core.panels): the coalitions the member government takes part in."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from opengov.members.models import Member

from .models import Coalition


def member_coalitions(request: HttpRequest, member: Member) -> str:
    rows = list(
        Coalition.objects.filter(participants__member=member, participants__left_on__isnull=True).order_by("name")
    )
    if not rows:
        return ""
    return render_to_string("coalitions/includes/for_member.html", {"rows": rows}, request=request)
