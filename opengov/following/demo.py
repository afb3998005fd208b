"""Demo follows, so each demo person's "Following" page lists what they would follow: their member, its plans
and consultations, a report open for comment, a policy area. Contributors already follow their own contributions
(the co-creation demo's writes did that, as on the site). Written through following.actions; idempotent (a follow
is made once per person and item). Items are named by natural keys (OGP codes, plan phases, report states), so
the list reads the same whatever the database's ids.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, demo_user
from opengov.cocreation.models import Consultation
from opengov.core.seeding import SeedLog
from opengov.irm.models import Report
from opengov.irm.workflow import ReportState
from opengov.members.models import Member
from opengov.plans.models import ActionPlan, PolicyArea
from opengov.plans.phases import Phase

from . import actions
from .models import Follow, Frequency

# Who follows what: (demo user key, items) with items named as "member:AL", "plan:AL:co_creation",
# "consultations:AL", "report:public_comment", "area:<label>".
FOLLOWS: list[tuple[str, tuple[str, ...]]] = [
    ("participant", ("member:AL", "consultations:AL", "area:Anti-Corruption and Integrity", "report:public_comment")),
    ("cso_rep", ("member:AL", "plan:AL:co_creation", "plan:AL:implementation", "area:Fiscal Openness")),
    ("albania_poc", ("member:AL", "plan:AL:co_creation", "consultations:AL")),
    ("albania_editor", ("plan:AL:co_creation", "plan:AL:implementation")),
    ("armenia_editor", ("member:AM", "plan:AM:submitted")),
    ("irm_researcher", ("plan:AL:implementation", "member:AL")),
    ("irm_staff", ("report:public_comment", "member:SL")),
    ("moderator", ("consultations:AL",)),
    ("communications", ("area:Inclusion", "member:KE")),
    ("support_unit", ("member:SL", "member:GE")),
]
# The participant wants the news at once, the others keep each kind's default (daily or weekly digests).
PREFERENCES = {"participant": Frequency.IMMEDIATE}


def _items(name: str) -> list[models.Model]:
    kind, _, rest = name.partition(":")
    if kind == "member":
        return list(Member.objects.filter(ogp_code=rest))
    if kind == "plan":
        code, phase = rest.split(":")
        plan = ActionPlan.objects.filter(member__ogp_code=code, phase=Phase(phase)).order_by("-start_year").first()
        return [plan] if plan else []
    if kind == "consultations":
        return list(Consultation.objects.filter(action_plan__member__ogp_code=rest))
    if kind == "report":
        return list(Report.objects.filter(state=ReportState(rest)).order_by("pk")[:1])
    if kind == "area":
        return list(PolicyArea.objects.filter(label=rest))
    raise ValueError(name)


def seed(log: SeedLog) -> None:
    for key, names in FOLLOWS:
        user = demo_user(key)
        known = set(Follow.objects.filter(user=user).values_list("content_type__model", "object_id"))
        for name in names:
            for item in _items(name):
                if (item._meta.model_name, item.pk) in known:
                    continue
                actions.follow(user, item)
                log.created("follows")
        if key in PREFERENCES:
            chosen: dict[str, Any] = actions.frequencies_for(user)
            if set(chosen.values()) != {PREFERENCES[key]}:
                actions.set_preferences(user, dict.fromkeys(chosen, PREFERENCES[key]))


def reset() -> dict[str, int]:
    """Delete the demo people's follows (their accounts go with the accounts app's reset anyway)."""
    return {"follows": Follow.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}").delete()[0]}
