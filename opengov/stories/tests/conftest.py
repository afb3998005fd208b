from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from opengov.accounts.actions import grant_role
from opengov.accounts.models import Role
from opengov.factories import UserFactory
from opengov.stories.lifecycle import Status
from opengov.stories.models import Story

# The smallest valid PNG (1x1): enough for the magic-byte check and for a browser to draw.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000"
    "1ff89993d1d0000000049454e44ae426082"
)


@pytest.fixture
def comms_editor(db):
    """OGP communications editor: curates stories; nothing else."""
    user = UserFactory(email="comms@ogp.example.org")
    grant_role(None, user, Role.COMMUNICATIONS_EDITOR)
    return user


@pytest.fixture
def author(db):
    """A signed-in citizen who shares stories."""
    return UserFactory(email="author@example.org", display_name="Ana Author")


def make_story(author: Any, status: str = Status.PUBLISHED, **fields: Any) -> Story:
    """A story written straight to the database (tests of reading; actions are tested on their own)."""
    now = timezone.now()
    defaults: dict[str, Any] = {
        "title": "Budgets citizens can read",
        "summary": "A city published its budget in plain words.",
        "body": "The **story** in full.",
        "country": "AL",
        "consent_publish": True,
        "submitted_at": now,
        "published_at": now if status in (Status.PUBLISHED, Status.FEATURED) else None,
        "featured_at": now if status == Status.FEATURED else None,
    }
    defaults.update(fields)
    return Story.objects.create(author=author, status=status, **defaults)


def story_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Open contracts in Tirana",
        "summary": "Every public contract of the city is online.",
        "body": "It started with a **hackathon**.",
        "language": "en",
        "country": "AL",
        "member": None,
        "format": "written",
        "video_url": "",
        "changes_service": True,
        "tangible_progress": True,
        "scalable": False,
        "lessons": True,
        "consent_publish": True,
        "consent_contact": False,
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def year_ago() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=366)


# Browser tests here use the same Debian Chromium launch as core's (skipped with the reason when it is absent).
from opengov.core.tests.conftest import browser_type_launch_args  # noqa: E402, F401
