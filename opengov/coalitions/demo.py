"""Demo coalitions: Gender and Inclusion, and Beneficial Ownership, with participants of each kind, a resource,
an event and a discussion thread."""

from __future__ import annotations

import datetime

from django.utils import timezone

from opengov.accounts.demo import person
from opengov.core.seeding import SeedLog
from opengov.members.models import CivilSocietyOrganisation, Member
from opengov.plans.models import PolicyArea

from .models import Coalition, Event, Participant, Post, Resource, Thread

COALITIONS = [
    ("Gender and Inclusion", "gender-and-inclusion", "Inclusion", ("AL", "KE", "MX", "CA", "PH"),
     "Governments and civil society making open government work for **women and marginalised groups**."),
    ("Beneficial Ownership", "beneficial-ownership", "Beneficial Ownership", ("AM", "UA", "NG", "FR"),
     "Peers publishing who really owns companies, in **central, public registers**."),
]  # fmt: skip


def seed(log: SeedLog) -> None:
    if Coalition.objects.filter(slug__in=[c[1] for c in COALITIONS]).exists():
        return
    organisation = CivilSocietyOrganisation.objects.order_by("name").first()
    now = timezone.now()
    for name, slug, area, codes, description in COALITIONS:
        coalition = Coalition.objects.create(name=name, slug=slug, description=description)
        coalition.policy_areas.set(PolicyArea.objects.filter(label=area))
        for member in Member.objects.filter(ogp_code__in=codes):
            Participant.objects.create(coalition=coalition, kind="government", member=member)
        if organisation:
            Participant.objects.create(coalition=coalition, kind="organisation", organisation=organisation)
        expert = person("participant", "Daniel Okafor")
        Participant.objects.create(coalition=coalition, kind="individual", user=expert)
        Resource.objects.create(
            coalition=coalition, title=f"{name}: guide for reformers", url="https://www.opengovpartnership.org/"
        )
        Event.objects.create(
            coalition=coalition,
            title=f"{name} peer exchange",
            location="Online",
            starts_at=now + datetime.timedelta(days=21),
        )
        thread = Thread.objects.create(coalition=coalition, title="What worked for you?", author=expert)
        Post.objects.create(thread=thread, author=expert, body="Share one reform that worked and **why**.")
        Post.objects.create(
            thread=thread,
            author=person("poc.albania", "Arben Krasniqi"),
            body="Our gender budgeting pilot: the finance ministry published the tags.",
        )
    log(f"Coalitions: {len(COALITIONS)} with participants, resources, events and a thread each.")


def reset() -> dict[str, int]:
    """Delete the demo coalitions (participants, resources, events and discussions go with them)."""
    return {"coalitions": Coalition.objects.filter(slug__in=[c[1] for c in COALITIONS]).delete()[0]}
