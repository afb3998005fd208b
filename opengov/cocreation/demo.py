"""Demo co-creation, so every co-creation screen has something to show right after ``make run``:

- multi-stakeholder forums (Albania, Armenia, Canada, Kenya, the Philippines, and Sierra Leone's, which stopped
  meeting) with their seats (one member replaced), meetings with agendas, minutes and attendance, and documents in
  the member's repository;
- Albania's draft plan under consultation, with contributions in every state: hidden by a moderator, flagged and
  waiting for the moderators, supported, answered (adopted into a new draft commitment, partly adopted, not
  adopted) and unanswered, so the plan cannot be submitted yet; a second round not open yet;
- Canada's consultation, closed, every contribution answered by its Point of Contact;
- civil-society monitoring notes and the IRM's findings on the standards the data cannot decide.

Written through cocreation.actions as the people would (contents: demo_content.py). Idempotent: a forum, a
consultation or a finding that exists is left alone.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from opengov.accounts.actions import grant_role
from opengov.accounts.demo import DEMO_EMAIL_DOMAIN, demo_user, person
from opengov.accounts.models import Role, User
from opengov.core.seeding import SeedLog
from opengov.members.models import CivilSocietyOrganisation, Member
from opengov.plans import actions as plan_actions
from opengov.plans.models import ActionPlan, Commitment
from opengov.plans.phases import Phase

from . import actions
from .demo_content import (
    CANADA_POC,
    CONSULTATIONS,
    FORUMS,
    MONITORING_NOTES,
    STANDARD_FINDINGS,
    ConsultationSpec,
    ContributionSpec,
    ForumSpec,
)
from .models import (
    Consultation,
    Contribution,
    Document,
    DocumentKind,
    Forum,
    ForumSeat,
    Meeting,
    MonitoringNote,
    Response,
    StandardAssessment,
)

MINUTES_FILE = (
    "Minutes of the multi-stakeholder forum\n\n"
    "Present: four government members, five civil-society members, one academic.\n\n"
    "1. The secretariat presented the contributions received in the consultation.\n"
    "2. The forum agreed which proposals become draft commitments.\n"
    "3. Next meeting: before the submission of the action plan.\n"
)


def _who(key: str) -> User:
    """A demo user by DEMO_USERS key, Canada's Point of Contact, or an extra demo person ("person:local:Name")."""
    if key.startswith("person:"):
        _, local_part, name = key.split(":", 2)
        return person(local_part, name)
    if key == "canada_poc":
        return person(*CANADA_POC)
    return demo_user(key)


def _plan(member: Member, which: str) -> ActionPlan | None:
    phase = {"current": Phase.IMPLEMENTATION, "next": Phase.CO_CREATION}.get(which)
    if phase is None:
        return None
    return member.action_plans.filter(phase=phase).order_by("-start_year").first()


def _ensure_canada_poc(log: SeedLog) -> None:
    canada = Member.objects.filter(ogp_code="CA").first()
    if canada is not None and not canada.role_assignments.filter(role=Role.POINT_OF_CONTACT).exists():
        grant_role(None, _who("canada_poc"), Role.POINT_OF_CONTACT, canada)
        log.created("role grants")


# ---------------------------------------------------------------------------------------------------------- forums


