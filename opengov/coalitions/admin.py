"""Coalitions in the back office: the coalition, its areas, participants, resources and events."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from .models import Coalition, Event, Participant, Resource


class ParticipantInline(admin.TabularInline[Participant, Coalition]):
    model = Participant
    extra = 0
    autocomplete_fields = ["member", "organisation", "user"]


class ResourceInline(admin.TabularInline[Resource, Coalition]):
    model = Resource
    extra = 0


class EventInline(admin.TabularInline[Event, Coalition]):
    model = Event
    extra = 0


@admin.register(Coalition)
class CoalitionAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name"]
    list_filter = ["policy_areas"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ResourceInline, EventInline, ParticipantInline]
