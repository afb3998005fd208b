"""The fixed vocabularies of Open Gov Week events (DOMAIN.md 5.1): topics, event types, formats, organiser types,
moderation states, languages. Multi-valued fields (topics, languages) are stored as ``|a|b|`` strings: filtering is
one ``LIKE '%|a|%'``, and no join table multiplies the list queries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    # The tags used on opengovweek.org (DOMAIN.md 5.1)
    ACCESS_TO_INFORMATION = "access_to_information", _("Access to Information")
    ANTI_CORRUPTION = "anti_corruption", _("Anti-Corruption")
    CIVIC_SPACE = "civic_space", _("Civic Space")
    CLIMATE_ENVIRONMENT = "climate_environment", _("Climate and Environment")
    DIGITAL_GOVERNANCE = "digital_governance", _("Digital Governance")
    GENDER_INCLUSION = "gender_inclusion", _("Gender and Inclusion")
    MEDIA_FREEDOM = "media_freedom", _("Media Freedom")
    PUBLIC_PARTICIPATION = "public_participation", _("Public Participation")
    OTHER = "other", _("Other")


class EventType(models.TextChoices):
    # Spain's national hub list (DOMAIN.md 5.1) and the kinds named in the call to action
    SEMINAR = "seminar", _("Webinar or seminar")
    DEBATE = "debate", _("Public debate or colloquium")
    HACKATHON = "hackathon", _("Hackathon or competition")
    DATA_RELEASE = "data_release", _("Open data release")
    PARTICIPATORY_PROCESS = "participatory_process", _("Participatory process")
    PRESENTATION = "presentation", _("Presentation of a publication or campaign")
    OPEN_DAY = "open_day", _("Open day")
    INTERVIEW = "interview", _("Interview")
    PLAN_SUBMISSION = "plan_submission", _("Submission of a plan or programme")
    WORKSHOP = "workshop", _("Workshop or training")
    OTHER = "other", _("Other")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class OrganiserType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    MULTILATERAL = "multilateral", _("Multilateral organisation")
    OTHER = "other", _("Other")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into another event")


# States a moderator still has to act on
OPEN_STATES = (State.SUBMITTED, State.CHANGES_REQUESTED)


class Decision(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RESUBMITTED = "resubmitted", _("Edited, back to review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    MERGED = "merged", _("Merged as a duplicate")


# Languages offered for events: the platform's own and the most common of the week's events.
LANGUAGES: list[tuple[str, Any]] = [
    ("ar", _("Arabic")),
    ("de", _("German")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("hy", _("Armenian")),
    ("id", _("Indonesian")),
    ("it", _("Italian")),
    ("ka", _("Georgian")),
    ("ko", _("Korean")),
    ("mn", _("Mongolian")),
    ("nl", _("Dutch")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("sq", _("Albanian")),
    ("sw", _("Swahili")),
    ("tl", _("Filipino")),
    ("uk", _("Ukrainian")),
    ("other", _("Other")),
]
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGES)


def join_codes(codes: Iterable[str]) -> str:
    """``["en", "fr"]`` -> ``"|en|fr|"`` (sorted, so equal sets store equal strings); empty -> ``""``."""
    items = sorted(set(codes))
    return f"|{'|'.join(items)}|" if items else ""


def split_codes(stored: str) -> list[str]:
    return [code for code in stored.split("|") if code]


def contains_code(field: str, code: str) -> models.Q:
    return models.Q(**{f"{field}__contains": f"|{code}|"})
