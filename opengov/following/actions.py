"""Every write of the following app: follow, unfollow, record a change, set how often to hear, unsubscribe."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from opengov.core import followables as registry

from .models import Change, Follow, Frequency, Preference


def _public(obj: models.Model) -> bool:
    public = registry.followable_models().get(type(obj))
    return public is not None and public().filter(pk=obj.pk).exists()


def follow(user: Any, obj: models.Model) -> Follow:
    """``user`` follows ``obj``: signed in, and only what anyone may see and what can be followed."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Log in to follow."))
    if not _public(obj):
        raise ValidationError(_("This cannot be followed."))
    row, _created = Follow.objects.get_or_create(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    return row


def unfollow(user: Any, obj: models.Model) -> int:
    deleted, _rows = Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).delete()
    return deleted


def is_following(user: Any, obj: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    # Joined by label rather than a content-type lookup: one query, warm cache or not (fixed page budgets).
    meta = obj._meta
    return Follow.objects.filter(
        user=user, content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id=obj.pk
    ).exists()


def record(kind: str, obj: Any, targets: Iterable[Any], summary: str, key: str, url: str = "") -> list[Change]:
    """One Change per followed target; ``key`` (+ the target) makes recording twice harmless.

    Immediate e-mails go out after commit (following.mailer)."""
    change_kind = registry.kinds().get(kind)
    default = change_kind.default_frequency if change_kind else Frequency.DAILY
    rows = []
    for target in {(type(t), t.pk): t for t in targets if t is not None}.values():
        ct = ContentType.objects.get_for_model(target)
        rows.append(
            Change(
                content_type=ct,
                object_id=target.pk,
                target_title=str(target)[:300],
                target_url=target.get_absolute_url(),
                kind=kind,
                default_frequency=default,
                summary=summary[:500],
                url=url or (obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else target.get_absolute_url()),
                key=f"{key}|{ct.pk}:{target.pk}"[:200],
            )
        )
    existing = set(Change.objects.filter(key__in=[r.key for r in rows]).values_list("key", flat=True))
    created = Change.objects.bulk_create([r for r in rows if r.key not in existing])
    if created:
        from .mailer import send_immediate

        ids = [c.pk for c in created]
        transaction.on_commit(lambda: send_immediate(ids))
    return created


def set_preferences(user: Any, frequencies: dict[str, str]) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    known = registry.kinds()
    with transaction.atomic():
        for kind, frequency in frequencies.items():
            if kind not in known or frequency not in Frequency.values:
                raise ValidationError(_("Unknown choice."))
            Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})


def unsubscribe_all(user: Any) -> None:
    """Stop every following e-mail (the one-click link): each kind set to never. Follows are kept."""
    set_preferences(user, dict.fromkeys(registry.kinds(), Frequency.OFF))


def auto_follow(user: Any, obj: models.Model) -> None:
    if user is None or not user.is_active:
        return
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(
                user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
            )
    except IntegrityError:  # followed meanwhile
        pass


def frequencies_for(user: Any) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "frequency"))
    return {key: chosen.get(key, kind.default_frequency) for key, kind in registry.kinds().items()}


def targets_of(follows: Sequence[Follow]) -> list[Any]:
    return [f.target for f in follows]
