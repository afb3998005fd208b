"""The apps are layers (docs/architecture.md): an app imports only apps below it, so a change to a high app never
breaks a low one and there is no import cycle. Read from the source with ``ast`` (tests and migrations excluded:
a test may set up rows of any app; a migration names its dependencies)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the opengov package

# Bottom to top. Apps in one layer do not import each other. Apps not listed yet (the new ones: events, stories,
# campaigns, governance, support, search, following) count as NEW: above every listed app but the portal; they may
# import each other until they get a layer of their own here.
NEW = "new apps"
LAYERS: list[set[str] | str] = [
    {"core"},
    {"accounts", "notifications"},
    {"members"},
    {"plans"},
    {"cocreation"},
    {"irm"},
    {"opendata"},
    {"insights"},
    NEW,
    {"portal"},
]


def apps() -> list[str]:
    return sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


def layer_of(app: str) -> int:
    for index, layer in enumerate(LAYERS):
        if isinstance(layer, set) and app in layer:
            return index
    return LAYERS.index(NEW)


def imported_apps(app: str) -> dict[str, set[str]]:
    """{other app: the files of ``app`` that import it}, every import statement counted (inside functions too)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        parts = path.relative_to(ROOT / app).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            modules: list[str] = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # "from opengov import plans" names the app in the imported names.
                modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            for module in modules:
                top, _, rest = module.partition(".")
                other = rest.partition(".")[0]
                if top == "opengov" and other not in ("", app) and (ROOT / other / "apps.py").exists():
                    found.setdefault(other, set()).add(str(path.relative_to(ROOT)))
    return found


def test_the_layers_name_real_apps():
    listed = set().union(*(layer for layer in LAYERS if isinstance(layer, set)))
    assert listed <= set(apps())


def test_core_imports_no_app():
    assert imported_apps("core") == {}


@pytest.mark.parametrize("app", ["accounts", "members"])
def test_accounts_and_members_import_only_the_apps_below_them(app):
    below = set().union(*(layer for layer in LAYERS[: layer_of(app)] if isinstance(layer, set)))
    assert set(imported_apps(app)) <= below, imported_apps(app)


@pytest.mark.parametrize("app", apps())
def test_every_app_imports_only_lower_layers(app):
    mine = layer_of(app)
    wrong = {
        other: files
        for other, files in imported_apps(app).items()
        if layer_of(other) > mine or (layer_of(other) == mine and LAYERS[mine] != NEW)
    }
    assert not wrong, f"{app} imports apps at or above its layer: {wrong}"


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The check itself can fail: a file of a low app importing a high one is found."""
    for name in ("core", "plans"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "apps.py").write_text("")
    (tmp_path / "core" / "views.py").write_text("def f():\n    from opengov.plans.models import ActionPlan\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert imported_apps("core") == {"plans": {"core/views.py"}}
