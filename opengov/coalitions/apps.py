from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "opengov.coalitions"
    label = "coalitions"
    verbose_name = _("Coalitions")

    def ready(self) -> None:
        from opengov.core import panels as core_panels

        from . import panels

        core_panels.register("members.Member", order=70)(panels.member_coalitions)
