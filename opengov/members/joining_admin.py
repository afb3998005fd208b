"""Back office for joining OGP: candidate score sheets, letters of intent (decisions go through the review page,
where the checks run), OGP Local calls with their selection committee, expressions of interest (read here)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from .joining_models import CandidateEligibility, CommitteeSeat, ExpressionOfInterest, JoiningApplication, LocalCall

DECIDED_ON_PAGES = ("status", "member", "decided_at", "first_plan_due")


@admin.register(CandidateEligibility)
class CandidateEligibilityAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["country", "year", "region", "values_check_passed"]
    list_filter = ["year", "region"]
    search_fields = ["country"]  # the ISO code (KE, CO...)


@admin.register(JoiningApplication)
class JoiningApplicationAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["government_name", "country", "status", "submitted_at"]
    list_filter = ["status", "submitted_at"]
    search_fields = ["government_name", "lead_agency", "poc_name", "country"]
    readonly_fields = [*DECIDED_ON_PAGES, "submitted_by", "letter_of_intent"]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False  # governments apply on /join/apply/


class CommitteeInline(admin.TabularInline[CommitteeSeat, LocalCall]):
    model = CommitteeSeat
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(LocalCall)
class LocalCallAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "opens_on", "closes_on", "places"]
    list_filter = ["opens_on", "closes_on"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CommitteeInline]


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["jurisdiction", "country_member", "call", "status"]
    list_filter = ["call", "status"]
    search_fields = ["jurisdiction", "official_name", "country_member__name", "call__title"]
    list_select_related = ["country_member", "call"]
    readonly_fields = ["status", "member", "submitted_by"]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False