def _seed_forum(spec: ForumSpec, today: datetime.date, log: SeedLog) -> None:
    member = Member.objects.filter(ogp_code=spec.member).first()
    if member is None or Forum.objects.filter(member=member).exists():
        return
    editor = _who(spec.editor)
    forum = actions.save_forum(
        editor, member, {"name": spec.name, "description": spec.description, "rules_of_participation": spec.rules}
    )
    log.created("forums")
    organisations = {o.slug: o for o in CivilSocietyOrganisation.objects.all()}
    for seat in spec.seats:
        seat_row = actions.add_seat(
            editor,
            forum,
            {
                "name": seat.name,
                "affiliation": seat.affiliation,
                "sector": seat.sector,
                "organisation": organisations.get(seat.organisation),
                "since": today + datetime.timedelta(days=seat.since),
            },
        )
        if seat.until is not None:
            actions.end_seat(editor, seat_row, today + datetime.timedelta(days=seat.until))
    log.created("forum seats", len(spec.seats))
    plans = {which: _plan(member, which) for which in ("current", "next")}
    for meeting in spec.meetings:
        fields: dict[str, Any] = {
            "kind": meeting.kind,
            "action_plan": plans.get(meeting.plan),
            "held_on": today - datetime.timedelta(days=meeting.days_ago),
            "title": meeting.title,
            "agenda": meeting.agenda,
        }
        meeting_row = actions.create_meeting(editor, forum, fields)
        if meeting.minutes:
            # The minutes and attendance come after the meeting, as a change of the meeting's record.
            government, civil_society, other = meeting.attendance
            changes = {
                "minutes": meeting.minutes,
                "attendees_government": government,
                "attendees_civil_society": civil_society,
                "attendees_other": other,
            }
            actions.update_meeting(editor, meeting_row, changes, expected_version=meeting_row.version)
    log.created("forum meetings", len(spec.meetings))
    for days_ago, kind, title, which in spec.documents:
        published = today - datetime.timedelta(days=days_ago)
        fields = {"kind": kind, "title": title, "published_on": published, "action_plan": plans.get(which)}
        if kind == DocumentKind.MINUTES:
            upload = SimpleUploadedFile("forum-minutes.txt", MINUTES_FILE.encode(), "text/plain")
            actions.add_document(editor, member, fields, upload)
        else:
            url = f"{member.website_url or 'https://www.opengovpartnership.org/'}documents/{published:%Y-%m}-{kind}/"
            actions.add_document(editor, member, {**fields, "url": url})
    log.created("repository documents", len(spec.documents))


# --------------------------------------------------------------------------------------------------- consultations


def _seed_consultation(spec: ConsultationSpec, today: datetime.date, log: SeedLog) -> None:
    member = Member.objects.filter(ogp_code=spec.member).first()
    plan = _plan(member, spec.plan) if member is not None else None
    if plan is None or Consultation.objects.filter(action_plan=plan, title=spec.title).exists():
        return
    consultation = actions.create_consultation(
        _who(spec.by),
        plan,
        {
            "title": spec.title,
            "description": spec.description,
            "timeline_published_on": today + datetime.timedelta(days=spec.timeline_days),
            "opens_on": today + datetime.timedelta(days=spec.opens_days),
            "closes_on": today + datetime.timedelta(days=spec.closes_days),
        },
    )
    log.created("consultations")
    drafts = list(plan.commitments.order_by("ogp_id"))
    for contribution in spec.contributions:
        _seed_contribution(spec, consultation, contribution, drafts, log)
    if spec.closed_on_days is not None:
        # Contributions are only taken while a consultation is open, so the demo collects them first and the
        # Support Unit then records the day it really closed; contributions are dated inside that window.
        closed_on = today + datetime.timedelta(days=spec.closed_on_days)
        actions.update_consultation(
            demo_user("support_unit"), consultation, {"closes_on": closed_on}, consultation.version
        )
        _date_within(consultation, closed_on)


def _seed_contribution(
    spec: ConsultationSpec,
    consultation: Consultation,
    item: ContributionSpec,
    drafts: list[Commitment],
    log: SeedLog,
) -> None:
    author = _who(item.author)
    organisation = CivilSocietyOrganisation.objects.get(slug=item.organisation) if item.organisation else None
    contribution = actions.contribute(
        author,
        consultation,
        kind=item.kind,
        title=item.title,
        body=item.body,
        commitment=drafts[item.on_commitment - 1] if item.on_commitment else None,
        organisation=organisation,
    )
    log.created("contributions")
    for supporter in item.supporters:
        actions.support(_who(supporter), contribution)
    log.created("supports", len(item.supporters))
    for who, why in item.flags:
        actions.flag(_who(who), contribution, why)
        log.created("flags")
    if item.hidden:
        actions.hide(demo_user("moderator"), contribution, item.hidden)
    if item.response is not None:
        outcome, justification = item.response
        responder = _who(spec.responder)
        response = actions.respond(
            responder,
            contribution,
            outcome=outcome,
            justification=justification,
            commitment=drafts[item.on_existing - 1] if item.on_existing else None,
            create_commitment=item.becomes_commitment,
        )
        log.created("reasoned responses")
        if response.commitment is not None and item.milestones:
            _plan_milestones(responder, response.commitment, item.milestones, log)


