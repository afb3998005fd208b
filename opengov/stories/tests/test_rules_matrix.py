"""Who may do what to a story, for every status of the lifecycle: roles x actions x status."""

from __future__ import annotations

import pytest

from opengov.stories.lifecycle import Status

from .conftest import make_story

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "author", "comms_editor", "support_unit", "moderator", "albania_editor"]
PUBLIC = {Status.PUBLISHED, Status.FEATURED}
REVISABLE = {Status.SUBMITTED, Status.CHANGES_REQUESTED}


def expected(role: str, perm: str, status: str) -> bool:
    curator = role in ("comms_editor", "support_unit")
    signed_in = role != "anonymous"
    if perm == "stories.view_story":
        return status in PUBLIC or curator or role == "author"
    if perm == "stories.change_story":
        return curator or (role == "author" and status in REVISABLE)
    if perm == "stories.translate_story":
        return signed_in and status in PUBLIC
    if perm == "stories.curate_story":
        return curator
    raise AssertionError(perm)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize(
    "perm", ["stories.view_story", "stories.change_story", "stories.translate_story", "stories.curate_story"]
)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, author, role, perm, status):
    user = request.getfixturevalue(role)
    story = make_story(author, status=status)
    assert user.has_perm(perm, story) is expected(role, perm, status)


@pytest.mark.parametrize("role", ROLES)
def test_anyone_signed_in_may_share_a_story(request, role):
    user = request.getfixturevalue(role)
    assert user.has_perm("stories.add_story") is (role != "anonymous")
