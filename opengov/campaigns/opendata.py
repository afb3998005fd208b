"""Campaign data in the open data downloads and the ZIP: targets with their live values, reviewed and pending
crowdsourced examples (declined ones left out), pledges, accepted Challenge submissions. User text made safe for
spreadsheets."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from opengov.opendata.exporters.entities import Dataset, computed, field

from . import progress
from .models import ChallengeSubmission, Example, Pledge, ReviewStatus, SubmissionStatus, Target


def _measured(target: Target) -> Any:
    return progress.measure(target, with_members=False)


def datasets() -> tuple[Dataset, ...]:
    return (
        Dataset(
            "campaign-targets",
            _("Campaign targets"),
            _("Each campaign target with its value measured on the platform's data when downloaded."),
            Target,
            lambda: Target.objects.select_related("campaign").order_by("campaign__slug", "position"),
            (
                field(Target, "campaign__slug", "campaign"),
                field(Target, "title"),
                field(Target, "indicator"),
                field(Target, "threshold", get=lambda t: str(t.threshold)),
                field(Target, "window_starts_on"),
                field(Target, "deadline"),
                computed(
                    "value",
                    lambda t: _measured(t).value,
                    "number, empty when nothing is counted",
                    "Share (%) at the deadline, or today before it.",
                ),
                computed("numerator", lambda t: _measured(t).numerator, "integer", "Members counted."),
                computed("denominator", lambda t: _measured(t).denominator, "integer", "Active members at the date."),
            ),
            (Target,),
        ),
        Dataset(
            "campaign-examples",
            _("Crowdsourced campaign examples"),
            _("Examples shared by the community; status says whether OGP reviewed them."),
            Example,
            lambda: (
                Example.objects.exclude(status=ReviewStatus.DECLINED).select_related("campaign", "theme").order_by("pk")
            ),
            (
                field(Example, "id"),
                field(Example, "campaign__slug", "campaign"),
                field(Example, "theme__slug", "theme"),
                field(Example, "country", get=lambda e: e.country.code or ""),
                computed("description", lambda e: e.description, "text", "What was done."),
                field(Example, "source_url"),
                field(Example, "status"),
            ),
            (Example,),
        ),
        Dataset(
            "campaign-pledges",
            _("Campaign pledges"),
            _("Members' pledged actions with their due date and outcome."),
            Pledge,
            lambda: Pledge.objects.select_related("campaign", "member").order_by("pk"),
            (
                field(Pledge, "campaign__slug", "campaign"),
                field(Pledge, "member__ogp_code", "member"),
                computed("action", lambda p: p.action, "text", "Pledged action."),
                field(Pledge, "due_on"),
                field(Pledge, "outcome"),
            ),
            (Pledge,),
        ),
        Dataset(
            "challenge-submissions",
            _("Open Gov Challenge submissions"),
            _("Accepted submissions with their Challenge area."),
            ChallengeSubmission,
            lambda: (
                ChallengeSubmission.objects.filter(status=SubmissionStatus.ACCEPTED)
                .select_related("member", "area")
                .prefetch_related("commitments")
                .order_by("pk")
            ),
            (
                field(ChallengeSubmission, "id"),
                field(ChallengeSubmission, "member__ogp_code", "member"),
                computed("institution", lambda s: s.institution, "text", "Public institution."),
                field(ChallengeSubmission, "country", get=lambda s: s.country.code or ""),
                computed("title", lambda s: s.title, "text", "Title of the reform."),
                field(ChallengeSubmission, "kind"),
                field(ChallengeSubmission, "area__title", "area"),
                computed(
                    "commitments",
                    lambda s: "; ".join(c.ogp_id for c in s.commitments.all()),
                    "text",
                    "Nominated commitments.",
                ),
            ),
            (ChallengeSubmission,),
        ),
    )
