"""Every write of OpenStories: share, revise, translate and curate a story.

Each action checks its rule (stories/rules.py) with ``require``, validates, writes in one transaction and records
who did it in the history (``attribute_to``); revisions and decisions take the ``expected_version`` the person read
(core/concurrency.py). The lifecycle (lifecycle.py) says which decision may follow which status. Nothing is deleted:
a story is declined, with a reason its author reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.accounts.models import Role, RoleAssignment
from opengov.core import uploads
from opengov.core.concurrency import apply_changes, lock_version
from opengov.core.permissions import attribute_to, require
from opengov.members.models import Member, MemberKind

from .lifecycle import DECISIONS, Status, rules_for
from .models import MAX_BODY_LENGTH, MAX_IMAGES, MAX_SUMMARY_LENGTH, Format, Story, StoryImage

# The fields a story's form edits (links and topics are many-to-many, handled by _set_links).
STORY_FIELDS = (
    "title",
    "summary",
    "body",
    "language",
    "country",
    "member",
    "format",
    "video_url",
    "changes_service",
    "tangible_progress",
    "scalable",
    "lessons",
    "consent_publish",
    "consent_contact",
)
LINK_FIELDS = ("topics", "commitments", "action_plans", "members")
IMAGE_TYPES = frozenset({"image/png", "image/jpeg"})


@dataclass(frozen=True)
class NewImage:
    file: UploadedFile[bytes]
    alt_text: str
    caption: str = ""


def _region_for(country: str, member: Member | None) -> str:
    """The region follows the member, or the national member of the country (blank when OGP has none there)."""
    if member is not None:
        return member.region
    if country:
        national = Member.objects.filter(country=country, kind=MemberKind.NATIONAL).values_list("region", flat=True)
        return next(iter(national), "")
    return ""


def _validate(fields: dict[str, Any], image_count: int) -> None:
    errors: dict[str, str] = {}
    if len(fields.get("summary", "")) > MAX_SUMMARY_LENGTH:
        errors["summary"] = _("At most %(n)s characters, please.") % {"n": MAX_SUMMARY_LENGTH}
    if len(fields.get("body", "")) > MAX_BODY_LENGTH:
        errors["body"] = _("At most %(n)s characters, please.") % {"n": f"{MAX_BODY_LENGTH:,}"}
    if not fields.get("country") and fields.get("member") is None:
        errors["country"] = _("Say which country or OGP member the story comes from.")
    if not fields.get("consent_publish"):
        errors["consent_publish"] = _("OGP can only publish the story with your consent.")
    story_format = fields.get("format")
    if story_format == Format.VIDEO and not fields.get("video_url"):
        errors["video_url"] = _("Give the link to the video.")
    if story_format == Format.PHOTO_ESSAY and image_count == 0:
        errors["images"] = _("A photo essay needs at least one photo.")
    if image_count > MAX_IMAGES:
        errors["images"] = _("At most %(n)s photos, please.") % {"n": MAX_IMAGES}
    if errors:
        raise ValidationError(errors)


def _check_images(images: Sequence[NewImage]) -> list[str]:
    """The content type of each new image, checked on its bytes; a clear error on the images field otherwise."""
    types = []
    for image in images:
        if not image.alt_text.strip():
            raise ValidationError({"images": _("Describe every photo in its alternative text.")})
        try:
            content_type = uploads.check_upload(image.file)
        except ValidationError as error:
            raise ValidationError({"images": error.messages}) from error
        if content_type not in IMAGE_TYPES:
            raise ValidationError({"images": _("Photos must be PNG or JPEG images.")})
        types.append(content_type)
    return types


def _save_images(user: Any, story: Story, images: Sequence[NewImage], types: list[str], start: int) -> None:
    for offset, (image, content_type) in enumerate(zip(images, types, strict=True)):
        row = StoryImage(
            story=story,
            content_type=content_type,
            alt_text=image.alt_text.strip(),
            caption=image.caption.strip(),
            position=start + offset,
        )
        row.image.save(uploads.storage_name(image.file.name or "photo"), image.file, save=False)
        attribute_to(row, user)
        row.save()


def _set_links(story: Story, links: dict[str, Iterable[Model]]) -> None:
    for name in LINK_FIELDS:
        if name in links:
            getattr(story, name).set(list(links[name]))


def _curators() -> list[Any]:
    roles = (Role.COMMUNICATIONS_EDITOR, Role.SUPPORT_UNIT)
    return [a.user for a in RoleAssignment.objects.current().filter(role__in=roles).select_related("user")]


def _notify(recipients: list[Any], subject: str, body: str, url: str) -> None:
    from opengov.notifications.actions import notify  # a sibling context, used only as a service

    notify(recipients, subject=subject, body=body, url=url)


@transaction.atomic
def submit_story(
    user: Any,
    fields: dict[str, Any],
    links: dict[str, Iterable[Model]] | None = None,
    images: Sequence[NewImage] = (),
    translation_of: Story | None = None,
) -> Story:
    """Share a story (or a translation of a public story); it waits for review by the communications team."""
    if translation_of is not None:
        require(user, "stories.translate_story", translation_of)
        translation_of = translation_of.original
        if fields.get("language") == translation_of.language:
            raise ValidationError({"language": _("A translation is in another language than the story.")})
    else:
        require(user, "stories.add_story")
    _validate(fields, len(images))
    types = _check_images(images)
    story = Story(
        **fields,
        author=user,
        translation_of=translation_of,
        status=Status.SUBMITTED,
        submitted_at=timezone.now(),
        region=_region_for(fields.get("country", ""), fields.get("member")),
    )
    story.full_clean()
    attribute_to(story, user, _("Submitted"))
    story.save()
    _set_links(story, links or {})
    _save_images(user, story, images, types, 0)
    _notify(
        _curators(),
        _("A story waits for review: %(title)s") % {"title": story.title},
        story.summary,
        story.get_absolute_url(),
    )
    return story


@transaction.atomic
def revise_story(
    user: Any,
    story: Story,
    fields: dict[str, Any],
    links: dict[str, Iterable[Model]] | None = None,
    images: Sequence[NewImage] = (),
    expected_version: int | None = None,
) -> Story:
    """The author (or a curator) changes the story; a story sent back for changes returns to review."""
    require(user, "stories.change_story", story)
    story = lock_version(story, expected_version)
    existing = story.images.count()
    merged = {name: fields.get(name, getattr(story, name)) for name in STORY_FIELDS}
    _validate(merged, existing + len(images))
    types = _check_images(images)
    changes = dict(fields)
    changes["region"] = _region_for(merged["country"], merged["member"])
    returns_to = rules_for(story.status).revision_returns_to
    if returns_to is not None and story.author_id == user.pk:
        changes["status"] = returns_to
        changes["submitted_at"] = timezone.now()
    attribute_to(story, user, _("Revised"))
    changed = apply_changes(story, changes)
    if links is not None:
        _set_links(story, links)
    _save_images(user, story, images, types, existing)
    if "status" in changed:
        _notify(
            _curators(),
            _("A revised story waits for review: %(title)s") % {"title": story.title},
            story.summary,
            story.get_absolute_url(),
        )
    return story


@transaction.atomic
def decide(user: Any, story: Story, decision_key: str, reason: str = "", expected_version: int | None = None) -> Story:
    """A curator asks for changes, publishes, features, stops featuring or declines; the author is told why."""
    require(user, "stories.curate_story", story)
    decision = DECISIONS.get(decision_key)
    if decision is None:
        raise ValidationError({"decision": _("Choose one of the decisions offered.")})
    story = lock_version(story, expected_version)
    if Status(story.status) not in decision.sources:
        raise ValidationError(
            {
                "decision": _("A story that is “%(status)s” cannot be given this decision.")
                % {"status": story.get_status_display()}
            }
        )
    reason = reason.strip()
    if decision.needs_reason and not reason:
        raise ValidationError({"reason": _("Tell the author why.")})
    now = timezone.now()
    changes: dict[str, Any] = {"status": decision.target, "decision_reason": reason}
    if decision.target in (Status.PUBLISHED, Status.FEATURED) and story.published_at is None:
        changes["published_at"] = now
    if decision.target == Status.FEATURED and story.featured_at is None:
        changes["featured_at"] = now
    attribute_to(story, user, str(decision.label) + (f": {reason}" if reason else ""))
    apply_changes(story, changes)
    _notify(
        [story.author],
        _("Your story “%(title)s”: %(status)s") % {"title": story.title, "status": story.get_status_display()},
        reason,
        story.get_absolute_url(),
    )
    return story
