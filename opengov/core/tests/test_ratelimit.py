"""The one rate-limit mechanism: fixed windows in the shared cache, the DRF throttle on top of it, and the
reason production needs Redis (counters per worker process would multiply every limit)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis

from opengov.core import ratelimit

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = "redis://127.0.0.1:6379/15"


def test_hit_refuses_past_the_allowance_and_says_when_to_retry(settings):
    settings.RATE_LIMITS = {"flag": (2, 3600)}
    ratelimit.hit("someone", "flag")
    ratelimit.hit("someone", "flag")
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.hit("someone", "flag")
    assert 0 < refused.value.retry_after <= 3600
    ratelimit.hit("someone else", "flag")  # counted per subject


def test_check_counts_nothing_and_record_refuses_nothing(settings):
    settings.RATE_LIMITS = {"login-ip": (1, 3600)}
    ratelimit.check("ip", "login-ip")
    ratelimit.check("ip", "login-ip")
    assert ratelimit.record("ip", "login-ip") == 1
    assert ratelimit.record("ip", "login-ip") == 2
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check("ip", "login-ip")


@pytest.mark.django_db
def test_the_api_throttle_counts_anonymous_clients_per_address(settings, client):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api-anon": (3, 60)}
    answers = [client.get("/api/v1/members/", REMOTE_ADDR="203.0.113.1").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get("/api/v1/members/", REMOTE_ADDR="203.0.113.2").status_code == 200


@pytest.mark.django_db
def test_the_api_throttle_counts_users_per_account(settings, api, participant):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api-user": (2, 60)}
    api.use_token(participant)
    answers = [api.get("/api/v1/members/").status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_client_ip_trusts_only_the_proxies_it_is_told_about(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    settings.TRUSTED_PROXIES = 0
    assert ratelimit.client_ip(request) == "10.0.0.1"  # a client's own header is ignored
    settings.TRUSTED_PROXIES = 1
    assert ratelimit.client_ip(request) == "198.51.100.7"  # what our proxy saw, not what the client claimed


WORKER = """
import django, sys
django.setup()
from django.conf import settings
from opengov.core import ratelimit
settings.RATE_LIMITS = {"flag": (10, 3600)}
accepted = 0
for _ in range(10):
    try:
        ratelimit.hit(sys.argv[1], "flag")
        accepted += 1
    except ratelimit.RateLimited:
        pass
print(accepted)
"""


def test_two_worker_processes_share_one_limit_through_redis():
    """Two processes (like two gunicorn workers) with REDIS_URL: a limit of 10 accepts 10 in all, not 20."""
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    subject = uuid.uuid4().hex
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "opengov.settings.test", "REDIS_URL": REDIS_URL}
    workers = [
        subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "-c", WORKER, subject], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    accepted = [int(worker.communicate(timeout=60)[0]) for worker in workers]
    assert sum(accepted) == 10, accepted
