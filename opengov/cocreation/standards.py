"""The OGP Participation and Co-Creation Standards checklist of an action plan (DOMAIN.md 2.2).

Each minimum requirement is "met", "not_met" or "not_assessed". Those the platform's data can decide are
computed here (forum, forum cadence, public rules, repository regularity, consultation timeline, reasoned
responses); the others are recorded by the IRM (``StandardAssessment`` rows, with a public note) and stay
"not_assessed" until then.

Contract used by the IRM app (procedural review); the signatures do not change:

    unmet_minimum_requirements(action_plan) -> list[Requirement]   # only status == "not_met"
    plan_checklist(action_plan) -> list[Requirement]               # every requirement, for the page
    checklists_for(action_plans) -> dict[plan id, list[Requirement]]  # the same for many plans (fixed queries)

Assumptions (DOMAIN.md 2.2 marks the exact 2021 thresholds [UNVERIFIED]; change them here, in one place):
- "At least every six months" (forum) and "at least twice a year" (repository) are both read as: no gap of
  more than 183 days between consecutive meetings / document dates, counted from the start of the plan's
  co-creation window to today (or the plan's end, whichever is first). A window shorter than six months
  with nothing in it is "not_assessed" (too early to tell).
- The co-creation window starts six months before implementation starts (DOMAIN.md 2.1: the next plan is
  drafted in the last six months of the current one); implementation starts on ``start_date`` or 1 January
  of ``start_year`` and ends on ``end_date`` or 31 December of ``end_year``.
- Reasoned responses: every visible contribution to the plan's consultations has a response (hidden ones are
  moderated abuse). A Support Unit override lets the plan be submitted but does not make the standard met.

The checklist reads a fixed number of queries (seven) whatever the number of meetings, documents or
contributions, and whatever the number of plans (``checklists_for``): dates are read as value lists for all
the plans' members at once and filtered to each plan's window here, counts as one grouped aggregate.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypedDict

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from opengov.core.dates import day, ordered
from opengov.members.models import Member
from opengov.plans.models import ActionPlan
from opengov.plans.phases import Phase

from .models import (
    SIX_MONTHS,
    TIMELINE_NOTICE,
    Consultation,
    Contribution,
    Document,
    Forum,
    Meeting,
    MeetingKind,
    Sector,
    StandardAssessment,
    SubmissionOverride,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations

Status = Literal["met", "not_met", "not_assessed"]
MET: Status = "met"
NOT_MET: Status = "not_met"
NOT_ASSESSED: Status = "not_assessed"


@dataclass(frozen=True)
class Requirement:
    """One minimum requirement of one standard, with its status for a plan and what it rests on."""

    standard: int  # 1-5
    key: str
    label: str
    status: Status
    evidence: str = ""  # a sentence, or a URL
    computed: bool = True  # False: recorded by the IRM
    url: str = ""  # where the evidence can be read on the platform, if anywhere

    @property
    def is_met(self) -> bool:
        return self.status == MET


@dataclass(frozen=True)
class Definition:
    standard: int
    key: str
    label: StrOrPromise
    computed: bool


class ContributionCounts(TypedDict):
    """A plan's visible contributions and how many of them have no response yet."""

    total: int
    unanswered: int


class SeatCounts(TypedDict):
    """A forum's current seats by sector, annotated by checklists_for."""

    government_seats: int
    civil_society_seats: int


DEFINITIONS: tuple[Definition, ...] = (
    Definition(1, "forum_exists", gettext_lazy("A forum of government and civil society exists"), True),
    Definition(1, "forum_meets", gettext_lazy("The forum meets at least every six months"), True),
    Definition(1, "forum_rules_public", gettext_lazy("The forum's rules of participation are public"), True),
    Definition(2, "website", gettext_lazy("A public OGP website of the member is maintained"), False),
    Definition(2, "repository", gettext_lazy("The document repository is updated at least twice a year"), True),
    Definition(
        3,
        "timeline_notice",
        gettext_lazy("The co-creation timeline is published at least two weeks before participation opens"),
        True,
    ),
    Definition(
        3, "inclusive_participation", gettext_lazy("At least one inclusive opportunity to take part is offered"), False
    ),
    Definition(4, "reasoned_response", gettext_lazy("Every contribution receives a reasoned response"), True),
    Definition(
        4, "draft_discussed", gettext_lazy("The forum discusses the draft action plan before submission"), False
    ),
    Definition(
        5,
        "implementation_meetings",
        gettext_lazy("At least two meetings with civil society during implementation"),
        False,
    ),
)
RECORDED_KEYS = tuple(d.key for d in DEFINITIONS if not d.computed)
KEYS = tuple(d.key for d in DEFINITIONS)


