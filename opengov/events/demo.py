"""Open Gov Week demo data: last year's edition with a realistic spread (400+ approved events in 80 countries,
on every day of the week and around it, every topic, type and format) and the current edition with items in every
moderation state (approved, submitted, changes requested, rejected, merged duplicate, and a likely duplicate still
waiting), plus the people who run it: an organiser, Italy's country moderator and Spain's national hub.

Idempotent: an edition that exists is left alone. Events of last year are written in bulk (with their history and
review rows); the current edition's go through the same actions as the pages. Titles, organisers and people are
illustrative; dates follow the yearly pattern of OGP's week (mid-May), not a real programme.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from opengov.accounts.actions import grant_role
from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DemoUser, demo_user, ensure_user
from opengov.accounts.models import Role, User
from opengov.core.seeding import SeedLog
from opengov.members.models import Member, MemberKind
from opengov.plans.models import Commitment

from . import actions, caching
from .choices import Decision, EventType, Format, OrganiserType, State, Topic, join_codes
from .models import Edition, Event, ModerationDecision
from .places import PLACES

PEOPLE = [  # (key, user, country moderated)
    (DemoUser("organiser", f"organiser@{DEMO_EMAIL_DOMAIN}", "Giulia Romano", "Event organiser (no role)"), None),
    (DemoUser("italy", f"moderator.italy@{DEMO_EMAIL_DOMAIN}", "Luca Bianchi", "Country moderator, Italy (events)",
              Role.COUNTRY_MODERATOR), "IT"),
    (DemoUser("spain", f"hub.spain@{DEMO_EMAIL_DOMAIN}", "Lucía Fernández", "National hub, Spain (events)",
              Role.COUNTRY_MODERATOR), "ES"),
]  # fmt: skip
# Countries with many events (national hubs, large communities): events per country in last year's edition
BUSY = {"IT": 40, "ES": 30, "MX": 20, "PH": 16, "KE": 14, "FR": 12, "AR": 12, "ID": 12, "UA": 10, "NG": 10}
KINDS = [
    (EventType.SEMINAR, "Webinar: {topic} in practice"),
    (EventType.DEBATE, "Public debate on {topic}"),
    (EventType.HACKATHON, "{city} hackathon for {topic}"),
    (EventType.DATA_RELEASE, "Open data release: {topic} datasets"),
    (EventType.PARTICIPATORY_PROCESS, "Citizens' assembly on {topic}"),
    (EventType.PRESENTATION, "Launch of the {topic} report"),
    (EventType.OPEN_DAY, "Open day at the ministry: {topic}"),
    (EventType.WORKSHOP, "Workshop: {topic} for local governments"),
]
ORGANISERS = [
    ("{city} Open Data Lab", OrganiserType.CIVIL_SOCIETY),
    ("Ministry of Public Administration", OrganiserType.GOVERNMENT),
    ("University of {city}", OrganiserType.ACADEMIA),
    ("Transparency Network {code}", OrganiserType.CIVIL_SOCIETY),
    ("{city} City Council", OrganiserType.GOVERNMENT),
    ("Civic Tech {code}", OrganiserType.PRIVATE_SECTOR),
]


def edition_years(today: datetime.date) -> tuple[int, int]:
    """(last year's, current): the current edition is the one whose call is open now (the week is in May)."""
    current = today.year + 1 if today.month > 6 else today.year
    return current - 1, current


def seed(log: SeedLog) -> None:
    today = timezone.localdate()
    past_year, current_year = edition_years(today)
    people = _people(log)
    if not Edition.objects.filter(year=past_year).exists():
        edition = _edition(past_year, people["support"], open_now=False)
        n = _past_events(edition, people["organiser"], log)
        log.created("Open Gov Week events", n)
        log(f"Open Gov Week {past_year}: {n} approved events in {len(PLACES)} countries.")
    if not Edition.objects.filter(year=current_year).exists():
        edition = _edition(current_year, people["support"], open_now=True)
        n = _current_events(edition, people, log)
        log.created("Open Gov Week events", n)
        log(f"Open Gov Week {current_year}: {n} events in every moderation state.")
    caching.bump_version()


def reset() -> dict[str, int]:
    """Delete what ``seed`` creates: the two demo editions with their events, and the events' demo people."""
    years = edition_years(timezone.localdate())
    events = Event.objects.filter(edition__year__in=years)
    Event.objects.filter(merged_into__in=events).update(merged_into=None)
    deleted = {"Open Gov Week events": events.delete()[1].get("events.Event", 0)}
    deleted["Open Gov Week editions"] = Edition.objects.filter(year__in=years).delete()[0]
    emails = [spec.email for spec, _country in PEOPLE]
    deleted["users"] = User.objects.filter(email__in=emails).delete()[1].get("accounts.User", 0)
    return deleted


def _people(log: SeedLog) -> dict[str, User]:
    people: dict[str, User] = {}
    for spec, country in PEOPLE:
        new = not User.objects.filter(email=spec.email).exists()
        user = ensure_user(spec, log)
        if country:
            grant_role(None, user, Role.COUNTRY_MODERATOR, country)
        if new:
            log(f"Open Gov Week demo log-in: {spec.role_label}: {spec.email} / {DEMO_PASSWORD}")
        people[spec.key] = user
    people["support"] = demo_user("support_unit")
    return people


def _edition(year: int, user: User, *, open_now: bool) -> Edition:
    starts = _third_monday_of_may(year)
    today = timezone.localdate()
    fields = {
        "year": year,
        "starts_on": starts,
        "ends_on": starts + datetime.timedelta(days=4),
        "theme_en": "Open government for everyone" if open_now else "Open gov, stronger democracy",
        "theme_es": "Gobierno abierto para todas las personas"
        if open_now
        else "Gobierno abierto, democracia más fuerte",
        "theme_fr": "Un gouvernement ouvert pour tous" if open_now else "Gouvernement ouvert, démocratie plus forte",
        "call_en": "Governments, civil society and citizens: hold a seminar, a hackathon, a public debate or an open "
        "data release during **Open Gov Week** and add it to the calendar.",
        "call_es": "Gobiernos, sociedad civil y ciudadanía: organicen un seminario, un hackatón, un debate público o "
        "una publicación de datos abiertos durante la **Semana del Gobierno Abierto** y añádanlo al calendario.",
        "call_fr": "Gouvernements, société civile et citoyens : organisez un séminaire, un hackathon, un débat public "
        "ou une publication de données ouvertes pendant la **Semaine du gouvernement ouvert** et ajoutez-le au "
        "calendrier.",
        "submissions_open_on": min(today, datetime.date(year - 1, 11, 1)) if open_now else datetime.date(year, 2, 1),
        "submissions_close_on": starts + datetime.timedelta(days=30),
    }
    if user.has_perm("events.change_edition"):
        return actions.save_edition(user, None, fields)
    return Edition.objects.create(**fields)


def _third_monday_of_may(year: int) -> datetime.date:
    first = datetime.date(year, 5, 1)
    return first + datetime.timedelta(days=(7 - first.weekday()) % 7 + 14)


def _event_fields(
    rng: random.Random, code: str, city: str, lat: float, lng: float, zone: str, day: datetime.date
) -> dict[str, Any]:
    topic_codes = rng.sample(Topic.values[:-1], k=rng.choice([1, 1, 2, 3]))
    topic_label = dict(Topic.choices)[topic_codes[0]]
    kind, pattern = rng.choice(KINDS)
    organiser, organiser_type = rng.choice(ORGANISERS)
    fmt = rng.choices([Format.IN_PERSON, Format.ONLINE, Format.HYBRID], weights=[5, 3, 2])[0]
    hour = rng.choice([9, 10, 11, 14, 15, 16, 18])
    start = datetime.datetime.combine(day, datetime.time(hour, rng.choice([0, 30])), tzinfo=zoneinfo.ZoneInfo(zone))
    jitter = 0.0 if rng.random() < 0.5 else 0.6
    return {
        "title": pattern.format(topic=str(topic_label).lower(), city=city),
        "description": f"An Open Gov Week event in {city} on {str(topic_label).lower()}. Everyone is welcome.",
        "organiser_name": organiser.format(city=city, code=code),
        "organiser_type": organiser_type,
        "country": code,
        "city": city if fmt != Format.ONLINE else "",
        "latitude": round(lat + rng.uniform(-jitter, jitter), 4) if fmt != Format.ONLINE else None,
        "longitude": round(lng + rng.uniform(-jitter, jitter), 4) if fmt != Format.ONLINE else None,
        "format": fmt,
        "online_url": f"https://meet.example.org/ogw-{code.lower()}-{rng.randint(100, 999)}"
        if fmt != Format.IN_PERSON
        else "",
        "starts_at": start.astimezone(datetime.UTC),
        "ends_at": (start + datetime.timedelta(hours=rng.choice([1, 2, 3, 8]))).astimezone(datetime.UTC),
        "timezone": zone,
        "languages": join_codes(rng.sample(["en", "es", "fr", "pt", "ar", "id", "it", "uk"], k=rng.choice([1, 1, 2]))),
        "topics": join_codes(topic_codes),
        "event_type": kind,
        "registration_url": "https://example.org/register" if rng.random() < 0.4 else "",
        "contact_email": f"contact.{code.lower()}@example.org",
    }


def _national_members() -> dict[str, Member]:
    return {
        str(m.country): m
        for m in Member.objects.filter(kind__in=[MemberKind.NATIONAL, MemberKind.OTHER]).exclude(country="")
    }


def _past_events(edition: Edition, organiser: User, log: SeedLog) -> int:
    rng = log.rng
    members = _national_members()
    approved_at = timezone.make_aware(
        datetime.datetime.combine(edition.starts_on - datetime.timedelta(days=10), datetime.time(9))
    )
    events = []
    for code, city, lat, lng, zone in PLACES:
        for _ in range(BUSY.get(code, rng.randint(1, 7))):
            # most during the week, some in the weeks around it (events outside the week are welcome)
            offset = rng.choice([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, -7, 10, 30])
            fields = _event_fields(rng, code, city, lat, lng, zone, edition.starts_on + datetime.timedelta(days=offset))
            event = Event(
                edition=edition,
                submitted_by=organiser,
                member=members.get(code),
                state=State.APPROVED,
                approved_at=approved_at,
                slug=slugify(fields["title"])[:80],
                **fields,
            )
            event.set_region()
            events.append(event)
    created = bulk_create_with_history(
        events, Event, batch_size=500, default_user=organiser, default_change_reason="demo"
    )
    decisions = []
    for event in created:
        decisions.append(
            ModerationDecision(event=event, decision=Decision.SUBMITTED, decided_by=organiser, decided_at=approved_at)
        )
        decisions.append(ModerationDecision(event=event, decision=Decision.APPROVED, decided_at=approved_at))
    ModerationDecision.objects.bulk_create(decisions, batch_size=1000)
    return len(created)


def _current_events(edition: Edition, people: dict[str, User], log: SeedLog) -> int:
    rng = log.rng
    organiser, italy, spain, support = people["organiser"], people["italy"], people["spain"], people["support"]
    made: list[Event] = []
    places = {p[0]: p for p in PLACES}
    plan = {"IT": 8, "ES": 6, "AL": 3, "MX": 3, "KE": 2, "PH": 2, "FR": 2, "BR": 2, "ID": 2, "US": 1}
    for code, count in plan.items():
        _code, city, lat, lng, zone = places[code]
        for i in range(count):
            day = edition.starts_on + datetime.timedelta(days=i % 5)
            fields = _event_fields(rng, code, city, lat, lng, zone, day)
            made.append(actions.submit_event(organiser, edition, {**fields, "member": None}))
    # Albania's events discuss its commitments
    commitments = list(Commitment.objects.filter(action_plan__member__ogp_code="AL").order_by("ogp_id")[:2])
    for event, commitment in zip([e for e in made if str(e.country) == "AL"], commitments, strict=False):
        event.commitments.add(commitment)
        event.action_plans.add(commitment.action_plan)
    moderators = {"IT": italy, "ES": spain}
    for index, event in enumerate(made):
        moderator = moderators.get(str(event.country), support)
        if not moderator.has_perm("events.moderate_event", event):
            continue
        step = index % 8
        if step in (0, 1, 2, 3, 4):
            actions.moderate(moderator, event, Decision.APPROVED)
        elif step == 5:
            actions.moderate(
                moderator, event, Decision.CHANGES_REQUESTED, "Please add the registration link and the room."
            )
        elif step == 6 and index % 16 == 6:
            actions.moderate(
                moderator, event, Decision.REJECTED, "This is a private staff meeting, not a public event."
            )
        # step 7 (and every other 6): left submitted, waiting in the queue
    # the same Italian event submitted twice: one merged, one likely duplicate still waiting
    italian = next(e for e in made if str(e.country) == "IT" and Event.objects.get(pk=e.pk).state == State.APPROVED)
    twin_fields = {name: getattr(italian, name) for name in actions.EVENT_FIELDS}
    twin = actions.submit_event(organiser, edition, {**twin_fields, "title": italian.title + " (Rome)"})
    actions.merge(italy, twin, italian, "Submitted twice by the same organiser.")
    waiting = actions.submit_event(organiser, edition, {**twin_fields, "title": italian.title.upper()})
    made += [twin, waiting]
    return len(made)
