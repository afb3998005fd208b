"""What can be followed and which writes count as news, declared by each app in ``opengov/<app>/follow.py``
(imported by the following app at start-up, like admin.py)::

    from opengov.core.followables import ChangeKind, Trigger, followable, kind, trigger

    followable(Event, public=lambda: Event.objects.filter(published=True))
    kind(ChangeKind("event_published", _("An event is published"), "immediate"))
    trigger(Trigger(Event, "event_published", when=lambda e, created, old: ...,
                    targets=lambda e: [e, e.member], summary=lambda e: ...))

``when(instance, created, old)`` decides after a save; ``old`` holds the previous values of ``fields``
(read before the save). ``targets`` are the followed items the change is reported under (a plan's phase
change reaches the plan's and the member's followers). ``scheduled(today)`` functions report date-driven
news (a consultation opening): the digest command calls them; the change ``key`` keeps them from repeating.
This module imports no other app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass(frozen=True)
class ChangeKind:
    key: str
    label: Any
    default_frequency: str = "daily"


@dataclass(frozen=True)
class Trigger:
    model: type[models.Model]
    kind: str
    when: Callable[[Any, bool, dict[str, Any]], bool]
    targets: Callable[[Any], Iterable[Any]]
    summary: Callable[[Any], str]
    fields: Sequence[str] = ()
    url: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class News:
    """A date-driven change from a scheduled function: reported under ``targets`` once per ``key``."""

    kind: str
    obj: Any
    targets: Sequence[Any]
    summary: str
    key: str


@dataclass(frozen=True)
class AutoFollow:
    """Creating ``model`` makes ``user(instance)`` follow ``target(instance)`` (a contributor hears the answer)."""

    model: type[models.Model]
    user: Callable[[Any], Any]
    target: Callable[[Any], Any] = field(default=lambda obj: obj)


_followable: dict[type[models.Model], Callable[[], models.QuerySet[models.Model]]] = {}
_kinds: dict[str, ChangeKind] = {}
_triggers: list[Trigger] = []
_scheduled: list[Callable[[Any], Iterable[News]]] = []
_auto: list[AutoFollow] = []


def followable(model: type[models.Model], public: Callable[[], models.QuerySet[models.Model]]) -> None:
    _followable[model] = public


def kind(change_kind: ChangeKind) -> None:
    _kinds[change_kind.key] = change_kind


def trigger(t: Trigger) -> None:
    if t not in _triggers:
        _triggers.append(t)


def scheduled(fn: Callable[[Any], Iterable[News]]) -> None:
    if fn not in _scheduled:
        _scheduled.append(fn)


def auto_follow(rule: AutoFollow) -> None:
    if rule not in _auto:
        _auto.append(rule)


def followable_models() -> dict[type[models.Model], Callable[[], models.QuerySet[models.Model]]]:
    return dict(_followable)


def kinds() -> dict[str, ChangeKind]:
    return dict(_kinds)


def triggers() -> list[Trigger]:
    return list(_triggers)


def scheduled_functions() -> list[Callable[[Any], Iterable[News]]]:
    return list(_scheduled)


def auto_follows() -> list[AutoFollow]:
    return list(_auto)
