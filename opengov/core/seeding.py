"""Demo data is seeded app by app: each app that has demo content owns a ``demo.py`` with ``seed(log)``.

``manage.py load_demo_data`` calls them in ``INSTALLED_APPS`` order, which is the layer order (an app seeds after the
apps it builds on, so it can read their rows). Every ``seed`` must be idempotent: running the command twice leaves the
same rows, and a second run is quick.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator

from django.apps import apps

Log = Callable[[str], None]
Seeder = Callable[[Log], None]


def seeders(exclude: frozenset[str] = frozenset({"opengov.core"})) -> Iterator[tuple[str, Seeder]]:
    """(app label, its ``demo.seed``) for every project app that has one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("opengov.") or config.name in exclude:
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        yield config.label, module.seed


def seed_all(log: Log) -> list[str]:
    """Run every app's seeder; returns the labels of the apps seeded."""
    seeded = []
    for label, seed in seeders():
        seed(log)
        seeded.append(label)
    return seeded
