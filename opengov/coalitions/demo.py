"""Demo coalitions: Gender and Inclusion, and Beneficial Ownership, with participants of each kind (governments
joined by their editors or the Support Unit, an organisation by its representative, individuals), a resource, an
upcoming event and a discussion thread; one message flagged and waiting for the moderators.

Written through coalitions.actions as the people would. Idempotent: a coalition that exists is left alone.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from opengov.accounts.demo import demo_user, person
from opengov.core.seeding import SeedLog
from opengov.members.models import CivilSocietyOrganisation, Member
from opengov.plans.models import PolicyArea

from . import actions
from .models import Coalition, ParticipantKind

# (name, slug, policy area, member codes, description, thread title, posts as (author, text))
COALITIONS: list[tuple[str, str, str, tuple[str, ...], str, str, tuple[tuple[str, str], ...]]] = [
    ("Gender and Inclusion", "gender-and-inclusion", "Inclusion", ("AL", "KE", "MX", "CA", "PH"),
     "Governments and civil society making open government work for **women and marginalised groups**.",
     "What worked for you?",
     (("participant", "Share one reform that worked and **why**."),
      ("albania_poc", "Our gender budgeting pilot: the finance ministry published the tags, and municipalities "
       "now report spending on services for women."),
      ("cso_rep", "The tags helped us follow the money; the next step is publishing results, not only spending."))),
    ("Beneficial Ownership", "beneficial-ownership", "Beneficial Ownership", ("AM", "UA", "NG", "FR"),
     "Peers publishing who really owns companies, in **central, public registers**.",
     "Verifying what companies declare",
     (("armenia_editor", "Armenia's register is public; our open question is how to verify declarations. How do "
       "you check them?"),
      ("participant", "Cross-checking with procurement data catches many errors: a supplier whose owner is an "
       "official is a red flag."),
      ("person:promo.seller:Quick Loans", "Cheap company registration services, visit our website today!"))),
]  # fmt: skip
SPAM_FLAG = "Advertising, not a contribution to the discussion."


def _who(key: str) -> Any:
    if key.startswith("person:"):
        _, local_part, name = key.split(":", 2)
        return person(local_part, name)
    return demo_user(key)


def seed(log: SeedLog) -> None:
    if Coalition.objects.filter(slug__in=[c[1] for c in COALITIONS]).exists():
        return
    support_unit = demo_user("support_unit")
    organisation = CivilSocietyOrganisation.objects.get(slug="open-budget-forum-albania")
    editors = {"AL": demo_user("albania_poc"), "AM": demo_user("armenia_editor")}
    now = timezone.now()
    for name, slug, area, codes, description, thread_title, posts in COALITIONS:
        coalition = actions.create_coalition(
            support_unit,
            {"name": name, "slug": slug, "description": description},
            list(PolicyArea.objects.filter(label=area)),
        )
        for member in Member.objects.filter(ogp_code__in=codes).order_by("name"):
            # A government joins through its own editor where the demo has one, otherwise the Support Unit.
            actions.join(editors.get(member.ogp_code, support_unit), coalition, ParticipantKind.GOVERNMENT, member)
        actions.join(demo_user("cso_rep"), coalition, ParticipantKind.ORGANISATION, organisation)
        for author, _text in posts:
            if author.startswith("person:") or author == "participant":
                actions.join(_who(author), coalition, ParticipantKind.INDIVIDUAL)
        actions.add_resource(
            support_unit,
            coalition,
            {"title": f"{name}: guide for reformers", "url": "https://www.opengovpartnership.org/"},
        )
        actions.add_event(
            support_unit,
            coalition,
            {"title": f"{name} peer exchange", "location": "Online", "starts_at": now + datetime.timedelta(days=21)},
        )
        (first_author, first_text), *replies = posts
        thread = actions.start_thread(_who(first_author), coalition, thread_title, first_text)
        for author, text in replies:
            post = actions.reply(_who(author), thread, text)
            if author.startswith("person:promo"):
                actions.flag(demo_user("participant"), post, SPAM_FLAG)
        log.created("coalitions")
    log(f"Coalitions: {len(COALITIONS)} with participants, resources, events and a thread each.")


def reset() -> dict[str, int]:
    """Delete the demo coalitions (participants, resources, events and discussions go with them)."""
    deleted = Coalition.objects.filter(slug__in=[c[1] for c in COALITIONS]).delete()[1]
    return {"coalitions": deleted.get("coalitions.Coalition", 0)}
