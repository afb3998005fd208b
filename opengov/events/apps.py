from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "opengov.events"
    label = "events"
    verbose_name = _("Open Gov Week events")

    def ready(self) -> None:
        from opengov.opendata.exporters.entities import register

        from . import blocks, opendata, panels, signals  # noqa: F401 - registers member/commitment panels and cache invalidation

        register(opendata.datasets)
        blocks.register()
