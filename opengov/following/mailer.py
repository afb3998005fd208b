"""E-mails to followers: immediate ones after the change commits, daily and weekly digests from a command.

Every e-mail carries a signed one-click unsubscribe link (RFC 8058: ``List-Unsubscribe`` with the HTTPS URL
and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``). A ``Delivery`` row is written for each change
sent to each person; what has a delivery is never sent again, so a repeated or overlapping run sends nothing
twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import connection as db
from django.db import transaction
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opengov.core import followables as registry

from .models import Change, Delivery, Frequency

SALT = "following.unsubscribe"


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps({"u": user_id}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> int | None:
    """The user id a genuine token names; None for anything forged, altered or malformed."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None


def unsubscribe_url(user_id: int) -> str:
    return settings.SITE_URL + reverse("following:unsubscribe", kwargs={"token": unsubscribe_token(user_id)})


def _message(user: Any, subject: str, body: str) -> EmailMessage:
    url = unsubscribe_url(user.pk)
    body += "\n\n-- \n" + _("Stop these e-mails: %(url)s") % {"url": url}
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


_PENDING_SQL = """
SELECT f.user_id, c.id
FROM following_change c
JOIN following_follow f ON f.content_type_id = c.content_type_id AND f.object_id = c.object_id
LEFT JOIN following_preference p ON p.user_id = f.user_id AND p.kind = c.kind
WHERE c.created_at >= f.created_at
  AND COALESCE(p.frequency, c.default_frequency) = %s
  AND NOT EXISTS (SELECT 1 FROM following_delivery d WHERE d.user_id = f.user_id AND d.change_id = c.id)
  {extra}
ORDER BY f.user_id, c.id
"""


def _pending(frequency: str, change_ids: Sequence[int] | None = None) -> dict[int, list[int]]:
    """{user id: change ids} not yet sent to that follower, for changes whose kind they hear at ``frequency``."""
    extra = ""
    params: list[str | int] = [frequency]
    if change_ids is not None:
        if not change_ids:
            return {}
        extra = "AND c.id IN (" + ", ".join(["%s"] * len(change_ids)) + ")"
        params += list(change_ids)
    out: dict[int, list[int]] = defaultdict(list)
    with db.cursor() as cursor:
        cursor.execute(_PENDING_SQL.format(extra=extra), params)
        for user_id, change_id in cursor.fetchall():
            out[user_id].append(change_id)
    return out


@dataclass
class Group:
    title: str
    url: str
    changes: list[Change]


def group_changes(changes: Iterable[Change]) -> list[Group]:
    """Changes grouped by followed item, each group newest first; groups by their newest change."""
    groups: dict[tuple[int, int], Group] = {}
    for change in sorted(changes, key=lambda c: (c.created_at, c.pk), reverse=True):
        key = (change.content_type_id, change.object_id)
        if key not in groups:
            groups[key] = Group(change.target_title, settings.SITE_URL + change.target_url, [])
        groups[key].changes.append(change)
    return list(groups.values())


BATCH = 500


def _send(frequency: str, pending: dict[int, list[int]]) -> int:
    """One e-mail per person, sent in batches. Each batch's deliveries are committed before it is sent:
    at most once (a failure loses that batch's e-mails rather than ever sending an item twice)."""
    if not pending:
        return 0
    users = get_user_model().objects.filter(pk__in=pending, is_active=True).in_bulk()
    changes = Change.objects.in_bulk([cid for ids in pending.values() for cid in ids])
    kinds = registry.kinds()
    template = get_template("following/digest.txt")
    sent = 0
    batch: list[tuple[int, list[int], EmailMessage]] = []
    with get_connection() as mail:
        for user_id, change_ids in pending.items():
            user = users.get(user_id)
            if user is None:
                continue
            groups = group_changes(changes[cid] for cid in change_ids)
            with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
                if frequency == Frequency.IMMEDIATE and len(change_ids) == 1:
                    subject = changes[change_ids[0]].summary
                else:
                    subject = ngettext(
                        "%(count)d update on what you follow", "%(count)d updates on what you follow", len(change_ids)
                    ) % {"count": len(change_ids)}
                body = template.render(
                    {"groups": groups, "kinds": kinds, "site": settings.SITE_URL, "frequency": frequency}
                )
                batch.append((user_id, change_ids, _message(user, subject, body)))
            if len(batch) >= BATCH:
                sent += _flush(frequency, batch, mail)
                batch = []
        sent += _flush(frequency, batch, mail)
    return sent


def _flush(frequency: str, batch: list[tuple[int, list[int], EmailMessage]], mail: Any) -> int:
    if not batch:
        return 0
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [Delivery(user_id=u, change_id=c, frequency=frequency) for u, ids, _m in batch for c in ids],
            ignore_conflicts=True,
            batch_size=5000,
        )
    return int(mail.send_messages([message for _u, _ids, message in batch]) or 0)


def send_immediate(change_ids: Sequence[int]) -> int:
    """E-mail these changes now to the followers who asked to hear of their kind at once."""
    return _send(Frequency.IMMEDIATE, _pending(Frequency.IMMEDIATE, change_ids))


def send_digests(frequency: str) -> int:
    """One e-mail per follower with everything unsent of the kinds they hear at ``frequency``."""
    return _send(frequency, _pending(frequency))
