from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "opengov.stories"
    verbose_name = _("OpenStories")

    def ready(self) -> None:
        from opengov.opendata.exporters import entities

        from . import blocks, opendata, panels

        blocks.register()
        panels.register()
        entities.register(opendata.datasets)