def label_of(key: str) -> str:
    return str(next(d.label for d in DEFINITIONS if d.key == key))


# ---------------------------------------------------------------------------------------------------------------------
# Pure computations (unit-tested without a database)


def regularity(
    dates: Iterable[datetime.date], start: datetime.date, end: datetime.date, max_gap: datetime.timedelta = SIX_MONTHS
) -> tuple[Status, int]:
    """Whether something happened at least every ``max_gap`` between ``start`` and ``end``.

    Returns the status and the longest gap in days (from ``start`` to the first date, between dates, and from
    the last date to ``end``). Nothing yet in a window shorter than ``max_gap``: too early to tell.
    """
    if end < start:
        return NOT_ASSESSED, 0
    points = sorted(d for d in set(dates) if start <= d <= end)
    if not points and end - start <= max_gap:
        return NOT_ASSESSED, (end - start).days
    bounds = [start, *points, end]
    longest = max((b - a).days for a, b in zip(bounds, bounds[1:], strict=False))
    return (MET if longest <= max_gap.days else NOT_MET), longest


def _regularity_evidence(what: str, n: int, start: datetime.date, end: datetime.date, gap: int) -> str:
    """What ``regularity`` saw, as a sentence: never a reversed range when the window has not begun."""
    if not ordered(start, end):
        return _("The co-creation period starts on %(start)s: nothing to assess yet.") % {"start": day(start)}
    values = {"n": n, "start": day(start), "end": day(end), "gap": gap}
    if what == "meetings":
        return (
            ngettext(
                "%(n)s meeting from %(start)s to %(end)s; longest interval %(gap)s days.",
                "%(n)s meetings from %(start)s to %(end)s; longest interval %(gap)s days.",
                n,
            )
            % values
        )
    return (
        ngettext(
            "%(n)s document from %(start)s to %(end)s; longest interval without an update %(gap)s days.",
            "%(n)s documents from %(start)s to %(end)s; longest interval without an update %(gap)s days.",
            n,
        )
        % values
    )


def notice_days(timeline_published_on: datetime.date, opens_on: datetime.date) -> int:
    return (opens_on - timeline_published_on).days


