"""Back office for insights: the Support Unit sees imported third-party datasets (read-only: a correction is
a new import) and Global Report editions (generated from the site's Global Report page)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from opengov.core.admin import BackOfficeMixin

from .models import Edition, ThirdPartyDataset, ThirdPartyValue


class ThirdPartyValueInline(BackOfficeMixin, admin.TabularInline[ThirdPartyValue, ThirdPartyDataset]):
    model = ThirdPartyValue
    fields = ("member", "indicator", "year", "value")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False


@admin.register(ThirdPartyDataset)
class ThirdPartyDatasetAdmin(BackOfficeMixin, admin.ModelAdmin[ThirdPartyDataset]):
    list_display = ("source", "licence", "file_name", "imported_at", "imported_by")
    search_fields = ("source", "licence", "file_name")
    list_filter = ("source", "licence")
    readonly_fields = ("file_name", "imported_by", "imported_at")
    inlines = [ThirdPartyValueInline]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # imports go through /insights/third-party/import/ (validated, atomic)


@admin.register(Edition)
class EditionAdmin(BackOfficeMixin, admin.ModelAdmin[Edition]):
    list_display = ("title", "year", "state", "progress", "generated_at")
    list_filter = ("state", "year")
    search_fields = ("title", "introduction")
    fields = (
        "title",
        "year",
        "introduction",
        "state",
        "progress",
        "progress_message",
        "error",
        "html_file",
        "pdf_file",
        "generated_at",
    )
    readonly_fields = ("state", "progress", "progress_message", "error", "html_file", "pdf_file", "generated_at")
