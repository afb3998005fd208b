"""Every write of the co-creation app.

Each action checks its rule (cocreation/rules.py) with ``require``, validates, writes in one transaction and
records who did it in the history (``attribute_to``). Responses, meetings (minutes), forums, consultations and
IRM findings take the ``expected_version`` the editor read (core/concurrency.py). Contributions, supports and
flags are rate limited per user (core/ratelimit.py). Nothing is deleted: contributions are hidden and restored.
Notifications go out through opengov.notifications (plain text; e-mails leave after commit).
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opengov.accounts.models import Role, RoleAssignment
from opengov.core import ratelimit, uploads
from opengov.core.concurrency import apply_changes, lock_version
from opengov.core.dates import day
from opengov.core.permissions import attribute_to, require
from opengov.members.models import CivilSocietyOrganisation, Member
from opengov.plans import actions as plan_actions
from opengov.plans.models import ActionPlan, Commitment

from .models import (
    MAX_CONTRIBUTION_LENGTH,
    TIMELINE_NOTICE,
    Consultation,
    Contribution,
    ContributionKind,
    Document,
    Flag,
    Forum,
    ForumSeat,
    Meeting,
    MonitoringNote,
    Outcome,
    Response,
    StandardAssessment,
    SubmissionOverride,
    Support,
    Visibility,
)
from .rules import CONSULTATION_PHASES

_M = TypeVar("_M", bound=Model)
_Moderated = TypeVar("_Moderated", Contribution, MonitoringNote)  # what moderators hide and restore


def _check_length(**texts: str) -> None:
    """TextField max_length is not enforced by the database or full_clean: check user texts here."""
    for name, text in texts.items():
        if len(text) > MAX_CONTRIBUTION_LENGTH:
            raise ValidationError(
                {name: _("At most %(n)s characters, please.") % {"n": f"{MAX_CONTRIBUTION_LENGTH:,}"}}
            )


def _create(instance: _M, user: Any, reason: str = "") -> _M:
    instance.full_clean()
    attribute_to(instance, user, reason)
    instance.save()
    return instance


def _notify(recipients: list[Any], subject: str, body: str, url: str) -> None:
    # Imported here: notifications is a sibling context, used only as a service.
    from opengov.notifications.actions import notify

    notify(recipients, subject=subject, body=body, url=url)


# ---------------------------------------------------------------------------------------------------------- forum


@transaction.atomic
def save_forum(user: Any, member: Member, fields: dict[str, Any], expected_version: int | None = None) -> Forum:
    """Create the member's forum, or change it (name, description, rules)."""
    require(user, "cocreation.change_forum", member)
    forum = Forum.objects.filter(member=member).first()
    if forum is None:
        return _create(Forum(member=member, **fields), user)
    forum = lock_version(forum, expected_version)
    attribute_to(forum, user)
    apply_changes(forum, fields)
    return forum


@transaction.atomic
def add_seat(user: Any, forum: Forum, fields: dict[str, Any]) -> ForumSeat:
    require(user, "cocreation.change_forum", forum)
    return _create(ForumSeat(forum=forum, **fields), user)


@transaction.atomic
def end_seat(user: Any, seat: ForumSeat, until: datetime.date) -> ForumSeat:
    """A member leaves the forum: the seat is dated, never deleted."""
    require(user, "cocreation.change_forum", seat.forum)
    seat = ForumSeat.objects.select_for_update().get(pk=seat.pk)
    attribute_to(seat, user)
    apply_changes(seat, {"until": until})
    return seat


@transaction.atomic
def create_meeting(user: Any, forum: Forum, fields: dict[str, Any]) -> Meeting:
    require(user, "cocreation.add_meeting", forum)
    plan = fields.get("action_plan")
    if plan is not None and plan.member_id != forum.member_id:
        raise ValidationError({"action_plan": _("This action plan belongs to another member.")})
    return _create(Meeting(forum=forum, **fields), user)


@transaction.atomic
def update_meeting(user: Any, meeting: Meeting, changes: dict[str, Any], expected_version: int | None) -> list[str]:
    """Change a meeting (typically: add its minutes and attendance afterwards)."""
    require(user, "cocreation.change_meeting", meeting)
    meeting = lock_version(meeting, expected_version)
    attribute_to(meeting, user)
    return apply_changes(meeting, changes)


