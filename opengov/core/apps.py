from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "opengov.core"
    label = "core"

    def ready(self) -> None:
        from opengov.core import freshness

        freshness.install()
