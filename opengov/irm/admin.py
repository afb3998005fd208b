"""Back office for IRM staff and the Support Unit: reports, assessments, assignments, findings, letters.

Workflow moves and assignments go through irm.actions from the IRM workspace and the API; here the rules of
irm/rules.py hold as everywhere (core.admin.BackOfficeMixin): drafts stay with IRM staff and the assigned
researchers. Findings are recorded and confirmed through their actions.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opengov.accounts.predicates import is_irm_staff
from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from . import actions
from .models import Assessment, Assignment, Finding, FindingStatus, Letter, Report, ReportComment


class IrmBackOfficeMixin(BackOfficeMixin):
    """The Support Unit's back office, opened to IRM staff for IRM models."""

    def _support_unit(self, request: HttpRequest) -> bool:
        return super()._support_unit(request) or bool(
            request.user.is_active and request.user.is_staff and is_irm_staff(request.user)
        )


@admin.register(Report)
class ReportAdmin(IrmBackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "product", "state", "due_date", "published_on", "iap2_level_development"]
    list_filter = ["product", "state", "iap2_level_development", "iap2_level_implementation"]
    list_select_related = ["action_plan__member"]
    search_fields = ["action_plan__ogp_id", "action_plan__member__name"]
    readonly_fields = ["state", "published_on", "publication_year", "comment_opens_on", "comment_closes_on"]


@admin.register(Assessment)
class AssessmentAdmin(IrmBackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["commitment", "report", "verifiable", "potential_for_results", "completion"]
    list_filter = ["report__product", "report__state", "verifiable", "potential_for_results", "completion"]
    list_select_related = ["commitment", "report__action_plan__member"]
    search_fields = ["commitment__ogp_id", "commitment__title", "report__action_plan__member__name"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A published report's assessments are the record: read-only here too.
        if obj is not None and obj.report.state == "published":
            return [f.name for f in obj._meta.fields]
        return []


@admin.register(Assignment)
class AssignmentAdmin(IrmBackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["researcher", "action_plan", "no_conflict_confirmed", "declared_at", "assigned_at", "ended_at"]
    list_filter = [
        "no_conflict_confirmed",
        ("assigned_at", admin.EmptyFieldListFilter),
        ("ended_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["researcher", "action_plan__member"]
    search_fields = [
        "researcher__email",
        "researcher__display_name",
        "action_plan__ogp_id",
        "action_plan__member__name",
    ]
    readonly_fields = ["declared_at", "assigned_by", "assigned_at", "ended_at"]


class FindingAddForm(forms.ModelForm[Finding]):
    """A finding recorded by hand: the plan, the kind and the evidence; member and cycle follow from the plan."""

    cycle = forms.IntegerField(
        label=_("cycle"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for the plan's own cycle (the next one for a missing plan)."),
    )

    class Meta:
        model = Finding
        fields = ["action_plan", "kind", "cycle", "found_on", "evidence"]


@admin.action(description=_("Confirm the selected findings"))
def confirm_selected(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Finding]) -> None:
    confirmed = 0
    for finding in queryset.exclude(status=FindingStatus.CONFIRMED):
        try:
            actions.confirm_finding(request.user, finding)
        except (PermissionDenied, ValidationError) as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
        else:
            confirmed += 1
    if confirmed:
        modeladmin.message_user(request, _("Findings confirmed: %(n)s.") % {"n": confirmed}, messages.SUCCESS)


@admin.register(Finding)
class FindingAdmin(IrmBackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["member", "action_plan", "kind", "cycle", "found_on", "status", "letter"]
    list_filter = ["kind", "status", "member__region"]
    list_select_related = ["member", "action_plan__member", "letter"]
    search_fields = ["member__name", "action_plan__ogp_id", "evidence"]
    actions = [confirm_selected]
    # Once recorded, what was found stays as found: only the letter is linked here.
    recorded_fields = ["member", "action_plan", "report", "kind", "cycle", "found_on", "evidence", "status"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.recorded_fields if obj is not None else []

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = FindingAddForm
            kwargs["fields"] = FindingAddForm.Meta.fields
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [(None, {"fields": FindingAddForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def save_model(self, request: HttpRequest, obj: Finding, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        recorded = actions.record_finding(
            request.user, data["action_plan"], data["kind"], data["evidence"], data["cycle"], data["found_on"]
        )
        # The admin goes on with the form's instance (history link, message): make it the recorded row.
        obj.pk, obj.member_id, obj.cycle, obj._state = recorded.pk, recorded.member_id, recorded.cycle, recorded._state


@admin.register(Letter)
class LetterAdmin(IrmBackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["subject", "member", "sent_on"]
    list_filter = ["member__region", "sent_on"]
    list_select_related = ["member"]
    search_fields = ["subject", "member__name", "text"]


@admin.register(ReportComment)
class ReportCommentAdmin(IrmBackOfficeMixin, SimpleHistoryAdmin):
    list_display = ["report", "author", "created_at", "hidden"]
    list_filter = ["hidden", "report__state"]
    list_select_related = ["report__action_plan__member", "author"]
    search_fields = ["text", "author__email", "author__display_name", "report__action_plan__member__name"]
    fields = ["report", "author", "text", "hidden"]
    readonly_fields = ["report", "author", "text"]