# ----------------------------------------------------------------------------------------------------- repository


@transaction.atomic
def add_document(
    user: Any, member: Member, fields: dict[str, Any], upload: UploadedFile[bytes] | None = None
) -> Document:
    """Publish a document in the member's repository: an uploaded file (checked on its content) or a link."""
    require(user, "cocreation.add_document", member)
    plan = fields.get("action_plan")
    if plan is not None and plan.member_id != member.pk:
        raise ValidationError({"action_plan": _("This action plan belongs to another member.")})
    document = Document(member=member, **fields)
    if upload is not None:
        if document.url:
            raise ValidationError(_("Give either a file or a link (one of the two)."))
        content_type = uploads.check_upload(upload)
        document.content_type = content_type
        document.size = upload.size
        document.file.save(uploads.storage_name(upload.name), upload, save=False)
    return _create(document, user)


# -------------------------------------------------------------------------------------------------- consultations


@transaction.atomic
def create_consultation(user: Any, plan: ActionPlan, fields: dict[str, Any]) -> Consultation:
    """Open a dated consultation on a draft plan; its timeline is published now (two weeks' notice checked).

    Standard 3: a government editor's timeline is published today, so the consultation opens two weeks from
    now at the earliest. Support Unit staff may record a past consultation with its real dates; the checklist
    (standards.py) then shows whether the notice was given.
    """
    from opengov.accounts.predicates import is_support_unit

    require(user, "cocreation.add_consultation", plan)
    if plan.phase not in CONSULTATION_PHASES:
        raise ValidationError(_("Consultations are held on draft action plans (in the co-creation phase)."))
    if not is_support_unit(user) or not fields.get("timeline_published_on"):
        fields["timeline_published_on"] = timezone.localdate()
    consultation = Consultation(action_plan=plan, created_by=user, **fields)
    if not is_support_unit(user) and consultation.opens_on - consultation.timeline_published_on < TIMELINE_NOTICE:
        earliest = consultation.timeline_published_on + TIMELINE_NOTICE
        raise ValidationError(
            {
                "opens_on": _(
                    "The timeline must be public at least two weeks before the consultation opens: "
                    "open it on %(date)s or later."
                )
                % {"date": day(earliest)}
            }
        )
    return _create(consultation, user)


@transaction.atomic
def update_consultation(
    user: Any, consultation: Consultation, changes: dict[str, Any], expected_version: int | None
) -> list[str]:
    require(user, "cocreation.change_consultation", consultation)
    consultation = lock_version(consultation, expected_version)
    from opengov.accounts.predicates import is_support_unit

    new_opens = changes.get("opens_on", consultation.opens_on)
    if not is_support_unit(user) and new_opens - consultation.timeline_published_on < TIMELINE_NOTICE:
        raise ValidationError({"opens_on": _("The timeline must be public at least two weeks before it opens.")})
    changes.pop("timeline_published_on", None)  # the publication date is a fact, not an editable field
    attribute_to(consultation, user)
    return apply_changes(consultation, changes)


# -------------------------------------------------------------------------------------------------- contributions


@transaction.atomic
def contribute(
    user: Any,
    consultation: Consultation,
    *,
    kind: str,
    body: str,
    title: str = "",
    commitment: Commitment | None = None,
    organisation: CivilSocietyOrganisation | None = None,
) -> Contribution:
    """A participant or an organisation proposes a commitment or comments on a draft one."""
    require(user, "cocreation.contribute", consultation)
    if organisation is not None:
        from opengov.accounts.predicates import roles_of

        if organisation.pk not in roles_of(user).organisations:
            raise ValidationError({"organisation": _("You do not represent this organisation.")})
    if kind == ContributionKind.PROPOSAL:
        commitment = None
    _check_length(body=body)
    ratelimit.hit(user, "contribute")
    contribution = Contribution(
        consultation=consultation,
        kind=kind,
        title=title.strip(),
        body=body.strip(),
        commitment=commitment,
        author=user,
        organisation=organisation,
    )
    return _create(contribution, user)


