"""Who may read, share, revise and curate stories. Statuses are read from lifecycle.py, never compared here.

Curators are OGP's communications editors and Support Unit staff. Anyone signed in may share a story or a
translation; its author may revise it while the lifecycle allows. Public stories are read by everyone; a story
under review only by its author and the curators. The same names serve pages, templates, the API and the admin.
"""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import is_communications_editor, is_support_unit

from .lifecycle import is_public, rules_for


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_story_author(user: Any, story: Any) -> bool:
    return story is not None and getattr(user, "pk", None) is not None and story.author_id == user.pk


@rules.predicate
def story_is_public(user: Any, story: Any) -> bool:
    return story is not None and is_public(story.status)


@rules.predicate
def author_may_revise(user: Any, story: Any) -> bool:
    return story is not None and rules_for(story.status).author_may_revise


is_curator = is_support_unit | is_communications_editor

rules.add_perm("stories.add_story", is_signed_in)
rules.add_perm("stories.view_story", story_is_public | (is_signed_in & is_story_author) | is_curator)
rules.add_perm("stories.change_story", (is_signed_in & is_story_author & author_may_revise) | is_curator)
rules.add_perm("stories.translate_story", is_signed_in & story_is_public)
rules.add_perm("stories.curate_story", is_curator)  # obj: the story, or None for the review queue
