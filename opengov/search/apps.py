from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


def discover(module_name: str) -> None:
    """Import ``<app>.<module_name>`` for every opengov app that has one (how apps plug in, like admin.py)."""
    from importlib import import_module

    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if config.name.startswith("opengov.") and module_has_submodule(config.module, module_name):
            import_module(f"{config.name}.{module_name}")


class SearchConfig(AppConfig):
    name = "opengov.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Each app's search.py registers its searchable models; then the index follows their writes.
        from . import indexer

        discover("search")
        indexer.connect_signals()
