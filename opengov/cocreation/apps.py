from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationConfig(AppConfig):
    name = "opengov.cocreation"
    label = "cocreation"
    verbose_name = _("Co-creation")

    def ready(self) -> None:
        # Standard 4: a plan is not submitted while contributions wait for a reasoned response. plans does not
        # import cocreation; it runs whatever checks are registered (plans.phases.register_transition_check).
        from opengov.plans.phases import register_transition_check

        from .actions import submission_blockers

        register_transition_check(submission_blockers)
        from . import blocks, panels  # noqa: F401  (panels registers co-creation's panels on plan pages)

        blocks.register()
