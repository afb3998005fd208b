from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "opengov.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from . import signals

        signals.connect()
        from . import panels  # noqa: F401  (registers the member snapshot link on member pages)
