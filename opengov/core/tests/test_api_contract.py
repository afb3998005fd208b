"""The API contract: Schemathesis generates requests from our OpenAPI schema (valid and invalid ones), sends them to
the real application, and checks every answer against the schema with all of its checks: no server error, only
documented status codes, content types and headers, bodies that match their schema, invalid input refused, and
authentication not ignored. Anonymous and with a government editor's token, on a small real data set.

Bounded (``EXAMPLES`` per operation, derandomised) so it runs in ``make test`` in about a minute; raise
``API_CONTRACT_EXAMPLES`` for a deeper local run.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.core.testing import schema_dict
from opengov.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory, UserFactory
from opengov.plans.phases import Phase as PlanPhase

EXAMPLES = int(os.environ.get("API_CONTRACT_EXAMPLES", "10"))
# Valid data may still be refused with 400 by rules a schema cannot state: a reference to an object that does not
# exist (a random plan id), the order of two dates, a phase that does not allow the change. Everything else the
# positive-data check expects stays as Schemathesis has it.
POSITIVE = ["2xx", "400", "401", "403", "404", "409", "429"]


# Loaded at collection (Django is set up by then): one test per operation, so a failure names its method and path.
schema = schemathesis.openapi.from_dict(
    schema_dict(),
    config=SchemathesisConfig.from_dict(
        {
            "checks": {"positive_data_acceptance": {"expected-statuses": POSITIVE}},
            # The coverage phase sends every boundary combination (over 500 requests for one POST): hours here.
            # Fuzzing, valid and invalid data alike, stays within the budget; the regressions it found are pinned
            # by plain tests (test_api_strictness.py).
            "phases": {"coverage": {"enabled": False}},
        }
    ),
)
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Schemathesis calls the WSGI app itself, so Django's request signals run close_old_connections, which closes
    a connection held inside the test's transaction (PostgreSQL then answers "the connection is closed"). Django's
    own test client disconnects it the same way for the length of a request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def site(db, albania):
    """A little real data, so reads and writes meet rows (random ids alone would only ever find 404s)."""
    plan = ActionPlanFactory(member=albania, number=1, ogp_id="AP_ALB01", phase=PlanPhase.CO_CREATION)
    MilestoneFactory(commitment=CommitmentFactory(action_plan=plan, ogp_id="AL0001"))
    return albania


def credentials(who: str, albania) -> dict[str, str]:
    if who == "anonymous":
        return {}
    from rest_framework.authtoken.models import Token

    editor, _ = UserFactory._meta.model.objects.get_or_create(email="contract-editor@albania.example.org")
    grant_role(None, editor, Role.GOVERNMENT_EDITOR, albania)
    return {"Authorization": f"Token {Token.objects.get_or_create(user=editor)[0].key}"}


def bounded(test):
    return settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )(test)


@pytest.mark.django_db
@schema.parametrize()
@bounded
def test_anonymous_clients_get_what_the_schema_says(case, site):
    case.call_and_validate(headers=credentials("anonymous", site))


@pytest.mark.django_db
@schema.parametrize()
@bounded
def test_an_editors_token_gets_what_the_schema_says(case, site):
    case.call_and_validate(headers=credentials("editor", site))
