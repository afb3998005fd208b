"""Personas of Open Gov Week: an organiser, Italy's country moderator, a national hub that moderates Spain."""

from __future__ import annotations

import pytest

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import EditionFactory, MemberFactory, UserFactory
from opengov.members.models import Region


@pytest.fixture
def edition(db):
    return EditionFactory(year=2031)


@pytest.fixture
def italy(db):
    return MemberFactory(name="Italy", slug="italy", ogp_code="IT", iso3="ITA", country="IT", region=Region.EUROPE)


@pytest.fixture
def organiser(db):
    """Signed in, no role: submits events and edits their own while they are open."""
    return UserFactory(email="organiser@example.org")


@pytest.fixture
def italy_moderator(db):
    """Country moderator for Italy: reviews, merges and uploads Italian events; nothing elsewhere."""
    user = UserFactory(email="moderator@it.example.org")
    grant_role(None, user, Role.COUNTRY_MODERATOR, "IT")
    return user


@pytest.fixture
def spain_moderator(db):
    """Country moderator for Spain (a national hub): nothing in Italy."""
    user = UserFactory(email="hub@es.example.org")
    grant_role(None, user, Role.COUNTRY_MODERATOR, "ES")
    return user


# Browser tests drive Debian's Chromium with the launch that works offline (core's fixture, shared).
from opengov.core.tests.conftest import browser_type_launch_args  # noqa: E402, F401