@transaction.atomic
def support(user: Any, contribution: Contribution) -> bool:
    """Support a contribution once; a second support by the same user changes nothing. True if counted."""
    require(user, "cocreation.support_contribution", contribution)
    ratelimit.hit(user, "support")
    try:
        with transaction.atomic():
            Support.objects.create(contribution=contribution, user=user)
    except IntegrityError:
        return False
    # Counter column kept beside the rows: a list page never counts supports.
    Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
    return True


@transaction.atomic
def flag(user: Any, contribution: Contribution, reason: str) -> bool:
    """Report a contribution to the moderators (once per user). True if recorded."""
    require(user, "cocreation.flag_contribution", contribution)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is wrong with this contribution.")})
    ratelimit.hit(user, "flag")
    row = Flag(contribution=contribution, user=user, reason=reason[:500])
    row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return False
    Contribution.objects.filter(pk=contribution.pk).update(flag_count=F("flag_count") + 1)
    _tell_moderators(contribution, reason)
    return True


def _tell_moderators(contribution: Contribution, reason: str) -> None:
    """The moderators hear of a flag (the Support Unit, who also moderate, if no moderator is appointed)."""
    from opengov.notifications.actions import notify

    recipients = RoleAssignment.objects.holders(Role.MODERATOR) or RoleAssignment.objects.holders(Role.SUPPORT_UNIT)
    subject = _("A contribution was flagged: %(title)s") % {"title": contribution.consultation.title}
    notify(recipients, subject=subject, body=reason, url=reverse("cocreation:moderation"))


def _set_visibility(user: Any, obj: _Moderated, visibility: str, reason: str) -> _Moderated:
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    attribute_to(obj, user, reason=reason)
    apply_changes(obj, {"visibility": visibility, "hidden_reason": reason if visibility == Visibility.HIDDEN else ""})
    return obj


@transaction.atomic
def hide(user: Any, contribution: Contribution, reason: str) -> Contribution:
    """Hide a contribution with a public reason; it stays on record and can be restored."""
    require(user, "cocreation.moderate_contribution", contribution)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for hiding; it is shown in place of the text.")})
    hidden = _set_visibility(user, contribution, Visibility.HIDDEN, reason.strip())
    _notify(
        [hidden.author],
        subject=_("Your contribution was hidden by a moderator"),
        body=_("Reason: %(reason)s") % {"reason": reason.strip()},
        url=hidden.get_absolute_url(),
    )
    return hidden


@transaction.atomic
def restore(user: Any, contribution: Contribution, reason: str = "") -> Contribution:
    require(user, "cocreation.moderate_contribution", contribution)
    return _set_visibility(user, contribution, Visibility.VISIBLE, reason.strip() or "restored")


# ---------------------------------------------------------------------------------------------- reasoned response


@transaction.atomic
def respond(
    user: Any,
    contribution: Contribution,
    *,
    outcome: str,
    justification: str,
    commitment: Commitment | None = None,
    create_commitment: bool = False,
    expected_version: int | None = None,
) -> Response:
    """Give (or revise) the government's reasoned response to a contribution.

    An adopted or partly adopted proposal may become a draft commitment of the plan right away
    (``create_commitment``, through plans.actions.create_commitment) or be linked to an existing one
    (``commitment``); the response keeps that link, which is the proposal's story. The contributor is notified.
    """
    require(user, "cocreation.respond_contribution", contribution)
    _check_length(justification=justification)
    plan = contribution.consultation.action_plan
    if outcome == Outcome.NOT_ADOPTED and (commitment is not None or create_commitment):
        raise ValidationError({"commitment": _("A contribution that was not adopted has no resulting commitment.")})
    if commitment is not None and commitment.action_plan_id != plan.pk:
        raise ValidationError({"commitment": _("The resulting commitment must be in the same action plan.")})
    if create_commitment:
        if contribution.kind != ContributionKind.PROPOSAL:
            raise ValidationError({"commitment": _("Only proposals become new commitments.")})
        commitment = plan_actions.create_commitment(
            user, plan, {"title": contribution.title, "description": contribution.body}
        )
    if contribution.kind == ContributionKind.COMMENT and commitment is None and outcome != Outcome.NOT_ADOPTED:
        commitment = contribution.commitment
    fields = {"outcome": outcome, "justification": justification.strip(), "commitment": commitment}
    existing = Response.objects.filter(contribution=contribution).first()
    if existing is None:
        response = _create(
            Response(contribution=contribution, responded_by=user, responded_at=timezone.now(), **fields), user
        )
        subject = _("The government answered your contribution")
    else:
        response = lock_version(existing, expected_version)
        attribute_to(response, user)
        if not apply_changes(response, fields):
            return response
        subject = _("The government revised its answer to your contribution")
    _notify(
        [contribution.author],
        subject=subject,
        body=_("%(outcome)s. %(justification)s")
        % {"outcome": response.get_outcome_display(), "justification": response.justification},
        url=contribution.get_absolute_url(),
    )
    return response