def cocreation_window(plan: ActionPlan, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From six months before implementation starts to today or the plan's end, whichever is first."""
    starts = plan.start_date or datetime.date(plan.start_year, 1, 1)
    ends = plan.end_date or datetime.date(plan.end_year, 12, 31)
    return starts - SIX_MONTHS, min(today, ends)


# ---------------------------------------------------------------------------------------------------------------------
# The checklist


def plan_checklist(action_plan: ActionPlan, today: datetime.date | None = None) -> list[Requirement]:
    """Every minimum requirement of the five standards for ``action_plan``, in order (at most eight queries)."""
    return checklists_for([action_plan], today)[action_plan.pk]


def checklists_for(
    action_plans: Iterable[ActionPlan], today: datetime.date | None = None
) -> dict[int, list[Requirement]]:
    """{plan id: its checklist} for many plans, in a fixed number of queries whatever their number.

    The one definition of the checklist (``plan_checklist`` is this function for one plan). The plans' own
    fields (phase, dates, member) are read from the objects given, not reloaded. Seven queries (one per kind
    of evidence: forums with their seats, meetings, documents, consultations, contribution counts, overrides,
    the IRM's recorded findings), the meetings query only when a forum exists, plus one for the members'
    slugs when a plan's member is not loaded.
    """
    today = today or timezone.localdate()
    plans = list(action_plans)
    if not plans:
        return {}
    plan_ids = [plan.pk for plan in plans]
    member_ids = {plan.member_id for plan in plans}
    windows = {plan.pk: cocreation_window(plan, today) for plan in plans}
    earliest = min(start for start, _end in windows.values())
    latest = max(end for _start, end in windows.values())

    slugs = {plan.member_id: plan.member.slug for plan in plans if ActionPlan.member.is_cached(plan)}
    missing = member_ids - set(slugs)
    if missing:
        slugs.update(Member.objects.filter(pk__in=missing).values_list("pk", "slug"))

    # Standard 1: the forum (one per member), its current make-up, its rules and how often it meets.
    current = models.Q(seats__until__isnull=True) | models.Q(seats__until__gte=today)
    forums = {
        forum.member_id: forum
        for forum in Forum.objects.filter(member_id__in=member_ids).annotate(
            government_seats=models.Count("seats", filter=current & models.Q(seats__sector=Sector.GOVERNMENT)),
            civil_society_seats=models.Count("seats", filter=current & models.Q(seats__sector=Sector.CIVIL_SOCIETY)),
        )
    }
    meetings: dict[int, list[datetime.date]] = {}
    if forums and earliest <= latest:
        meeting_rows = Meeting.objects.filter(
            forum_id__in=[forum.pk for forum in forums.values()], held_on__range=(earliest, latest)
        ).values_list("forum_id", "held_on")
        for forum_id, held_on in meeting_rows.order_by():
            meetings.setdefault(forum_id, []).append(held_on)

    # Standard 2: the repository kept up to date.
    documents: dict[int, list[datetime.date]] = {}
    if earliest <= latest:
        document_rows = Document.objects.filter(
            member_id__in=member_ids, published_on__range=(earliest, latest)
        ).values_list("member_id", "published_on")
        for member_id, published_on in document_rows.order_by():
            documents.setdefault(member_id, []).append(published_on)

    # Standard 3: every consultation's timeline.
    consultations: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    consultation_rows = Consultation.objects.filter(action_plan_id__in=plan_ids).values_list(
        "action_plan_id", "timeline_published_on", "opens_on"
    )
    for plan_id, published, opens in consultation_rows.order_by():
        consultations.setdefault(plan_id, []).append((published, opens))

    # Standard 4: contributions answered (counted per plan in one grouped query) and Support Unit overrides.
    counts: dict[int, ContributionCounts] = {
        row["consultation__action_plan_id"]: row
        for row in Contribution.objects.visible()
        .filter(consultation__action_plan_id__in=plan_ids)
        .values("consultation__action_plan_id")
        .annotate(total=models.Count("pk"), unanswered=models.Count("pk", filter=models.Q(response__isnull=True)))
        .order_by()
    }
    overridden = set(
        SubmissionOverride.objects.filter(action_plan_id__in=plan_ids).values_list("action_plan_id", flat=True)
    )

    # Recorded by the IRM.
    recorded: dict[int, dict[str, StandardAssessment]] = {}
    for finding in StandardAssessment.objects.filter(action_plan_id__in=plan_ids, key__in=RECORDED_KEYS):
        recorded.setdefault(finding.action_plan_id, {})[finding.key] = finding

    return {
        plan.pk: _checklist(
            plan,
            windows[plan.pk],
            slugs[plan.member_id],
            forums.get(plan.member_id),
            meetings,
            documents.get(plan.member_id, []),
            consultations.get(plan.pk, []),
            counts.get(plan.pk, {"total": 0, "unanswered": 0}),
            plan.pk in overridden,
            recorded.get(plan.pk, {}),
        )
        for plan in plans
    }


def _checklist(
    plan: ActionPlan,
    window: tuple[datetime.date, datetime.date],
    member_slug: str,
    forum: WithAnnotations[Forum, SeatCounts] | None,
    meetings: dict[int, list[datetime.date]],
    member_documents: list[datetime.date],
    consultations: list[tuple[datetime.date, datetime.date]],
    counts: ContributionCounts,
    overridden: bool,
    recorded: dict[str, StandardAssessment],
) -> list[Requirement]:
    """One plan's checklist from the evidence read by ``checklists_for`` (no query)."""
    start, end = window
    results: dict[str, Requirement] = {}

    def put(key: str, status: Status, evidence: str = "", url: str = "") -> None:
        d = next(d for d in DEFINITIONS if d.key == key)
        results[key] = Requirement(d.standard, key, str(d.label), status, evidence, d.computed, url)

    def within(dates: list[datetime.date]) -> list[datetime.date]:
        return [d for d in dates if start <= d <= end]

    # Standard 1: the forum, its make-up, its rules and how often it meets.
    if forum is None:
        put("forum_exists", NOT_MET, _("No forum is recorded for this member."))
        put("forum_meets", NOT_MET, _("No forum is recorded for this member."))
        put("forum_rules_public", NOT_MET, _("No forum is recorded for this member."))
    else:
        forum_url = reverse("cocreation:forum", kwargs={"slug": member_slug})
        both = forum.government_seats and forum.civil_society_seats
        put(
            "forum_exists",
            MET if both else NOT_MET,
            _("%(gov)s government and %(cso)s civil-society members.")
            % {"gov": forum.government_seats, "cso": forum.civil_society_seats},
            forum_url,
        )
        dates = within(meetings.get(forum.pk, []))
        status, gap = regularity(dates, start, end)
        put("forum_meets", status, _regularity_evidence("meetings", len(dates), start, end, gap), forum_url)
        put(
            "forum_rules_public",
            MET if forum.rules_are_public else NOT_MET,
            _("Published on the forum page.") if forum.rules_are_public else _("No rules have been published."),
            forum_url,
        )

    # Standard 2: the repository kept up to date.
    doc_dates = within(member_documents)
    status, gap = regularity(doc_dates, start, end)
    put(
        "repository",
        status,
        _regularity_evidence("documents", len(doc_dates), start, end, gap),
        reverse("cocreation:repository", kwargs={"slug": member_slug}),
    )

    # Standard 3: every consultation's timeline public two weeks before it opens.
    if not consultations:
        status = NOT_MET if plan.phase != Phase.CO_CREATION else NOT_ASSESSED
        put("timeline_notice", status, _("No consultation has been opened on this plan."))
    else:
        shortest = min(notice_days(published, opens) for published, opens in consultations)
        put(
            "timeline_notice",
            MET if shortest >= TIMELINE_NOTICE.days else NOT_MET,
            ngettext(
                "%(n)s consultation; notice %(days)s days (14 required).",
                "%(n)s consultations; shortest notice %(days)s days (14 required).",
                len(consultations),
            )
            % {"n": len(consultations), "days": shortest},
        )

    # Standard 4: every contribution answered.
    if not counts["total"]:
        put("reasoned_response", NOT_ASSESSED, _("No contribution has been received."))
    else:
        evidence = ngettext(
            "%(answered)s of %(total)s contribution answered.",
            "%(answered)s of %(total)s contributions answered.",
            counts["total"],
        ) % {
            "answered": counts["total"] - counts["unanswered"],
            "total": counts["total"],
        }
        if overridden and counts["unanswered"]:
            evidence += " " + _("Submitted with unanswered contributions by a Support Unit override.")
        put("reasoned_response", MET if not counts["unanswered"] else NOT_MET, evidence)

    # Recorded by the IRM.
    for key in RECORDED_KEYS:
        finding = recorded.get(key)
        if finding is None:
            put(key, NOT_ASSESSED, _("Not yet assessed by the IRM."))
        else:
            put(key, finding.status, finding.note)  # type: ignore[arg-type]  # the field's choices: the three statuses

    return [results[d.key] for d in DEFINITIONS]


def unmet_minimum_requirements(action_plan: ActionPlan) -> list[Requirement]:
    """The requirements found not met (computed or recorded by the IRM); "not_assessed" ones are left out."""
    return [r for r in plan_checklist(action_plan) if r.status == NOT_MET]


def implementation_meeting_count(action_plan: ActionPlan) -> int:
    """Evidence for Standard 5, shown beside the IRM's finding."""
    return Meeting.objects.filter(action_plan=action_plan, kind=MeetingKind.IMPLEMENTATION).count()
