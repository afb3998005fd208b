"""Who may run forums, repositories and consultations, contribute, support, flag, moderate and answer.

Government editors (Point of Contact, government editor) act only for their own member and, for consultations
and responses, only in the plan phases listed in CONSULTATION_PHASES / RESPONSE_PHASES; Support Unit staff are
not bound by phases. Moderators hide and restore. The same names serve pages, templates and the API.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from opengov.accounts.predicates import (
    is_government_editor_of,
    is_irm_staff,
    is_moderator,
    is_support_unit,
    roles_of,
)
from opengov.plans.phases import Phase

# The plan lifecycle as it concerns co-creation, declared once (plans/phases.py owns the phases themselves).
CONSULTATION_PHASES = frozenset({Phase.CO_CREATION})  # consultations opened, contributions received
RESPONSE_PHASES = frozenset({Phase.CO_CREATION, Phase.SUBMITTED})  # answers given (late ones still count)
MONITORING_PHASES = frozenset({Phase.IMPLEMENTATION, Phase.ENDED})  # civil-society monitoring notes


def plan_of(obj: Any) -> Any:
    """The action plan of a plan, consultation, contribution or commitment (None otherwise)."""
    if hasattr(obj, "phase"):
        return obj
    if hasattr(obj, "consultation"):
        return obj.consultation.action_plan
    return getattr(obj, "action_plan", None)


def consultation_of(obj: Any) -> Any:
    return obj if hasattr(obj, "opens_on") else getattr(obj, "consultation", None)


def phase_in(phases: frozenset[Phase], name: str) -> rules.Predicate:
    @rules.predicate(name=name)
    def predicate(user: Any, obj: Any) -> bool:
        plan = plan_of(obj)
        return plan is not None and plan.phase in phases

    allows: rules.Predicate = predicate  # what the untyped @rules.predicate makes
    return allows


consultation_phase = phase_in(CONSULTATION_PHASES, "in_consultation_phase")
response_phase = phase_in(RESPONSE_PHASES, "in_response_phase")
monitoring_phase = phase_in(MONITORING_PHASES, "in_monitoring_phase")


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def consultation_is_open(user: Any, obj: Any) -> bool:
    consultation = consultation_of(obj)
    return consultation is not None and consultation.is_open(timezone.localdate())


@rules.predicate
def is_author(user: Any, obj: Any) -> bool:
    return getattr(obj, "author_id", None) == getattr(user, "pk", 0)


@rules.predicate
def is_visible(user: Any, obj: Any) -> bool:
    return getattr(obj, "visibility", "visible") == "visible"


@rules.predicate
def represents_an_organisation(user: Any) -> bool:
    return bool(roles_of(user).organisations)


runs_member = is_support_unit | is_government_editor_of
moderates = is_support_unit | is_moderator

# Forum, meetings, repository: obj is the member, the forum, a seat or a meeting.
rules.add_perm("cocreation.change_forum", runs_member)
rules.add_perm("cocreation.add_meeting", runs_member)  # obj: the forum
rules.add_perm("cocreation.change_meeting", runs_member)
rules.add_perm("cocreation.add_document", runs_member)  # obj: the member
# Consultations: obj is the draft plan (add) or the consultation.
rules.add_perm("cocreation.add_consultation", is_support_unit | (is_government_editor_of & consultation_phase))
rules.add_perm("cocreation.change_consultation", is_support_unit | (is_government_editor_of & consultation_phase))
# Taking part: obj is the consultation (contribute) or the contribution.
rules.add_perm("cocreation.contribute", is_signed_in & consultation_phase & consultation_is_open)
rules.add_perm(
    "cocreation.support_contribution",
    is_signed_in & ~is_author & is_visible & consultation_phase & consultation_is_open,
)
rules.add_perm("cocreation.flag_contribution", is_signed_in & ~is_author & is_visible)
rules.add_perm("cocreation.moderate_contribution", moderates)
# Reasoned responses: obj is the contribution.
rules.add_perm("cocreation.respond_contribution", is_support_unit | (is_government_editor_of & response_phase))
rules.add_perm("cocreation.override_submission", is_support_unit)  # obj: the plan
rules.add_perm("cocreation.record_standard", is_irm_staff | is_support_unit)  # obj: the plan
# Implementation dialogue: obj is the commitment (add) or the note.
rules.add_perm("cocreation.add_monitoring_note", is_signed_in & represents_an_organisation & monitoring_phase)
rules.add_perm("cocreation.moderate_monitoring_note", moderates)
