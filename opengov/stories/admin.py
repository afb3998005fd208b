"""The back office for stories: read and search every story with its history; decisions go through the story page
(stories.actions.decide: lifecycle checked, reason required, author told), so the status is read-only here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from .models import Story, StoryImage


class StoryImageInline(admin.TabularInline[StoryImage, Story]):
    model = StoryImage
    fields = ("image", "alt_text", "caption", "position")
    readonly_fields = ("image",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Story)
class StoryAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "status", "language", "region", "format", "author", "published_at")
    list_filter = ("status", "format", "language", "region")
    list_select_related = ("author",)
    search_fields = ("title", "summary")
    readonly_fields = ("status", "decision_reason", "author", "submitted_at", "published_at", "featured_at")
    inlines = [StoryImageInline]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False  # stories are shared through the story form, by their authors
