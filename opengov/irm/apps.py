from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IrmConfig(AppConfig):
    name = "opengov.irm"
    label = "irm"
    verbose_name = _("Independent Reporting Mechanism")

    def ready(self) -> None:
        from . import blocks, panels  # noqa: F401  (panels registers the IRM's panels on plan pages)

        blocks.register()
