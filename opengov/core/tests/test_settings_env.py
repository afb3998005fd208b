"""Malformed settings stop start-up with a message naming the variable; production passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from opengov.settings.env import env_bool, env_database, env_int, env_list, env_rate, env_redis_url, env_str

ROOT = Path(__file__).resolve().parents[3]


def test_env_bool_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("DEBUG", "flase")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='flase'"):
        env_bool("DEBUG", False)


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("No", False), ("off", False)])
def test_env_bool_accepts_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert env_bool("DEBUG", not expected) is expected


def test_env_int_names_the_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)


def test_env_database_refuses_an_unknown_scheme(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/x")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", "sqlite:///x")


def test_env_database_parses_postgres(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/opengov")
    config = env_database("DATABASE_URL", "sqlite:///x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "opengov"


def test_env_redis_url_refuses_a_host_without_scheme(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "127.0.0.1:6379")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        env_redis_url("REDIS_URL")


def test_env_list_refuses_an_empty_list(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " , ")
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        env_list("ALLOWED_HOSTS", [])


def test_required_secret_is_named(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env_str("SECRET_KEY")


def test_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env_str("SECRET_KEY") == "from-a-file"


def _manage(args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_start_up_stops_on_a_malformed_value_naming_it():
    result = _manage(["check"], DJANGO_SETTINGS_MODULE="opengov.settings.dev", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "opengov.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-with-entropy-9f8e7d6c5b4a",
    "ALLOWED_HOSTS": "opengov.example.org",
}


def test_production_refuses_to_start_without_a_shared_cache():
    """Per-process caches multiply every rate limit by the number of workers: no REDIS_URL, no start."""
    result = _manage(["check"], **PRODUCTION)
    assert result.returncode != 0
    assert "REDIS_URL is required in production" in result.stderr


def test_env_rate_parses_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("API_ANON_RATE", "30/hour")
    assert env_rate("API_ANON_RATE", "600/minute") == (30, 3600)
    monkeypatch.setenv("API_ANON_RATE", "lots")
    with pytest.raises(ImproperlyConfigured, match="API_ANON_RATE='lots'"):
        env_rate("API_ANON_RATE", "600/minute")


def test_production_settings_pass_check_deploy_with_no_warning():
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"], REDIS_URL="redis://127.0.0.1:6379/0", **PRODUCTION
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
