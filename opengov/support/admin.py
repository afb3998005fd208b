"""Staff support in the back office: regional coverage (who gets which requests) and the requests themselves
(read-mostly: replies, notes and status changes are made on the request's page, where the rules run)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin

from .models import StaffCoverage, SupportMessage, SupportRequest


@admin.register(StaffCoverage)
class StaffCoverageAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["user", "region"]
    list_filter = ["region"]
    search_fields = ["user__email", "user__display_name"]
    autocomplete_fields = ["user"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Coverage is an assignment of work, not user content: staff may stop covering a region.
        return self._support_unit(request)


class MessageInline(admin.TabularInline):
    model = SupportMessage
    extra = 0
    fields = ["created_at", "author", "kind", "body"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
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

    def has_add_permission(self, request, *args):  # type: ignore[no-untyped-def]
        return False
