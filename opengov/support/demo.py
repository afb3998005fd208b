"""Demo staff support: regional coverage for two staff members and requests in every status, one overdue.

Requests are asked, answered, noted and moved through support.actions as the people would (routing picks the staff
member covering the member's region; notifications go out). The actions stamp the time they run, so the demo then
dates each request and its messages in the past, which is what makes one of them overdue. Idempotent: nothing is
written when the demo's requests exist.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from opengov.accounts.actions import grant_role
from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, demo_user, person
from opengov.accounts.models import Role
from opengov.core.seeding import SeedLog
from opengov.members.models import Member, Region

from . import actions
from .models import StaffCoverage, Status, SupportMessage, SupportRequest

# (member code, asker's DEMO_USERS key, topic, subject, message, final status, days ago, staff reply, internal note)
REQUESTS = [
    ("AL", "albania_poc", "co_creation", "How often must our forum meet?",
     "Our forum met three times this year. Does the co-creation standard ask for a meeting every six months, or "
     "every quarter?", Status.RESOLVED, 40,
     "Every six months at least (Standard 1); many forums meet quarterly during co-creation. See the **National "
     "Handbook**, section 3.", ""),
    ("AL", "albania_editor", "implementation", "Reporting a delayed milestone",
     "The beneficial ownership register will be three months late. How do we record the delay and the new date?",
     Status.IN_PROGRESS, 9,
     "Mark the milestone as delayed and give the new end date; add a line to the next progress update.",
     "Check with the IRM team whether the delay affects the Results Report."),
    ("AM", "armenia_editor", "plan_design", "Ambitious beneficial ownership commitments",
     "We would like examples of beneficial ownership commitments the IRM found ambitious.", Status.NEW, 4, "", ""),
    ("AL", "cso_rep", "irm", "When will the IRM publish its review?",
     "Our organisation would like to comment on the IRM's review of the current plan. When will it open for "
     "comment?", Status.WAITING, 12,
     "The IRM expects to open it for comment next month. Could you tell us which commitments you follow?",
     "Ask IRM staff for the exact date before answering further."),
    ("AM", "armenia_editor", "other", "Translating the action plan",
     "Can we submit the action plan in Armenian and send the English translation later?", Status.NEW, 0, "", ""),
]  # fmt: skip


def _coverage(log: SeedLog) -> None:
    amira = demo_user("support_unit")
    tomas = person("support.americas", "Tomás Rivera")
    if not tomas.is_staff:
        tomas.is_staff = True
        tomas.save(update_fields=["is_staff"])
    grant_role(None, tomas, Role.SUPPORT_UNIT)
    for user, regions in (
        (amira, [Region.EUROPE, Region.AFRICA_MIDDLE_EAST]),
        (tomas, [Region.AMERICAS, Region.ASIA_PACIFIC]),
    ):
        for region in regions:
            _row, created = StaffCoverage.objects.get_or_create(user=user, region=region)
            if created:
                log.created("support coverage")


def seed(log: SeedLog) -> None:
    if SupportRequest.objects.filter(requester__email__endswith=f"@{DEMO_EMAIL_DOMAIN}").exists():
        return
    _coverage(log)
    members = {m.ogp_code: m for m in Member.objects.filter(ogp_code__in={r[0] for r in REQUESTS})}
    now = timezone.now()
    for code, asker, topic, subject, message, status, days, reply, note in REQUESTS:
        request = actions.ask(demo_user(asker), members[code], {"topic": topic, "subject": subject, "message": message})
        staff = request.assigned_to or demo_user("support_unit")
        asked_at = now - datetime.timedelta(days=days, hours=3)
        answered_at = asked_at + datetime.timedelta(hours=20)
        if reply:
            actions.reply(staff, request, reply)
        if note:
            actions.add_note(staff, request, note)
        request.refresh_from_db()
        if request.status != status:
            actions.update(staff, request, {"status": status}, request.version)
        # Dated as if asked ``days`` ago and answered the next morning.
        SupportMessage.objects.filter(request=request).update(created_at=answered_at)
        SupportRequest.objects.filter(pk=request.pk).update(
            created_at=asked_at,
            first_response_at=answered_at if reply else None,
            resolved_at=asked_at + datetime.timedelta(days=3) if status == Status.RESOLVED else None,
        )
        log.created("support requests")
    log(f"Support: {len(REQUESTS)} requests ({SupportRequest.objects.overdue().count()} overdue).")


def reset() -> dict[str, int]:
    """Delete the demo requests (their messages and attachments go with them) and the demo staff's coverage."""
    requests = (
        SupportRequest.objects.filter(requester__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
        .delete()[1]
        .get("support.SupportRequest", 0)
    )
    coverage = StaffCoverage.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}").delete()[0]
    return {"support requests": requests, "support coverage": coverage}