@transaction.atomic
def override_submission(user: Any, plan: ActionPlan, reason: str) -> SubmissionOverride:
    """Support Unit staff let a plan be submitted with unanswered contributions; the reason is recorded."""
    require(user, "cocreation.override_submission", plan)
    if not reason.strip():
        raise ValidationError({"reason": _("Record why the plan may be submitted with unanswered contributions.")})
    return _create(SubmissionOverride(action_plan=plan, reason=reason.strip(), recorded_by=user), user)


def submission_blockers(plan: Any, to_phase: str) -> list[str]:
    """Pre-transition check (registered in apps.py): a plan is not submitted while contributions wait."""
    from opengov.plans.phases import Phase

    if to_phase != Phase.SUBMITTED:
        return []
    waiting = Contribution.objects.unanswered().filter(consultation__action_plan_id=plan.pk).count()
    if not waiting or SubmissionOverride.objects.filter(action_plan_id=plan.pk).exists():
        return []
    return [
        ngettext(
            "%(count)s contribution to this plan's consultations has no reasoned response yet. Answer it, "
            "or ask the Support Unit to record an override.",
            "%(count)s contributions to this plan's consultations have no reasoned response yet. Answer them, "
            "or ask the Support Unit to record an override.",
            waiting,
        )
        % {"count": waiting}
    ]


# ------------------------------------------------------------------------------------------------------ IRM record


@transaction.atomic
def record_standard(
    user: Any, plan: ActionPlan, key: str, status: str, note: str, expected_version: int | None = None
) -> StandardAssessment:
    """IRM staff record their finding on a requirement the data cannot decide (standards.RECORDED_KEYS)."""
    from .standards import RECORDED_KEYS

    require(user, "cocreation.record_standard", plan)
    if key not in RECORDED_KEYS:
        raise ValidationError({"key": _("This requirement is computed from the data, not recorded.")})
    existing = StandardAssessment.objects.filter(action_plan=plan, key=key).first()
    if existing is None:
        return _create(StandardAssessment(action_plan=plan, key=key, status=status, note=note, recorded_by=user), user)
    existing = lock_version(existing, expected_version)
    attribute_to(existing, user)
    apply_changes(existing, {"status": status, "note": note, "recorded_by": user})
    return existing


# --------------------------------------------------------------------------------------- implementation dialogue


@transaction.atomic
def add_monitoring_note(
    user: Any, commitment: Commitment, organisation: CivilSocietyOrganisation, body: str
) -> MonitoringNote:
    """A civil-society organisation's note on a commitment's implementation (Standard 5)."""
    from opengov.accounts.predicates import roles_of

    require(user, "cocreation.add_monitoring_note", commitment)
    if organisation.pk not in roles_of(user).organisations:
        raise ValidationError({"organisation": _("You do not represent this organisation.")})
    _check_length(body=body)
    ratelimit.hit(user, "contribute")
    return _create(
        MonitoringNote(commitment=commitment, author=user, organisation=organisation, body=body.strip()), user
    )


@transaction.atomic
def hide_monitoring_note(user: Any, note: MonitoringNote, reason: str) -> MonitoringNote:
    require(user, "cocreation.moderate_monitoring_note", note)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for hiding; it is shown in place of the text.")})
    return _set_visibility(user, note, Visibility.HIDDEN, reason.strip())
