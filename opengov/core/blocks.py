"""Blocks: what each app contributes to the pages that gather many apps, the home page and "My work".

Those pages live in ``opengov.portal``, the top layer; they know no app, and no app imports them. Each app registers
its part here, in its ``AppConfig.ready()`` (as with ``core/panels.py`` for member, plan and commitment pages)::

    from opengov.core import blocks

    blocks.register_figures(numbers, [("action_plans", _("action plans"))], order=20)
    blocks.register_link("plans:policy-areas", _("Policy areas"), _("Commitments grouped by theme."), order=20)
    blocks.register_section(blocks.HOME, "plans/includes/home_recent_plans.html", recent_plans, order=50)
    blocks.register_section(blocks.MY_WORK, "plans/includes/my_work.html", my_plans, order=20)

- Figures: the home page's key numbers. ``numbers()`` runs a fixed number of aggregate queries; the home page
  caches all the figures together for a few minutes.
- Links: the home page's "Explore" cards.
- Sections: a template rendered with the page's context plus what ``context(request)`` returns (the contexts of
  all sections are merged, so name keys after your app's objects). A "My work" section is only asked for a logged-in
  user and renders nothing when it has nothing to say. Each section should run a fixed number of queries.

Everything renders in ``order``, then in registration order; registering the same thing twice is harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

HOME = "home"
MY_WORK = "my_work"

Text = str | Promise  # a string or a lazily translated one


@dataclass(frozen=True)
class Figures:
    numbers: Callable[[], dict[str, int]]
    labels: tuple[tuple[str, Text], ...]  # (key of numbers(), what the number counts), in display order
    note: Text = ""  # a sentence under the figures that says what one of them means


@dataclass(frozen=True)
class Link:
    url_name: str
    title: Text
    text: Text


@dataclass(frozen=True)
class Section:
    template: str
    context: Callable[[HttpRequest], dict[str, Any]]


_entries: dict[str, list[tuple[int, int, Any]]] = {}


def _add(slot: str, entry: Any, order: int) -> None:
    entries = _entries.setdefault(slot, [])
    if all(existing != entry for _, _, existing in entries):
        entries.append((order, len(entries), entry))
        entries.sort(key=lambda item: (item[0], item[1]))


def _all(slot: str) -> list[Any]:
    return [entry for _, _, entry in _entries.get(slot, [])]


def register_figures(
    numbers: Callable[[], dict[str, int]], labels: Sequence[tuple[str, Text]], *, note: Text = "", order: int = 100
) -> None:
    _add("figures", Figures(numbers, tuple(labels), note), order)


def register_link(url_name: str, title: Text, text: Text, *, order: int = 100) -> None:
    _add("links", Link(url_name, title, text), order)


def register_section(
    page: str, template: str, context: Callable[[HttpRequest], dict[str, Any]], *, order: int = 100
) -> None:
    if page not in (HOME, MY_WORK):
        raise ValueError(f"Unknown page {page!r}: blocks.HOME or blocks.MY_WORK.")
    _add(page, Section(template, context), order)


def figures() -> list[Figures]:
    return _all("figures")


def links() -> list[Link]:
    return _all("links")


def sections(page: str) -> list[Section]:
    return _all(page)
