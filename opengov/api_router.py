"""One router gathers every app's API viewsets (each app keeps its own in <app>/api.py)."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
router.include_format_suffixes = False

# Registration lives here so the whole API surface is visible in one place.
from opengov.members import api as members_api  # noqa: E402
from opengov.plans import api as plans_api  # noqa: E402

members_api.register(router)
plans_api.register(router)
