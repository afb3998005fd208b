from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_taxonomy(sender: AppConfig, **kwargs: Any) -> None:
    """The policy-area taxonomy is reference data: put back any missing area after ``migrate`` and after ``flush``
    (which transactional tests run between tests, emptying every table), as Django does for content types."""
    from opengov.plans.taxonomy import seed

    seed(sender.get_model("PolicyArea"))


class PlansConfig(AppConfig):
    name = "opengov.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        post_migrate.connect(_seed_taxonomy, sender=self, dispatch_uid="plans.seed_taxonomy")

        from . import blocks, member_pages

        blocks.register()
        member_pages.register()
