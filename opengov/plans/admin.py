"""The Support Unit's back office for action plans, commitments, milestones, progress updates and the
policy-area taxonomy. Every changelist selects what its columns show up front (a fixed query count
whatever the number of rows) and nothing here can be deleted: commitments are withdrawn, not removed.

A plan's phase is not typed in: admin actions move it through plans.actions.change_phase, which applies the
lifecycle in plans/phases.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from opengov.accounts.signed_in import signed_in_user
from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from . import actions
from .models import (
    ActionPlan,
    ActionPlanQuerySet,
    Commitment,
    EvidenceLink,
    Milestone,
    PolicyArea,
    PolicyAreaQuerySet,
    ProgressUpdate,
)
from .phases import Phase


@admin.register(PolicyArea)
class PolicyAreaAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    # PolicyArea keeps no history table (no HistoricalRecords on the model), so it uses the plain admin.
    list_display = ("label", "parent", "position", "commitment_count")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("label", "description")
    prepopulated_fields = {"slug": ("label",)}
    list_select_related = ("parent",)
    ordering = ("position",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[PolicyArea]:
        queryset: PolicyAreaQuerySet = super().get_queryset(request)  # the untyped admin base returns the manager's
        return queryset.with_commitment_counts()

    @admin.display(description=_("commitments"), ordering="commitment_count")
    def commitment_count(self, area: PolicyArea) -> int:
        count: int = area.commitment_count  # type: ignore[attr-defined]  # annotated by get_queryset
        return count


def _move_to(phase: Phase) -> Any:
    @admin.action(description=_("Move the selected plans to “%(phase)s”") % {"phase": phase.label})
    def move(modeladmin: ActionPlanAdmin, request: HttpRequest, queryset: QuerySet[ActionPlan]) -> None:
        moved = 0
        for plan in queryset.select_related("member"):
            if plan.phase == phase:
                continue
            try:
                actions.change_phase(request.user, plan, phase)
                moved += 1
            except ValidationError as error:
                modeladmin.message_user(request, f"{plan.ogp_id}: {' '.join(error.messages)}", messages.ERROR)
            except PermissionDenied as error:
                modeladmin.message_user(request, f"{plan.ogp_id}: {error}", messages.ERROR)
        if moved:
            text = ngettext("%(n)d plan moved to %(phase)s.", "%(n)d plans moved to %(phase)s.", moved)
            modeladmin.message_user(request, text % {"n": moved, "phase": phase.label}, messages.SUCCESS)

    move.__name__ = f"move_to_{phase.value}"
    return move


@admin.register(ActionPlan)
class ActionPlanAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("ogp_id", "member", "period", "duration_years", "phase", "submitted_on", "commitment_count")
    list_filter = ("phase", "member__region", "duration_years", "start_year")
    search_fields = ("ogp_id", "member__name", "member__ogp_code")
    list_select_related = ("member",)
    autocomplete_fields = ("member",)
    readonly_fields = ("phase",)
    actions = [_move_to(phase) for phase in Phase]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActionPlan]:
        queryset: ActionPlanQuerySet = super().get_queryset(request)  # the untyped admin base returns the manager's
        return queryset.select_related("member").with_counts()

    @admin.display(description=_("commitments"), ordering="commitment_count")
    def commitment_count(self, plan: ActionPlan) -> int:
        count: int = plan.commitment_count  # type: ignore[attr-defined]  # annotated by get_queryset (with_counts)
        return count

    @admin.display(description=_("period"), ordering="start_year")
    def period(self, plan: ActionPlan) -> str:
        return plan.period


class MilestoneInline(BackOfficeMixin, admin.TabularInline[Milestone, Commitment]):
    model = Milestone
    fields = ("position", "title", "start_date", "end_date", "status", "responsible")
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Commitment)
class CommitmentAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("ogp_id", "display_title", "member", "action_plan", "phase", "status")
    list_filter = (
        "action_plan__phase",
        "action_plan__member__region",
        "status",
        ("policy_areas", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("ogp_id", "title", "short_title")
    list_select_related = ("action_plan__member",)
    autocomplete_fields = ("action_plan", "carried_forward_from", "policy_areas")
    inlines = (MilestoneInline,)
    fieldsets = (
        (None, {"fields": ("action_plan", "ogp_id", "number", "status", "title", "short_title", "theme")}),
        (_("The commitment"), {"fields": ("problem", "status_quo", "objective", "description")}),
        (
            _("Dates and institutions"),
            {"fields": ("start_date", "end_date", "lead_institution", "supporting_institutions")},
        ),
        (
            _("OGP values and policy areas"),
            {
                "fields": (
                    "access_to_information",
                    "civic_participation",
                    "public_accountability",
                    "technology_innovation",
                    "policy_areas",
                    "cluster",
                )
            },
        ),
        (_("Links"), {"fields": ("carried_forward_from", "url")}),
    )

    @admin.display(description=_("title"), ordering="title")
    def display_title(self, commitment: Commitment) -> str:
        return commitment.display_title

    @admin.display(description=_("member"), ordering="action_plan__member__name")
    def member(self, commitment: Commitment) -> str:
        return commitment.action_plan.member.name

    @admin.display(description=_("phase"), ordering="action_plan__phase")
    def phase(self, commitment: Commitment) -> str:
        return commitment.action_plan.get_phase_display()


@admin.register(Milestone)
class MilestoneAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "commitment_id_display", "status", "start_date", "end_date", "responsible")
    list_filter = ("status", "commitment__action_plan__phase", "commitment__action_plan__member__region")
    search_fields = ("title", "commitment__ogp_id", "responsible")
    list_select_related = ("commitment",)
    autocomplete_fields = ("commitment",)

    @admin.display(description=_("commitment"), ordering="commitment__ogp_id")
    def commitment_id_display(self, milestone: Milestone) -> str:
        return milestone.commitment.ogp_id


class EvidenceLinkInline(BackOfficeMixin, admin.TabularInline[EvidenceLink, ProgressUpdate]):
    model = EvidenceLink
    fields = ("url", "title")
    extra = 0
    can_delete = False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "completion", "milestone", "reported_on", "author", "created_at")
    list_filter = ("completion", "commitment__action_plan__phase", "commitment__action_plan__member__region")
    search_fields = ("commitment__ogp_id", "text")
    list_select_related = ("commitment", "milestone", "author")
    autocomplete_fields = ("commitment", "milestone")
    readonly_fields = ("author", "created_at")
    date_hierarchy = "reported_on"
    inlines = (EvidenceLinkInline,)

    def save_model(self, request: HttpRequest, obj: ProgressUpdate, form: Any, change: bool) -> None:
        if not change:
            obj.author = signed_in_user(request)  # the back office is for signed-in staff
        super().save_model(request, obj, form, change)
