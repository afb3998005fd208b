"""One router gathers every app's API viewsets (each app keeps its own in <app>/api.py)."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
router.include_format_suffixes = False

# Registration lives here so the whole API surface is visible in one place.
from opengov.campaigns import api as campaigns_api  # noqa: E402
from opengov.coalitions import api as coalitions_api  # noqa: E402
from opengov.cocreation import api as cocreation_api  # noqa: E402
from opengov.events import api as events_api  # noqa: E402
from opengov.governance import api as governance_api  # noqa: E402
from opengov.insights import api as insights_api  # noqa: E402
from opengov.irm import api as irm_api  # noqa: E402
from opengov.members import api as members_api  # noqa: E402
from opengov.opendata import api as opendata_api  # noqa: E402
from opengov.plans import api as plans_api  # noqa: E402
from opengov.search import api as search_api  # noqa: E402
from opengov.stories import api as stories_api  # noqa: E402
from opengov.support import api as support_api  # noqa: E402

members_api.register(router)
plans_api.register(router)
irm_api.register(router)
cocreation_api.register(router)
opendata_api.register(router)
insights_api.register(router)
events_api.register(router)
stories_api.register(router)
campaigns_api.register(router)
search_api.register(router)
governance_api.register(router)
support_api.register(router)
coalitions_api.register(router)
