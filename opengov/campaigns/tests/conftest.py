from __future__ import annotations

import pytest

from opengov.campaigns import catalogue


@pytest.fixture
def challenge(db):
    return catalogue.ensure(catalogue.OPEN_GOV_CHALLENGE)


@pytest.fixture
def response_campaign(db):
    return catalogue.ensure(catalogue.OPEN_RESPONSE)


@pytest.fixture
def break_the_roles(db):
    return catalogue.ensure(catalogue.BREAK_THE_ROLES)
