"""Shared fixtures: named personas, one per role, each commented with what it may do."""

from __future__ import annotations

import os

import pytest

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import CivilSocietyOrganisationFactory, MemberFactory, UserFactory
from opengov.members.models import Region

# Playwright runs an event loop in the test thread; the ORM beside it is safe in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def albania(db):
    return MemberFactory(name="Albania", slug="albania", ogp_code="AL", iso3="ALB", country="AL", region=Region.EUROPE)


@pytest.fixture
def armenia(db):
    return MemberFactory(name="Armenia", slug="armenia", ogp_code="AM", iso3="ARM", country="AM", region=Region.EUROPE)


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def participant(db):
    """A signed-in citizen with no role: reads everything public, changes nothing."""
    return UserFactory(email="participant@example.org")


@pytest.fixture
def albania_editor(albania):
    """Government editor for Albania: edits Albania's plans within phase rules, nothing of Armenia."""
    user = UserFactory(email="editor@albania.example.org")
    grant_role(None, user, Role.GOVERNMENT_EDITOR, albania)
    return user


@pytest.fixture
def albania_poc(albania):
    """Albania's Point of Contact: same powers as a government editor for Albania."""
    user = UserFactory(email="poc@albania.example.org")
    grant_role(None, user, Role.POINT_OF_CONTACT, albania)
    return user


@pytest.fixture
def cso_rep(db):
    """Represents a civil-society organisation: edits its profile, no government data."""
    user = UserFactory(email="rep@cso.example.org")
    grant_role(None, user, Role.CSO_REPRESENTATIVE, CivilSocietyOrganisationFactory())
    return user


@pytest.fixture
def irm_staff(db):
    """IRM staff: reviews and publishes IRM work; cannot edit government data."""
    user = UserFactory(email="staff@irm.example.org")
    grant_role(None, user, Role.IRM_STAFF)
    return user


@pytest.fixture
def support_unit(db):
    """Support Unit staff: manages members, statuses and every plan whatever its phase."""
    user = UserFactory(email="staff@su.example.org", is_staff=True)
    grant_role(None, user, Role.SUPPORT_UNIT)
    return user


@pytest.fixture
def moderator(db):
    """Moderator: hides abusive contributions; cannot edit government data."""
    user = UserFactory(email="moderator@example.org")
    grant_role(None, user, Role.MODERATOR)
    return user


@pytest.fixture
def api():
    """An API client that validates every request and response against our OpenAPI schema."""
    from opengov.core.testing import OpenApiClient

    return OpenApiClient()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached numbers (home page, policy-area counts) must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in Spanish or French leaves that language active in the thread: reset it per test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _empty_cache_at_start():
    """Redis keeps its keys between test runs (rate-limit counters, cached pages and numbers keyed by data that a
    new test database repeats): each worker starts its run from an empty cache database of its own."""
    from django.core.cache import cache

    cache.clear()
