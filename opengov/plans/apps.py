from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "opengov.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from . import blocks, member_pages

        blocks.register()
        member_pages.register()
