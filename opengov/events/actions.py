"""Every write of the events app: editions, submissions, edits, moderation decisions, merges.

Each action checks its rule (events/rules.py) with ``require``, validates (``validate_event`` is shared with the bulk
upload and the API), writes in one transaction, records who did it (history via ``attribute_to``, and one
ModerationDecision row per review step) and notifies the organiser through opengov.notifications.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_countries import countries

from opengov.accounts.models import Role, RoleAssignment
from opengov.core import uploads
from opengov.core.concurrency import apply_changes, lock_version
from opengov.core.permissions import attribute_to, require
from opengov.members.models import Member, MemberKind
from opengov.plans.models import ActionPlan, Commitment

from .choices import LANGUAGE_CODES, Decision, Format, State, Topic, split_codes
from .models import Edition, Event, ModerationDecision

# Changing any of these on an approved event sends it back to review; anything else (a typo in the description,
# a new registration link) does not.
MATERIAL_FIELDS = ("title", "starts_at", "ends_at", "timezone", "country", "city", "latitude", "longitude", "format")
IMAGE_TYPES = ("image/png", "image/jpeg")
EVENT_FIELDS = (
    "title",
    "description",
    "organiser_name",
    "organiser_type",
    "country",
    "member",
    "city",
    "latitude",
    "longitude",
    "format",
    "online_url",
    "starts_at",
    "ends_at",
    "timezone",
    "languages",
    "topics",
    "event_type",
    "registration_url",
    "image_alt",
    "contact_email",
)


def _notify(recipients: Iterable[Any], subject: str, body: str, url: str) -> None:
    from opengov.notifications.actions import notify  # a sibling context, used as a service

    notify(recipients, subject=subject, body=body, url=url)


# ------------------------------------------------------------------------------------------------------- editions


@transaction.atomic
def save_edition(
    user: Any, edition: Edition | None, fields: dict[str, Any], expected_version: int | None = None
) -> Edition:
    require(user, "events.change_edition", edition)
    if edition is None:
        edition = Edition(**fields)
        edition.full_clean()
        attribute_to(edition, user)
        edition.save()
        return edition
    edition = lock_version(edition, expected_version)
    attribute_to(edition, user)
    apply_changes(edition, fields)
    return edition


# ----------------------------------------------------------------------------------------------------- validation


def national_member_of(country: str) -> Member | None:
    return Member.objects.filter(country=country, kind__in=[MemberKind.NATIONAL, MemberKind.OTHER]).first()


@functools.cache
def country_codes() -> frozenset[str]:
    """Every country code the country field accepts (COUNTRIES_OVERRIDE included): a set, because the field's own
    check walks its whole list, which was a third of a bulk upload's time."""
    return frozenset(code for code, _name in countries)


def validate_event(fields: dict[str, Any], *, link_member: bool = True) -> dict[str, Any]:
    """Check what the model cannot (cross-field rules) and fill what follows from the rest (the member, the slug).
    Raises ValidationError keyed by field; returns the fields to write."""
    errors: dict[str, str] = {}
    start, end = fields.get("starts_at"), fields.get("ends_at")
    if start and end and end < start:
        errors["ends_at"] = _("The event cannot end before it starts.")
    zone = fields.get("timezone") or ""
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = _("Choose a time zone from the list, e.g. Europe/Rome.")
    lat, lng = fields.get("latitude"), fields.get("longitude")
    if (lat is None) != (lng is None):
        errors["latitude" if lat is None else "longitude"] = _("Give both latitude and longitude, or neither.")
    elif lat is not None and lng is not None and not (-90 <= lat <= 90 and -180 <= lng <= 180):
        errors["latitude"] = _("This position is not on the map (latitude -90 to 90, longitude -180 to 180).")
    if fields.get("format") in (Format.ONLINE, Format.HYBRID) and not fields.get("online_url"):
        errors["online_url"] = _("An online or hybrid event needs the link where people join.")
    if fields.get("format") in (Format.IN_PERSON, Format.HYBRID) and not fields.get("city"):
        errors["city"] = _("An event held in person needs its city.")
    topics = split_codes(fields.get("topics", ""))
    if not topics:
        errors["topics"] = _("Choose at least one topic.")
    elif set(topics) - set(Topic.values):
        errors["topics"] = _("Unknown topic: %(codes)s.") % {
            "codes": ", ".join(sorted(set(topics) - set(Topic.values)))
        }
    languages = split_codes(fields.get("languages", ""))
    if set(languages) - LANGUAGE_CODES:
        errors["languages"] = _("Unknown language: %(codes)s.") % {
            "codes": ", ".join(sorted(set(languages) - LANGUAGE_CODES))
        }
    member = fields.get("member")
    country = str(fields.get("country") or "")
    if country not in country_codes():
        errors["country"] = _("Choose a country from the list.")
    if member is not None and str(member.country) != country:
        errors["member"] = _("This member is in another country than the event.")
    if errors:
        raise ValidationError(errors)
    out = dict(fields)
    if member is None and country and link_member:
        out["member"] = national_member_of(country)
    return out


