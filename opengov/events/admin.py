"""Back office for Open Gov Week: editions (version-checked), events with their review history, feed links and
upload jobs. Decisions go through events.actions (approve in bulk from the list, with history and notifications);
an event's text is edited on its own page, where the same form and rules apply."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from . import actions
from .choices import Decision, State
from .models import Edition, Event, FeedLink, ModerationDecision, UploadJob


@admin.register(Edition)
class EditionAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("year", "theme_en", "starts_on", "ends_on", "submissions_open_on", "submissions_close_on")
    list_filter = ("year",)
    search_fields = ("year", "theme_en", "theme_es", "theme_fr")
    fieldsets = [
        (None, {"fields": ["year", "starts_on", "ends_on", "submissions_open_on", "submissions_close_on"]}),
        (_("Theme and call"), {"fields": ["theme_en", "theme_es", "theme_fr", "call_en", "call_es", "call_fr"]}),
    ]


class DecisionInline(BackOfficeMixin, admin.TabularInline[ModerationDecision, Event]):
    model = ModerationDecision
    fk_name = "event"
    fields = ("decided_at", "decision", "reason", "decided_by", "other_event")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=_("Approve the selected events"))
def approve_selected(modeladmin: admin.ModelAdmin[Event], request: HttpRequest, queryset: QuerySet[Event]) -> None:
    done = 0
    for event in queryset.exclude(state__in=[State.APPROVED, State.MERGED]):
        actions.moderate(request.user, event, Decision.APPROVED)
        done += 1
    modeladmin.message_user(request, _("%(n)s events approved.") % {"n": done}, messages.SUCCESS)


@admin.register(Event)
class EventAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ("title", "country", "edition", "starts_at", "state", "organiser_name")
    list_filter = ("state", "edition", "region", "format", "event_type")
    list_select_related = ("edition",)
    search_fields = ("title", "organiser_name", "city")
    date_hierarchy = "starts_at"
    actions = (approve_selected,)
    inlines = [DecisionInline]
    readonly_fields = [
        "edition", "title", "description", "organiser_name", "organiser_type", "country", "region", "member", "city",
        "latitude", "longitude", "format", "online_url", "starts_at", "ends_at", "timezone", "languages", "topics",
        "event_type", "registration_url", "image", "image_alt", "contact_email", "submitted_by", "state",
        "merged_into", "approved_at", "created_at",
    ]  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # events are submitted through the form, the bulk upload or the API (same rules)


@admin.register(FeedLink)
class FeedLinkAdmin(BackOfficeMixin, admin.ModelAdmin[FeedLink]):
    list_display = ("key", "query", "created_at")
    list_filter = ("created_at",)
    search_fields = ("key", "query")
    readonly_fields = ("key", "query", "created_at")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False


@admin.register(UploadJob)
class UploadJobAdmin(BackOfficeMixin, admin.ModelAdmin[UploadJob]):
    list_display = ("filename", "edition", "uploaded_by", "status", "imported", "dry_run", "created_at")
    list_filter = ("status", "edition", "dry_run")
    search_fields = ("filename", "uploaded_by__email", "uploaded_by__display_name", "message")
    list_select_related = ("edition", "uploaded_by")
    readonly_fields = (
        "edition", "uploaded_by", "file", "filename", "dry_run", "import_good_rows", "approve", "status",
        "total_rows", "done_rows", "imported", "problems", "message", "created_at", "finished_at",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False
