"""Demo staff support: regional coverage for two staff members and requests in every status, one overdue."""

from __future__ import annotations

import datetime

from django.utils import timezone

from opengov.accounts.actions import grant_role
from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, person
from opengov.accounts.models import Role
from opengov.core.seeding import SeedLog
from opengov.members.models import Member, Region

from .models import MessageKind, StaffCoverage, Status, SupportMessage, SupportRequest

# (member code, asker key, topic, subject, status, days ago, staff reply?, internal note?)
REQUESTS = [
    ("AL", "poc.albania", "co_creation", "How often must our forum meet?", Status.RESOLVED, 40, True, False),
    ("AL", "editor.albania", "implementation", "Reporting a delayed milestone", Status.IN_PROGRESS, 9, True, True),
    ("AM", "editor.armenia", "plan_design", "Ambitious beneficial ownership commitments", Status.NEW, 4, False, False),
    ("AL", "cso", "irm", "When will the IRM publish its review?", Status.WAITING, 12, True, True),
    ("AM", "editor.armenia", "other", "Translating the action plan", Status.NEW, 0, False, False),
]  # fmt: skip


def seed(log: SeedLog) -> None:
    if SupportRequest.objects.exists():
        return
    amira = person("support", "Amira Haddad")
    tomas = person("support.americas", "Tomás Rivera")
    tomas.is_staff = True
    tomas.save(update_fields=["is_staff"])
    grant_role(None, tomas, Role.SUPPORT_UNIT)
    for user, regions in (
        (amira, [Region.EUROPE, Region.AFRICA_MIDDLE_EAST]),
        (tomas, [Region.AMERICAS, Region.ASIA_PACIFIC]),
    ):
        for region in regions:
            StaffCoverage.objects.get_or_create(user=user, region=region)
    members = {m.ogp_code: m for m in Member.objects.filter(ogp_code__in={r[0] for r in REQUESTS})}
    now = timezone.now()
    for code, asker, topic, subject, status, days, replied, noted in REQUESTS:
        requester = person(asker, asker)
        created = now - datetime.timedelta(days=days, hours=3)
        request = SupportRequest.objects.create(
            member=members[code],
            requester=requester,
            topic=topic,
            subject=subject,
            status=status,
            message=f"Dear Support Unit,\n\n{subject}? Thank you.",
            assigned_to=amira,
            created_at=created,
        )
        if replied:
            reply_at = created + datetime.timedelta(hours=20)
            SupportMessage.objects.create(
                request=request,
                author=amira,
                kind=MessageKind.REPLY,
                created_at=reply_at,
                body="Thank you for asking. See the **National Handbook**, section 3.",
            )
            request.first_response_at = reply_at
        if noted:
            SupportMessage.objects.create(
                request=request,
                author=amira,
                kind=MessageKind.NOTE,
                body="Internal: check with the IRM team before answering further.",
            )
        if status == Status.RESOLVED:
            request.resolved_at = created + datetime.timedelta(days=3)
        request.save()
    log(
        f"Support: {len(REQUESTS)} requests ({SupportRequest.objects.overdue().count()} overdue), "
        f"coverage for {DEMO_EMAIL_DOMAIN} staff."
    )


def reset() -> dict[str, int]:
    """Delete the demo requests (their messages and attachments go with them) and the demo staff's coverage."""
    requests = SupportRequest.objects.filter(requester__email__endswith=f"@{DEMO_EMAIL_DOMAIN}").delete()[0]
    coverage = StaffCoverage.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}").delete()[0]
    return {"support requests": requests, "support coverage": coverage}
