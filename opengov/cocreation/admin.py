"""The Support Unit's back office for co-creation: forums, meetings, the repository, consultations, contributions
(hide and restore only through cocreation.actions), responses, overrides and the IRM's standard findings.
Nothing can be deleted (core.admin.BackOfficeMixin); changelists select what their columns show."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opengov.accounts.signed_in import signed_in_user
from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from . import actions
from .models import (
    Consultation,
    Contribution,
    Document,
    Forum,
    ForumSeat,
    Meeting,
    MonitoringNote,
    Response,
    StandardAssessment,
    SubmissionOverride,
)


class SeatInline(BackOfficeMixin, admin.TabularInline[ForumSeat, Forum]):
    model = ForumSeat
    extra = 0
    fields = ("name", "affiliation", "sector", "organisation", "since", "until")

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Forum)
class ForumAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "member")
    list_select_related = ("member",)
    search_fields = ("name", "member__name")
    list_filter = ("member__region",)
    autocomplete_fields = ("member",)
    inlines = [SeatInline]
    fieldsets = [(None, {"fields": ["member", "name", "description", "rules_of_participation", "rules_url"]})]


@admin.register(Meeting)
class MeetingAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("held_on", "title", "forum", "kind", "attendance")
    list_filter = ("kind",)
    list_select_related = ("forum",)
    search_fields = ("title", "forum__name")
    date_hierarchy = "held_on"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "forum",
                    "kind",
                    "action_plan",
                    "held_on",
                    "title",
                    "agenda",
                    "minutes",
                    "attendees_government",
                    "attendees_civil_society",
                    "attendees_other",
                ]
            },
        )
    ]


@admin.register(Document)
class DocumentAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ("published_on", "title", "member", "kind", "content_type", "size")
    list_filter = ("kind",)
    list_select_related = ("member",)
    search_fields = ("title", "member__name")
    # Uploads go through the repository page (content checked there); the back office edits metadata and links.
    readonly_fields = ("file", "content_type", "size")


@admin.register(Consultation)
class ConsultationAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "action_plan", "timeline_published_on", "opens_on", "closes_on")
    list_select_related = ("action_plan__member",)
    search_fields = ("title", "action_plan__ogp_id", "action_plan__member__name")
    list_filter = ("action_plan__phase", "action_plan__member__region")
    fieldsets = [
        (None, {"fields": ["action_plan", "title", "description", "timeline_published_on", "opens_on", "closes_on"]})
    ]


@admin.action(description=_("Restore the selected contributions"))
def restore_selected(
    modeladmin: admin.ModelAdmin[Contribution], request: HttpRequest, queryset: QuerySet[Contribution]
) -> None:
    for contribution in queryset:
        try:
            actions.restore(request.user, contribution, "restored in the back office")
        except (PermissionDenied, ValidationError) as error:
            modeladmin.message_user(request, str(error), messages.ERROR)


@admin.register(Contribution)
class ContributionAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "consultation", "kind", "author", "support_count", "flag_count", "visibility")
    list_filter = ("visibility", "kind")
    list_select_related = ("consultation", "author")
    search_fields = ("title", "body")
    # Contributions are the participants' words: the back office reads them; hiding goes through the moderation
    # page (a reason is required and the author is told).
    readonly_fields = (
        "consultation",
        "kind",
        "commitment",
        "author",
        "organisation",
        "title",
        "body",
        "visibility",
        "hidden_reason",
        "support_count",
        "flag_count",
    )
    actions = [restore_selected]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("contribution", "outcome", "commitment", "responded_at")
    list_filter = ("outcome",)
    search_fields = ("contribution__title", "justification", "commitment__ogp_id")
    list_select_related = ("contribution", "commitment")
    fieldsets = [(None, {"fields": ["contribution", "outcome", "justification", "commitment"]})]


@admin.register(SubmissionOverride)
class SubmissionOverrideAdmin(BackOfficeMixin, admin.ModelAdmin[SubmissionOverride]):
    list_display = ("action_plan", "recorded_by", "recorded_at")
    list_select_related = ("action_plan", "recorded_by")
    list_filter = ("action_plan__member__region",)
    search_fields = ("action_plan__ogp_id", "action_plan__member__name", "reason")
    readonly_fields = ("recorded_by",)

    def save_model(self, request: HttpRequest, obj: SubmissionOverride, form: object, change: bool) -> None:
        obj.recorded_by = signed_in_user(request)  # the back office is for signed-in staff
        super().save_model(request, obj, form, change)


@admin.register(StandardAssessment)
class StandardAssessmentAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("action_plan", "key", "status", "recorded_at")
    list_filter = ("status", "key")
    search_fields = ("action_plan__ogp_id", "action_plan__member__name", "note")
    list_select_related = ("action_plan",)
    fieldsets = [(None, {"fields": ["action_plan", "key", "status", "note"]})]


@admin.register(MonitoringNote)
class MonitoringNoteAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ("commitment", "organisation", "created_at", "visibility")
    list_filter = ("visibility",)
    search_fields = ("commitment__ogp_id", "organisation__name", "body")
    list_select_related = ("commitment", "organisation")
    readonly_fields = ("commitment", "author", "organisation", "body")
