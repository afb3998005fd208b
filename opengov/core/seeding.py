"""Demo data is seeded app by app: each app that has demo content owns a ``demo.py`` with ``seed(log)``.

``manage.py load_demo_data`` calls them in ``INSTALLED_APPS`` order, which is the layer order (an app seeds after the
apps it builds on, so it can read their rows). Every ``seed`` must be idempotent: running the command twice leaves the
same rows, and a second run is quick.

What a demo module may define besides ``seed(log)``:

- ``SEED_FIRST = True``: seeded before every other app. Only for real data the generated demo builds on (the open
  data app's sample of OGP's database: the generated demo then adds only what the sample lacks).
- ``SEED_LAST = True``: seeded after every other app. Only for what derives from all the rest (the search app
  indexes what the other seeders wrote in bulk, which sends no model signals).
- ``reset() -> dict[str, int]``: delete what ``seed`` creates, and only that ({what: rows deleted}). Resets run in
  the reverse order, so an app's rows go before the rows they point at.

``log`` is a ``SeedLog``: call it with a message, count what was created with ``log.created("members")`` (the
command prints the counts as one summary), and draw from ``log.rng``, one random source for the whole run, so the
demo is the same on every machine and every run.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from collections.abc import Callable, Iterator
from types import ModuleType

from django.apps import apps

Log = Callable[[str], None]

# One seed: the same data on every machine and every run (tests and screenshots rely on it).
SEED = 2011  # the year OGP was launched


class SeedLog:
    """What seeders write to: messages, counts of what they created, and the run's random source."""

    def __init__(self, write: Log = lambda message: None) -> None:
        self.write = write
        self.counts: dict[str, int] = {}
        self.rng = random.Random(SEED)  # noqa: S311 - reproducible demo content, not a secret

    def __call__(self, message: str) -> None:
        self.write(message)

    def created(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def summary(self) -> str:
        if not self.counts:
            return "Demo data already loaded: nothing to create."
        return "Created " + ", ".join(f"{n} {what}" for what, n in self.counts.items()) + "."


Seeder = Callable[[SeedLog], None]


def demo_modules(exclude: frozenset[str] = frozenset({"opengov.core"})) -> list[tuple[str, ModuleType]]:
    """(app label, its ``demo`` module) for every project app that has one: ``SEED_FIRST`` ones, then the rest in
    INSTALLED_APPS order, ``SEED_LAST`` ones at the end."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("opengov.") or config.name in exclude:
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        found.append((config.label, importlib.import_module(module_name)))
    return sorted(
        found,
        key=lambda entry: (not getattr(entry[1], "SEED_FIRST", False), getattr(entry[1], "SEED_LAST", False)),
    )


def seeders(exclude: frozenset[str] = frozenset({"opengov.core"})) -> Iterator[tuple[str, Seeder]]:
    """(app label, its ``demo.seed``) in the order they run."""
    for label, module in demo_modules(exclude):
        yield label, module.seed


def seed_all(log: SeedLog | Log) -> list[str]:
    """Run every app's seeder; returns the labels of the apps seeded."""
    if not isinstance(log, SeedLog):
        log = SeedLog(log)
    seeded = []
    for label, seed in seeders():
        seed(log)
        seeded.append(label)
    return seeded


def reset_all() -> dict[str, int]:
    """Every app's ``demo.reset``, in reverse seeding order; {what: rows deleted}."""
    deleted: dict[str, int] = {}
    for _label, module in reversed(demo_modules()):
        reset = getattr(module, "reset", None)
        if reset is not None:
            for what, n in reset().items():
                deleted[what] = deleted.get(what, 0) + n
    return deleted
