from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_bodies(sender: AppConfig, **kwargs: Any) -> None:
    """The governance bodies are reference data: put them back when the table is empty after ``migrate`` or after
    ``flush`` (which transactional tests run between tests), as plans does for its taxonomy. Never over bodies
    that exist: staff may have changed their seats."""
    from opengov.governance.bodies import seed

    body = sender.get_model("Body")
    if not body._default_manager.exists():
        seed(body)


class GovernanceConfig(AppConfig):
    name = "opengov.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)

        post_migrate.connect(_seed_bodies, sender=self, dispatch_uid="governance.seed_bodies")
