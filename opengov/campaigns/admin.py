"""The Support Unit's back office for campaigns: campaigns with their targets, themes (or Challenge areas) and
documents; pledges and their follow-up; crowdsourced examples and Challenge submissions (reviewed on the campaign
pages too). Nothing is deleted (core.admin.BackOfficeMixin)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin
from opengov.core.forms import field_of

from . import targets
from .models import Campaign, CampaignDocument, ChallengeSubmission, Example, Pledge, Target, Theme


class TargetForm(forms.ModelForm[Target]):
    indicator = forms.ChoiceField(choices=())

    class Meta:
        model = Target
        fields = ("title", "indicator", "threshold", "window_starts_on", "deadline", "position")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field_of(self, "indicator", forms.ChoiceField).choices = targets.choices()


class TargetInline(admin.StackedInline[Target, Campaign]):
    model = Target
    form = TargetForm
    extra = 0
    can_delete = False


class ThemeInline(admin.TabularInline[Theme, Campaign]):
    model = Theme
    fields = ("title", "slug", "position")
    extra = 0
    can_delete = False


class DocumentInline(admin.TabularInline[CampaignDocument, Campaign]):
    model = CampaignDocument
    fields = ("kind", "title", "url")
    extra = 0
    can_delete = False


@admin.register(Campaign)
class CampaignAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "starts_on", "ends_on")
    list_filter = ("takes_pledges", "collects_examples", "takes_challenge_submissions", "starts_on")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "starts_on", "ends_on"]}),
        ("Hero", {"fields": ["hero_en", "hero_es", "hero_fr"]}),
        (None, {"fields": ["collects_examples", "takes_pledges", "takes_challenge_submissions"]}),
    ]
    inlines = [TargetInline, ThemeInline, DocumentInline]


@admin.register(Pledge)
class PledgeAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("member", "campaign", "due_on", "outcome")
    list_filter = ("campaign", "outcome")
    search_fields = ("member__name", "member__ogp_code", "campaign__title", "action")
    list_select_related = ("member", "campaign")
    autocomplete_fields = ("member",)


@admin.register(Example)
class ExampleAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "campaign", "country", "theme", "status")
    list_filter = ("campaign", "status")
    search_fields = ("description", "campaign__title", "theme__title", "source_url")
    list_select_related = ("campaign", "theme")
    readonly_fields = ("submitted_by",)


@admin.register(ChallengeSubmission)
class ChallengeSubmissionAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "member", "institution", "area", "status")
    list_filter = ("campaign", "status", "area", "kind")
    search_fields = ("title", "institution", "member__name", "member__ogp_code", "level_of_government")
    list_select_related = ("member", "area")
    readonly_fields = ("submitted_by",)
