from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "opengov.campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from opengov.opendata.exporters import entities

        from . import blocks, opendata, signals

        entities.register(opendata.datasets)
        blocks.register()
        signals.connect()
