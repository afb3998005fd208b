"""The permission matrix: roles x actions x own/other country x state, read through the same rules the pages, the
API and the back office use."""

from __future__ import annotations

import pytest

from opengov.events.choices import State
from opengov.factories import EventFactory

ALL_STATES = [State.SUBMITTED, State.CHANGES_REQUESTED, State.APPROVED, State.REJECTED, State.MERGED]


def _persona(request, name):
    return request.getfixturevalue(name)


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize(
    ("persona", "view", "moderate", "contact"),
    [
        # (persona, can view when not approved, can moderate, sees the private contact e-mail) for an Italian event
        ("anonymous", False, False, False),
        ("participant", False, False, False),
        ("organiser", True, False, True),  # the event's submitter
        ("italy_moderator", True, True, True),  # own country
        ("spain_moderator", False, False, False),  # other country
        ("albania_poc", False, False, False),  # Albania's Point of Contact moderates Albania only
        ("moderator", False, False, False),  # the platform moderator hides contributions, not events
        ("support_unit", True, True, True),
        ("albania_editor", False, False, False),
    ],
)
def test_italian_event_matrix(request, state, persona, view, moderate, contact, organiser):
    event = EventFactory(country="IT", state=state, submitted_by=organiser)
    user = _persona(request, persona)
    public = state == State.APPROVED
    assert user.has_perm("events.view_event", event) is (public or view)
    assert user.has_perm("events.moderate_event", event) is moderate
    assert user.has_perm("events.merge_event", event) is moderate
    assert user.has_perm("events.view_contact", event) is contact
    closed = state in (State.REJECTED, State.MERGED)
    may_edit = persona == "support_unit" or (not closed and persona in ("organiser", "italy_moderator"))
    assert user.has_perm("events.change_event", event) is may_edit


def test_point_of_contact_moderates_own_country(albania_poc, albania_editor, organiser):
    albanian = EventFactory(country="AL", state=State.SUBMITTED, submitted_by=organiser)
    italian = EventFactory(country="IT", state=State.SUBMITTED, submitted_by=organiser)
    assert albania_poc.has_perm("events.moderate_event", albanian)
    assert not albania_poc.has_perm("events.moderate_event", italian)
    assert not albania_editor.has_perm("events.moderate_event", albanian)  # editors are not Points of Contact
    assert albania_poc.has_perm("events.view_queue")


@pytest.mark.parametrize(
    ("persona", "queue", "upload", "approve_upload", "editions"),
    [
        ("anonymous", False, False, False, False),
        ("participant", False, False, False, False),
        ("italy_moderator", True, True, False, False),
        ("support_unit", True, True, True, True),
        ("moderator", False, False, False, False),
    ],
)
def test_platform_actions(request, persona, queue, upload, approve_upload, editions):
    user = _persona(request, persona)
    assert user.has_perm("events.view_queue") is queue
    assert user.has_perm("events.upload_events") is upload
    assert user.has_perm("events.approve_upload") is approve_upload
    assert user.has_perm("events.change_edition") is editions


def test_submitting_needs_an_open_window(participant, anonymous, support_unit, edition):
    assert participant.has_perm("events.submit_event", edition)
    assert not anonymous.has_perm("events.submit_event", edition)
    import datetime

    edition.submissions_close_on = datetime.date.today() - datetime.timedelta(days=1)
    edition.submissions_open_on = edition.submissions_close_on - datetime.timedelta(days=10)
    assert not participant.has_perm("events.submit_event", edition)
    assert support_unit.has_perm("events.submit_event", edition)  # late entries on the Support Unit's word
