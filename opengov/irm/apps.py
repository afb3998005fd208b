from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IrmConfig(AppConfig):
    name = "opengov.irm"
    label = "irm"
    verbose_name = _("Independent Reporting Mechanism")
