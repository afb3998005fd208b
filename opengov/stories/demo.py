"""Demo stories (illustrative content, not OGP's): published, featured, waiting for review, sent back for changes
and declined, one photo essay, one Spanish translation; linked to real commitments of the imported sample where
they exist. Written through the actions (history, notifications). Idempotent: found by title."""

from __future__ import annotations

import struct
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from opengov.accounts.demo import DEMO_EMAIL_DOMAIN
from opengov.accounts.models import User
from opengov.core.seeding import Log
from opengov.members.models import Member
from opengov.plans.models import Commitment, PolicyArea

from . import actions
from .models import Story

# (title, summary, member code, topic group, format, decisions, commitment ids)
STORIES: list[tuple[str, str, str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "Budgets citizens can read",
        "Albania's citizens' budget explains the state budget in plain words.",
        "AL",
        "Fiscal Openness",
        "written",
        ("feature",),
        ("AL0002",),
    ),
    (
        "A register of who really owns companies",
        "Armenia opened its beneficial ownership register to the public.",
        "AM",
        "Anti-Corruption and Integrity",
        "written",
        ("publish",),
        (),
    ),
    (
        "Mothers at the budget table",
        "Women's groups now take part in municipal budget hearings.",
        "AL",
        "Inclusion",
        "photo_essay",
        ("feature",),
        (),
    ),
    (
        "Open contracts during the pandemic",
        "Emergency purchases were published within 48 hours.",
        "AR",
        "Anti-Corruption and Integrity",
        "video",
        ("publish",),
        (),
    ),
    (
        "Courts that publish their rulings",
        "Every first-instance ruling is now online.",
        "AM",
        "Justice",
        "written",
        (),
        (),
    ),
    (
        "A hackathon on water data",
        "Young developers mapped water points with the ministry.",
        "KE",
        "Public Service Delivery",
        "written",
        ("request_changes",),
        (),
    ),
    (
        "Our party's manifesto",
        "Not a story of open government reform.",
        "AL",
        "Civic Space and Enabling Environment",
        "written",
        ("decline",),
        (),
    ),
]
STORIES += [
    (
        "Contracts anyone can follow",
        "Kenya publishes its public contracts in the Open Contracting Data Standard, and county watchdogs use them.",
        "KE",
        "Anti-Corruption and Integrity",
        "written",
        ("publish",),
        ("current:KE",),
    ),
    (
        "Lobbying in the open",
        "Canada's monthly reports of officials' meetings with lobbyists, from a consultation proposal to practice.",
        "CA",
        "Anti-Corruption and Integrity",
        "written",
        ("feature",),
        ("current:CA",),
    ),
    (
        "Public services that answer back",
        "Albania's citizens rate services online, and the ministries publish what they changed as a result.",
        "AL",
        "Public Service Delivery",
        "written",
        ("publish",),
        ("current:AL",),
    ),
]
REASONS = {"request_changes": "Please add dates and who took part.", "decline": "This is campaign material."}


def _png() -> bytes:
    """A small solid-colour PNG, made here so the demo needs no image file."""
    width, height = 64, 40
    raw = b"".join(b"\x00" + bytes((31, 78, 121)) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _commitments(ids: tuple[str, ...]) -> list[Commitment]:
    """Commitments by OGP id, or "current:<member code>": the first commitment of the member's current plan (the
    generated plans' ids depend on the real sample, so they are looked up rather than written here)."""
    found = list(Commitment.objects.filter(ogp_id__in=[i for i in ids if not i.startswith("current:")]))
    for code in (i.split(":", 1)[1] for i in ids if i.startswith("current:")):
        current = (
            Commitment.objects.filter(action_plan__member__ogp_code=code, action_plan__phase="implementation")
            .order_by("-action_plan__start_year", "ogp_id")
            .first()
        )
        if current is not None:
            found.append(current)
    return found


def seed(log: Log) -> None:
    users = {u.email: u for u in User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")}
    author = users.get(f"participant@{DEMO_EMAIL_DOMAIN}")
    curator = users.get(f"communications@{DEMO_EMAIL_DOMAIN}")
    if author is None or curator is None:
        log("Stories: demo users missing, no stories seeded.")
        return
    existing = set(Story.objects.filter(title__in=[s[0] for s in STORIES]).values_list("title", flat=True))
    members = {m.ogp_code: m for m in Member.objects.filter(ogp_code__in={s[2] for s in STORIES})}
    created = 0
    for title, summary, code, topic, fmt, decisions, commitment_ids in STORIES:
        if title in existing:
            continue
        member = members.get(code)
        fields: dict[str, Any] = {
            "title": title,
            "summary": summary,
            "body": f"{summary}\n\nIllustrative demo story: **how it started**, who took part, what changed.",
            "language": "en",
            "country": member.country.code if member and member.country else "",
            "member": member,
            "format": fmt,
            "video_url": "https://www.example.org/video" if fmt == "video" else "",
            "changes_service": True,
            "tangible_progress": True,
            "scalable": True,
            "lessons": True,
            "consent_publish": True,
            "consent_contact": True,
        }
        if member is None:
            fields["country"] = "KE" if code == "KE" else "AR"
        images = []
        if fmt == "photo_essay":
            images = [actions.NewImage(SimpleUploadedFile("budget.png", _png(), "image/png"), "A budget hearing")]
        links = {
            "topics": PolicyArea.objects.filter(label=topic),
            "commitments": _commitments(commitment_ids),
            "members": [member] if member else [],
        }
        story = actions.submit_story(author, fields, links, images)
        for key in decisions:
            story = actions.decide(curator, story, key, reason=REASONS.get(key, ""))
        created += 1
        if title == "Budgets citizens can read":
            es = dict(
                fields,
                title="Presupuestos que la ciudadanía puede leer",
                language="es",
                summary="El presupuesto ciudadano de Albania explica el presupuesto en palabras sencillas.",
            )
            translation = actions.submit_story(author, es, links, translation_of=story)
            actions.decide(curator, translation, "publish")
    log(f"Stories: {created} demo stories added.")


def reset() -> dict[str, int]:
    """Delete the demo stories (those the demo users wrote): translations first, they point at their original."""
    mine = Story.objects.filter(author__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    n = mine.filter(translation_of__isnull=False).delete()[1].get("stories.Story", 0)
    n += mine.delete()[1].get("stories.Story", 0)
    return {"stories": n}
