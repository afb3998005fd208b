"""Staff support in the back office: regional coverage (who gets which requests) and the requests themselves
(read-mostly: replies, notes and status changes are made on the request's page, where the rules run)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin

from .models import StaffCoverage, SupportMessage, SupportRequest


@admin.register(StaffCoverage)
class StaffCoverageAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["user", "region"]
    list_filter = ["region"]
    search_fields = ["user__email", "user__display_name"]
    autocomplete_fields = ["user"]

    def has_delete_permission(self, request: HttpRequest, obj: StaffCoverage | None = None) -> bool:
        # Coverage is an assignment of work, not user content: staff may stop covering a region.
        return self._support_unit(request)


_MESSAGE_COLUMNS = ("created_at", "author", "kind", "body")  # shown, never edited here


class MessageInline(admin.TabularInline[SupportMessage, SupportRequest]):
    model = SupportMessage
    extra = 0
    fields = _MESSAGE_COLUMNS
    readonly_fields = _MESSAGE_COLUMNS
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: SupportRequest | None = None) -> bool:
        return False


@admin.register(SupportRequest)
class SupportRequestAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["subject", "member", "topic", "status", "assigned_to", "created_at", "first_response_at"]
    list_filter = ["status", "topic", "member__region"]
    search_fields = ["subject", "member__name"]
    list_select_related = ["member", "assigned_to"]
    readonly_fields = [
        "member",
        "requester",
        "topic",
        "subject",
        "message",
        "status",
        "assigned_to",
        "created_at",
        "first_response_at",
        "resolved_at",
    ]
    inlines = [MessageInline]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False
