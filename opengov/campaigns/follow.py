"""Campaigns can be followed (loaded by the following app; see opengov/core/followables.py).

News: a new target, a target passing a milestone (half-way, then reached: measured live from the platform's
data by the digest command, each milestone of a target reported once) and a new crowdsourced example.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengov.core.followables import ChangeKind, News, Trigger, followable, kind, scheduled, trigger

from . import progress, targets
from .models import Campaign, Example, Target

# Percent of a target's threshold worth telling followers about.
MILESTONES = (50, 100)

followable(Campaign, public=lambda: Campaign.objects.all())

kind(ChangeKind("campaign_target", _("A campaign sets a new target")))
kind(ChangeKind("campaign_milestone", _("A campaign target is half-way or reached"), "immediate"))
kind(ChangeKind("campaign_example", _("An example is shared on a campaign")))

trigger(
    Trigger(
        Target,
        "campaign_target",
        when=lambda target, created, old: created,
        targets=lambda target: [target.campaign],
        summary=lambda target: str(
            _("New target for %(campaign)s: %(target)s") % {"campaign": target.campaign, "target": target.title}
        ),
    )
)
trigger(
    Trigger(
        Example,
        "campaign_example",
        when=lambda example, created, old: created,
        targets=lambda example: [example.campaign],
        summary=lambda example: str(
            _("New example on %(campaign)s: %(country)s, %(theme)s")
            % {"campaign": example.campaign, "country": example.country.name, "theme": example.theme.title}
        ),
        url=lambda example: reverse("campaigns:examples", kwargs={"slug": example.campaign.slug}),
    )
)


@scheduled
def target_milestones(today: datetime.date) -> Iterator[News]:
    """Targets counting now (or whose deadline passed in the last week) at a milestone: the highest one reached,
    once per target and milestone (the key), so "half-way" is not repeated every day until the target is met."""
    data = targets.version()
    running = Target.objects.filter(
        window_starts_on__lte=today, deadline__gte=today - datetime.timedelta(days=7)
    ).select_related("campaign")
    for target in running:
        measured = progress.measure(target, today=today, with_members=False, data=data)
        reached = [milestone for milestone in MILESTONES if measured.progress >= milestone]
        if not reached:
            continue
        milestone = max(reached)
        if milestone >= 100:
            summary = _("Target reached: %(target)s (%(campaign)s)")
        else:
            summary = _("Half-way to the target: %(target)s (%(campaign)s)")
        yield News(
            "campaign_milestone",
            target.campaign,
            [target.campaign],
            str(summary % {"target": target.title, "campaign": target.campaign}),
            f"campaign_milestone:{target.pk}:{milestone}",
        )
