"""Every write of coalitions: joining and leaving, resources and events, the discussion (threads, replies, flags,
moderation). Posts and flags are rate limited per user with the shared limiter (core/ratelimit.py)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.accounts.predicates import is_government_editor_of, is_support_unit, roles_of
from opengov.core import ratelimit
from opengov.core.permissions import attribute_to, require

from .models import (
    MAX_POST_LENGTH,
    Coalition,
    Event,
    Flag,
    Participant,
    ParticipantKind,
    Post,
    Resource,
    Thread,
    Visibility,
)

_M = TypeVar("_M", bound=Model)


def _notify(recipients: list[Any], subject: str, body: str, url: str) -> None:
    from opengov.notifications.actions import notify

    notify(recipients, subject=subject, body=body, url=url)


def _save(instance: _M, user: Any, reason: str = "") -> _M:
    instance.full_clean()
    attribute_to(instance, user, reason)
    instance.save()
    return instance


@transaction.atomic
def create_coalition(user: Any, fields: dict[str, Any], areas: list[Any]) -> Coalition:
    require(user, "coalitions.add_coalition")
    coalition = _save(Coalition(**fields), user)
    coalition.policy_areas.set(areas)
    return coalition


@transaction.atomic
def join(user: Any, coalition: Coalition, kind: str, scope: Any = None) -> Participant:
    """Join as an individual (scope None), for a member government (Point of Contact, government editor or
    Support Unit) or for an organisation (its representative or the Support Unit)."""
    require(user, "coalitions.join_coalition", coalition)
    fields: dict[str, Any] = {"coalition": coalition, "kind": kind}
    if kind == ParticipantKind.INDIVIDUAL:
        fields["user"] = user
    elif kind == ParticipantKind.GOVERNMENT:
        if scope is None or not (is_support_unit(user) or is_government_editor_of(user, scope)):
            raise ValidationError({"member": _("You can only join for a government you edit for.")})
        fields["member"] = scope
    elif kind == ParticipantKind.ORGANISATION:
        if scope is None or not (is_support_unit(user) or scope.pk in roles_of(user).organisations):
            raise ValidationError({"organisation": _("You can only join for an organisation you represent.")})
        fields["organisation"] = scope
    else:
        raise ValidationError({"kind": _("Choose how you join.")})
    existing = Participant.objects.current().filter(**fields).first()
    if existing:
        return existing
    participant = _save(Participant(**fields), user)
    user.__dict__.pop("_coalition_cache", None)
    return participant


@transaction.atomic
def leave(user: Any, participant: Participant) -> None:
    allowed = participant.user_id == user.pk or is_support_unit(user)
    allowed = allowed or (participant.member_id is not None and is_government_editor_of(user, participant.member))
    allowed = allowed or (participant.organisation_id in roles_of(user).organisations)
    if not allowed:
        require(user, "coalitions.change_coalition", participant.coalition)
    participant.left_on = timezone.localdate()
    attribute_to(participant, user)
    participant.save(update_fields=["left_on"])


@transaction.atomic
def add_resource(user: Any, coalition: Coalition, fields: dict[str, Any]) -> Resource:
    require(user, "coalitions.change_coalition", coalition)
    return _save(Resource(coalition=coalition, **fields), user)


@transaction.atomic
def add_event(user: Any, coalition: Coalition, fields: dict[str, Any]) -> Event:
    require(user, "coalitions.change_coalition", coalition)
    return _save(Event(coalition=coalition, **fields), user)


def _check_body(body: str) -> None:
    if not body.strip():
        raise ValidationError({"body": _("Write your message.")})
    if len(body) > MAX_POST_LENGTH:
        raise ValidationError({"body": _("At most %(n)s characters, please.") % {"n": f"{MAX_POST_LENGTH:,}"}})


@transaction.atomic
def start_thread(user: Any, coalition: Coalition, title: str, body: str) -> Thread:
    require(user, "coalitions.add_thread", coalition)
    _check_body(body)
    if not title.strip():
        raise ValidationError({"title": _("Give the thread a title.")})
    ratelimit.hit(user, "contribute")
    thread = Thread.objects.create(coalition=coalition, title=title.strip()[:200], author=user)
    _save(Post(thread=thread, author=user, body=body), user)
    return thread


@transaction.atomic
def reply(user: Any, thread: Thread, body: str) -> Post:
    require(user, "coalitions.add_post", thread)
    _check_body(body)
    ratelimit.hit(user, "contribute")
    post = _save(Post(thread=thread, author=user, body=body), user)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    if thread.author_id != user.pk:
        _notify(
            [thread.author],
            _("New reply in %(thread)s") % {"thread": thread.title},
            "",
            thread.get_absolute_url(),
        )
    return post


@transaction.atomic
def flag(user: Any, post: Post, reason: str) -> Flag:
    require(user, "coalitions.flag_post", post)
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is wrong with this message.")})
    ratelimit.hit(user, "flag")
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, flagged_by=user, reason=reason[:300])
    except IntegrityError as error:
        raise ValidationError({"reason": _("You already flagged this message.")}) from error


@transaction.atomic
def moderate(user: Any, post: Post, visibility: str, reason: str) -> None:
    require(user, "coalitions.moderate_post", post)
    if visibility == Visibility.HIDDEN and not reason.strip():
        raise ValidationError({"reason": _("Give the reason; the author sees it.")})
    post.visibility, post.moderation_reason = Visibility(visibility), reason
    attribute_to(post, user, reason)
    post.save(update_fields=["visibility", "moderation_reason"])
    if visibility == Visibility.HIDDEN:
        _notify([post.author], _("A moderator hid your message"), reason, post.thread.get_absolute_url())