def _check_links(event: Event, action_plans: list[ActionPlan], commitments: list[Commitment]) -> None:
    member_id = event.member_id
    if any(plan.member_id != member_id for plan in action_plans):
        raise ValidationError({"action_plans": _("Link only action plans of the event's member.")})
    if any(c.member_id != member_id for c in commitments):
        raise ValidationError({"commitments": _("Link only commitments of the event's member.")})


def _store_image(event: Event, image: UploadedFile[Any] | None) -> None:
    if image is None:
        return
    try:
        content_type = uploads.check_upload(image)
    except ValidationError as exc:
        raise ValidationError({"image": exc.message_dict.get("file", exc.messages)}) from exc
    if content_type not in IMAGE_TYPES:
        raise ValidationError({"image": _("Upload a PNG or JPEG image.")})
    if not event.image_alt.strip():
        raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
    event.image.save(uploads.storage_name(image.name or "image"), image, save=False)


def _moderators_of(country: str) -> list[Any]:
    return [
        a.user
        for a in RoleAssignment.objects.current()
        .filter(role=Role.COUNTRY_MODERATOR, country=country)
        .select_related("user")
    ]


def _record(event: Event, user: Any, decision: str, reason: str = "", other: Event | None = None) -> None:
    ModerationDecision.objects.create(
        event=event,
        decision=decision,
        reason=reason,
        decided_by=user if getattr(user, "is_authenticated", False) else None,
        other_event=other,
    )


# ------------------------------------------------------------------------------------------------------ submitting


def build_event(user: Any, edition: Edition, fields: dict[str, Any], *, link_member: bool = True) -> Event:
    """A validated, unsaved event (shared by ``submit_event`` and the bulk upload, which links members itself).

    Field checks only: the relations are objects in hand, the UID is new, and validate_event already checked what
    the check constraints say and the country, so full_clean runs no query and no walk of the country list (the
    bulk upload validates thousands of rows)."""
    fields = validate_event(fields, link_member=link_member)
    event = Event(edition=edition, submitted_by=user, **fields)
    event.slug = slugify(event.title)[:80] or "event"
    event.full_clean(
        exclude=["submitted_by", "image", "edition", "member", "uid", "country"],
        validate_unique=False,
        validate_constraints=False,
    )
    return event


@transaction.atomic
def submit_event(
    user: Any,
    edition: Edition,
    fields: dict[str, Any],
    *,
    action_plans: list[ActionPlan] | None = None,
    commitments: list[Commitment] | None = None,
    image: UploadedFile[Any] | None = None,
) -> Event:
    require(user, "events.submit_event", edition)
    event = build_event(user, edition, fields)
    _check_links(event, action_plans or [], commitments or [])
    _store_image(event, image)
    attribute_to(event, user)
    event.save()
    event.action_plans.set(action_plans or [])
    event.commitments.set(commitments or [])
    _record(event, user, Decision.SUBMITTED)
    _notify(
        _moderators_of(str(event.country)),
        _("New Open Gov Week event to review: %(title)s") % {"title": event.title},
        _("%(organiser)s submitted an event in %(country)s.")
        % {"organiser": event.organiser_name, "country": event.country.name},
        event.get_absolute_url(),
    )
    return event


@transaction.atomic
def update_event(
    user: Any,
    event: Event,
    changes: dict[str, Any],
    expected_version: int | None,
    *,
    action_plans: list[ActionPlan] | None = None,
    commitments: list[Commitment] | None = None,
    image: UploadedFile[Any] | None = None,
) -> list[str]:
    """Edit an event. A material change (MATERIAL_FIELDS) to an approved event sends it back to review, and an edit
    after "changes requested" resubmits it; a typo fix leaves an approved event approved."""
    require(user, "events.change_event", event)
    event = lock_version(event, expected_version)
    merged = {name: getattr(event, name) for name in EVENT_FIELDS}
    merged.update(changes)
    fields = validate_event(merged)
    if "member" not in changes and changes.get("country", event.country) != event.country:
        changes["member"] = fields["member"]
    material = [name for name in MATERIAL_FIELDS if name in changes and changes[name] != getattr(event, name)]
    if "title" in changes:
        changes["slug"] = slugify(changes["title"])[:80] or "event"
    attribute_to(event, user)
    changed = apply_changes(event, changes)
    if action_plans is not None or commitments is not None:
        _check_links(event, action_plans or [], commitments or [])
        event.action_plans.set(action_plans or [])
        event.commitments.set(commitments or [])
    if image is not None:
        _store_image(event, image)
        event.save(update_fields=["image"])
        changed.append("image")
    back_to_review = (event.state == State.APPROVED and material) or event.state == State.CHANGES_REQUESTED
    if back_to_review and changed and not user.has_perm("events.moderate_event", event):
        _set_state(event, user, State.SUBMITTED, "")
        _record(event, user, Decision.RESUBMITTED, ", ".join(material))
    return changed