def _plan_milestones(user: User, commitment: Commitment, titles: tuple[str, ...], log: SeedLog) -> None:
    """The government completes the draft commitment a proposal became: milestones over the plan's years."""
    plan = commitment.action_plan
    start = plan.start_date or datetime.date(plan.start_year, 1, 1)
    end = plan.end_date or datetime.date(plan.end_year, 12, 31)
    span = (end - start).days
    for index, title in enumerate(titles):
        plan_actions.create_milestone(
            user,
            commitment,
            {
                "title": title,
                "start_date": start + datetime.timedelta(days=span * index // len(titles)),
                "end_date": start + datetime.timedelta(days=span * (index + 1) // len(titles) - 1),
                "responsible": commitment.lead_institution or plan.member.lead_agency,
            },
        )
        log.created("milestones")


def _date_within(consultation: Consultation, closed_on: datetime.date) -> None:
    """Date the contributions of a closed consultation between its opening and its closing, and their answers
    in the week after (the actions stamp the time they ran)."""
    opened = datetime.datetime.combine(consultation.opens_on, datetime.time(10), tzinfo=datetime.UTC)
    span = (closed_on - consultation.opens_on).days
    contributions = list(consultation.contributions.order_by("pk"))
    for index, contribution in enumerate(contributions):
        created = opened + datetime.timedelta(days=span * index // max(1, len(contributions)), hours=index)
        Contribution.objects.filter(pk=contribution.pk).update(created_at=created)
        answered = datetime.datetime.combine(closed_on, datetime.time(15), tzinfo=datetime.UTC)
        Response.objects.filter(contribution=contribution).update(
            responded_at=answered + datetime.timedelta(days=1 + index)
        )


# ------------------------------------------------------------------------------------------- monitoring and IRM


def _seed_monitoring_notes(log: SeedLog) -> None:
    albania = Member.objects.filter(ogp_code="AL").first()
    plan = _plan(albania, "current") if albania is not None else None
    if plan is None or MonitoringNote.objects.filter(commitment__action_plan=plan).exists():
        return
    representative = demo_user("cso_rep")
    organisation = CivilSocietyOrganisation.objects.get(slug="open-budget-forum-albania")
    commitments = list(plan.commitments.order_by("ogp_id"))
    for position, body in MONITORING_NOTES:
        if position <= len(commitments):
            actions.add_monitoring_note(representative, commitments[position - 1], organisation, body)
            log.created("monitoring notes")


def _seed_standard_findings(log: SeedLog) -> None:
    staff = demo_user("irm_staff")
    for code, which, key, status, note in STANDARD_FINDINGS:
        member = Member.objects.filter(ogp_code=code).first()
        plan = _plan(member, which) if member is not None else None
        if plan is None or StandardAssessment.objects.filter(action_plan=plan, key=key).exists():
            continue
        actions.record_standard(staff, plan, key, status, note)
        log.created("IRM findings on the standards")


def seed(log: SeedLog) -> None:
    today = timezone.localdate()
    _ensure_canada_poc(log)
    for forum in FORUMS:
        _seed_forum(forum, today, log)
    for consultation in CONSULTATIONS:
        _seed_consultation(consultation, today, log)
    _seed_monitoring_notes(log)
    _seed_standard_findings(log)


def _by_demo(model: Any) -> list[int]:
    """Ids of the rows of ``model`` whose creation a demo person recorded (their history says who)."""
    created = model.history.filter(history_type="+", history_user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    return list(created.values_list("id", flat=True))


def reset() -> dict[str, int]:
    """Delete what the demo people wrote: consultations with their contributions, answers, supports and flags;
    forums with their seats and meetings; repository documents; monitoring notes; the IRM's findings."""
    consultations = Consultation.objects.filter(pk__in=_by_demo(Consultation))
    contributions = Contribution.objects.filter(consultation__in=consultations)
    Response.objects.filter(contribution__in=contributions).delete()
    forums = Forum.objects.filter(pk__in=_by_demo(Forum))
    Meeting.objects.filter(forum__in=forums).delete()
    ForumSeat.objects.filter(forum__in=forums).delete()
    return {
        "contributions": contributions.delete()[1].get("cocreation.Contribution", 0),
        "consultations": consultations.delete()[0],
        "monitoring notes": MonitoringNote.objects.filter(pk__in=_by_demo(MonitoringNote)).delete()[0],
        "IRM findings on the standards": StandardAssessment.objects.filter(
            pk__in=_by_demo(StandardAssessment)
        ).delete()[0],
        "repository documents": Document.objects.filter(pk__in=_by_demo(Document)).delete()[0],
        "forums": forums.delete()[0],
    }
