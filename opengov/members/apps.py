from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "opengov.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from . import blocks

        blocks.register()