# ------------------------------------------------------------------------------------------------------ moderation


def _set_state(event: Event, user: Any, state: str, reason: str) -> None:
    event.state = state
    event.approved_at = timezone.now() if state == State.APPROVED else event.approved_at
    event.version += 1
    attribute_to(event, user, reason)
    event.save(update_fields=["state", "approved_at", "version", "updated_at"])


_MESSAGES: dict[str, tuple[str, str]] = {  # marked for translation here, translated when sent (gettext_noop)
    Decision.APPROVED: (
        gettext_noop("Your event “%(title)s” is approved and listed on Open Gov Week."),
        gettext_noop("It now appears in the list, the calendar, the map and the feeds."),
    ),
    Decision.REJECTED: (gettext_noop("Your event “%(title)s” was not accepted."), gettext_noop("Reason: %(reason)s")),
    Decision.CHANGES_REQUESTED: (
        gettext_noop("Changes requested on your event “%(title)s”."),
        gettext_noop("The moderators ask: %(reason)s. Edit the event; it goes back to review when you save."),
    ),
}
_STATES: dict[str, str] = {
    Decision.APPROVED: State.APPROVED,
    Decision.REJECTED: State.REJECTED,
    Decision.CHANGES_REQUESTED: State.CHANGES_REQUESTED,
}


@transaction.atomic
def moderate(user: Any, event: Event, decision: str, reason: str = "") -> Event:
    """Approve, reject (with a reason) or ask for changes (with a reason); the organiser is told each time."""
    require(user, "events.moderate_event", event)
    if decision not in _STATES:
        raise ValidationError({"decision": _("Choose approve, reject or ask for changes.")})
    reason = reason.strip()
    if decision != Decision.APPROVED and not reason:
        raise ValidationError({"reason": _("Tell the organiser why.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.state == State.MERGED:
        raise ValidationError({"decision": _("This event was merged into another one.")})
    _set_state(event, user, _STATES[decision], reason)
    _record(event, user, decision, reason)
    subject, body = _MESSAGES[decision]
    values = {"title": event.title, "reason": reason}
    _notify([event.submitted_by], _(subject) % values, _(body) % values, event.get_absolute_url())
    return event


@transaction.atomic
def merge(user: Any, duplicate: Event, keep: Event, reason: str = "") -> Event:
    """Fold ``duplicate`` into ``keep``: its topics, languages and links are added to the kept event, it leaves the
    listings and its page points to the kept one. Both organisers are told."""
    require(user, "events.merge_event", duplicate)
    require(user, "events.merge_event", keep)
    if duplicate.pk == keep.pk:
        raise ValidationError({"keep": _("An event cannot be merged into itself.")})
    duplicate, keep = (Event.objects.select_for_update().get(pk=e.pk) for e in (duplicate, keep))
    if keep.state in (State.MERGED, State.REJECTED):
        raise ValidationError({"keep": _("Keep an event that is still listed or under review.")})
    keep.topics = "|" + "|".join(sorted(set(keep.topic_list) | set(duplicate.topic_list))) + "|"
    keep.languages = "|" + "|".join(sorted(set(keep.language_list) | set(duplicate.language_list))) + "|"
    keep.languages = "" if keep.languages == "||" else keep.languages
    keep.version += 1
    attribute_to(keep, user, reason or _("merged a duplicate"))
    keep.save(update_fields=["topics", "languages", "version", "updated_at"])
    keep.action_plans.add(*duplicate.action_plans.all())
    keep.commitments.add(*duplicate.commitments.all())
    duplicate.merged_into = keep
    duplicate.version += 1
    duplicate.state = State.MERGED
    attribute_to(duplicate, user, reason)
    duplicate.save(update_fields=["state", "merged_into", "version", "updated_at"])
    _record(duplicate, user, Decision.MERGED, reason, other=keep)
    values = {"title": duplicate.title, "kept": keep.title}
    _notify(
        {duplicate.submitted_by, keep.submitted_by},
        _("“%(title)s” is listed once, as “%(kept)s”") % values,
        reason or _("The moderators found the same event twice and merged the two entries."),
        keep.get_absolute_url(),
    )
    return keep
