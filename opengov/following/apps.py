from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "opengov.following"
    label = "following"
    verbose_name = _("Following")

    def ready(self) -> None:
        # Each app's follow.py declares what can be followed and which writes are news (like admin.py).
        from opengov.search.apps import discover

        from . import panels, signals

        discover("follow")
        signals.connect()
        panels.register()
