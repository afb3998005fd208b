"""Back office for IRM staff and the Support Unit: reports, assessments, assignments, findings, letters.

Workflow moves, assignments and confirmations go through irm.actions from the pages and the API; the admin
is for reading, correcting metadata and moderating comments (never deleting).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from opengov.accounts.predicates import is_irm_staff
from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from .models import Assessment, Assignment, Finding, Letter, Report, ReportComment


class IrmBackOfficeMixin(BackOfficeMixin):
    """The Support Unit's back office, opened to IRM staff for IRM models."""

    def _support_unit(self, request: HttpRequest) -> bool:
        return super()._support_unit(request) or bool(
            request.user.is_active and request.user.is_staff and is_irm_staff(request.user)
        )


@admin.register(Report)
class ReportAdmin(IrmBackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "product", "state", "due_date", "published_on", "iap2_level_development"]
    list_filter = ["product", "state", "iap2_level_development", "iap2_level_implementation"]
    list_select_related = ["action_plan__member"]
    search_fields = ["action_plan__ogp_id", "action_plan__member__name"]
    readonly_fields = ["state", "published_on", "publication_year", "comment_opens_on", "comment_closes_on"]
    raw_id_fields = ["action_plan"]


@admin.register(Assessment)
class AssessmentAdmin(IrmBackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["commitment", "report", "verifiable", "potential_for_results", "completion"]
    list_select_related = ["commitment", "report__action_plan__member"]
    search_fields = ["commitment__ogp_id"]
    raw_id_fields = ["report", "commitment"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A published report's assessments are the record: read-only here too.
        if obj is not None and obj.report.state == "published":
            return [f.name for f in obj._meta.fields]
        return []


@admin.register(Assignment)
class AssignmentAdmin(IrmBackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["researcher", "action_plan", "no_conflict_confirmed", "declared_at", "assigned_at", "ended_at"]
    list_select_related = ["researcher", "action_plan__member"]
    readonly_fields = ["declared_at", "assigned_by", "assigned_at", "ended_at"]
    raw_id_fields = ["researcher", "action_plan"]


@admin.register(Finding)
class FindingAdmin(IrmBackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["member", "kind", "cycle", "found_on", "status", "letter"]
    list_filter = ["kind", "status"]
    list_select_related = ["member", "letter"]
    readonly_fields = ["member", "action_plan", "report", "kind", "cycle", "found_on", "evidence", "status"]


@admin.register(Letter)
class LetterAdmin(IrmBackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["subject", "member", "sent_on"]
    list_select_related = ["member"]
    raw_id_fields = ["member"]


@admin.register(ReportComment)
class ReportCommentAdmin(IrmBackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["report", "author", "created_at", "hidden"]
    list_filter = ["hidden"]
    fields = ["report", "author", "text", "hidden"]
    readonly_fields = ["report", "author", "text"]
