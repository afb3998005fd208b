"""Read replica routing: public reads on the replica; writes, transactions and a writer's next reads on the primary."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import transaction
from django.http import HttpResponse

from opengov.core import db_routing
from opengov.core.db_routing import PIN_COOKIE, PrimaryReplicaRouter, ReadYourWritesMiddleware
from opengov.members.models import Member

router = PrimaryReplicaRouter()


def run(rf_request):
    """Pass a request through the middleware; return (where reads went inside the view, the response)."""
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Member)
        return HttpResponse("ok")

    response = ReadYourWritesMiddleware(view)(rf_request)
    return seen["read"], response


def test_outside_a_request_everything_reads_from_the_primary():
    # management commands, tasks, the shell: never the replica
    assert router.db_for_read(Member) == "default"
    assert router.db_for_write(Member) == "default"


def test_a_safe_request_reads_from_the_replica_and_leaves_no_pin(rf):
    where, response = run(rf.get("/members/"))
    assert where == "replica"
    assert PIN_COOKIE not in response.cookies
    assert router.db_for_read(Member) == "default"  # the request's choice does not leak past it


def test_a_write_pins_the_client_to_the_primary_for_its_next_reads(rf, settings):
    settings.REPLICA_PIN_SECONDS = 45
    where, response = run(rf.post("/manage/commitments/AL0001/", {"title": "x"}))
    assert where == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == 45
    follow_up = rf.get("/commitments/AL0001/")
    follow_up.COOKIES[PIN_COOKIE] = "1"
    where, _ = run(follow_up)
    assert where == "default"  # read-your-own-writes


def test_a_request_that_writes_part_way_reads_its_rest_from_the_primary(rf):
    seen = []

    def view(request):
        seen.append(router.db_for_read(Member))
        router.db_for_write(Member)
        seen.append(router.db_for_read(Member))
        return HttpResponse("ok")

    ReadYourWritesMiddleware(view)(rf.get("/"))
    assert seen == ["replica", "default"]


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(rf):
    seen = []

    def view(request):
        with transaction.atomic():
            seen.append(router.db_for_read(Member))
        seen.append(router.db_for_read(Member))
        return HttpResponse("ok")

    # pytest-django wraps the test in a transaction itself: leave it out of the picture by asking the connection.
    ReadYourWritesMiddleware(view)(rf.get("/"))
    assert seen[0] == "default"


def test_the_replica_is_never_migrated():
    assert router.allow_migrate("default", "plans") is True
    assert router.allow_migrate("replica", "plans") is False


def test_settings_wire_the_replica_only_when_its_url_is_set():
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'aliases': sorted(settings.DATABASES), 'routers': list(getattr(settings, "
        "'DATABASE_ROUTERS', [])), 'middleware': settings.MIDDLEWARE, "
        "'mirror': settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR')}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "opengov.settings.dev"}
    env.pop("DATABASE_REPLICA_URL", None)
    plain = json.loads(subprocess.check_output([sys.executable, "-c", code], env=env, text=True))  # noqa: S603
    assert plain["aliases"] == ["default"] and plain["routers"] == []
    env["DATABASE_REPLICA_URL"] = "postgres://postgres@127.0.0.1:5433/opengov"
    wired = json.loads(subprocess.check_output([sys.executable, "-c", code], env=env, text=True))  # noqa: S603
    assert wired["aliases"] == ["default", "replica"]
    assert wired["routers"] == ["opengov.core.db_routing.PrimaryReplicaRouter"]
    assert wired["mirror"] == "default"
    middleware = wired["middleware"]
    # before the session middleware, so that reading the session already follows the choice
    assert middleware.index("opengov.core.db_routing.ReadYourWritesMiddleware") < middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def test_reads_from_replica_reports_the_current_choice(rf):
    seen = []
    ReadYourWritesMiddleware(lambda request: seen.append(db_routing.reads_from_replica()) or HttpResponse())(
        rf.get("/")
    )
    assert seen == [True]
