from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top layer: pages and commands that gather many apps (the home page, "My work", the demo data command).

    Nothing imports it; it reads the apps below through their registries (portal/registry.py, core/seeding.py)."""

    name = "opengov.portal"
    label = "portal"
