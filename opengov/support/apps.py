from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "opengov.support"
    label = "support"
    verbose_name = _("Staff support")

    def ready(self) -> None:
        from opengov.core import panels as core_panels

        from . import panels, rules  # noqa: F401  (rules registers the permissions)

        core_panels.register("members.Member", order=80)(panels.member_timeline)
