"""The Support Unit's back office for members, their status history, eligibility and the civil-society registry.

A member's status is never typed in: the change form has a "Record a status change" section that calls
members.actions.change_status, which writes the dated StatusChange and updates Member.status.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin
from opengov.core.dates import day

from . import actions
from .models import CivilSocietyOrganisation, EligibilityScore, Member, MemberStatus, StatusChange


class MemberForm(forms.ModelForm[Member]):
    """The member's fields plus an optional status change, recorded through the action on save."""

    new_status = forms.ChoiceField(
        label=_("New status"),
        choices=[("", "---------"), *MemberStatus.choices],
        required=False,
    )
    status_effective_date = forms.DateField(
        label=_("Effective from"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("A future date is recorded now and takes effect on that day."),
    )
    status_reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the status history, for example the Steering Committee resolution."),
    )

    class Meta:
        model = Member
        fields = (
            "name",
            "slug",
            "kind",
            "parent",
            "region",
            "country",
            "iso3",
            "ogp_code",
            "join_date",
            "lead_agency",
            "website_url",
            "repository_url",
        )

    STATUS_FIELDS = ("new_status", "status_effective_date", "status_reason")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        given = [name for name in self.STATUS_FIELDS if cleaned.get(name)]
        if given and len(given) < len(self.STATUS_FIELDS):
            for name in self.STATUS_FIELDS:
                if not cleaned.get(name):
                    self.add_error(name, _("To record a status change, give the status, its date and the reason."))
        return cleaned

    @property
    def status_change(self) -> tuple[str, Any, str] | None:
        if not self.cleaned_data.get("new_status"):
            return None
        data = self.cleaned_data
        return data["new_status"], data["status_effective_date"], data["status_reason"]


class StatusChangeInline(BackOfficeMixin, admin.TabularInline[StatusChange, Member]):
    """The dated status history, read-only: a correction is a new entry (recorded with the form above)."""

    model = StatusChange
    fields = ("status", "effective_date", "in_effect", "reason", "recorded_by", "recorded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[StatusChange]:
        changes: QuerySet[StatusChange] = super().get_queryset(request)
        return changes.select_related("recorded_by")

    @admin.display(description=_("in effect"))
    def in_effect(self, change: StatusChange) -> str:
        return str(_("scheduled: takes effect on its date") if change.is_scheduled else _("yes"))


class EligibilityOutcomeColumns:
    """Computed columns from EligibilityScore.result (members/eligibility.py, the one definition)."""

    @admin.display(description=_("total"))
    def total(self, score: EligibilityScore) -> str:
        result = score.result
        return f"{result.total} / {result.applicable_max}" if result.applicable_max else "–"

    @admin.display(description=_("percent"))
    def percent(self, score: EligibilityScore) -> str:
        value = score.result.percent
        return "–" if value is None else f"{value:g} %"

    @admin.display(description=_("outcome"))
    def outcome(self, score: EligibilityScore) -> str:
        return score.result.outcome.label


class EligibilityScoreInline(EligibilityOutcomeColumns, BackOfficeMixin, admin.TabularInline[EligibilityScore, Member]):
    model = EligibilityScore
    fields = (
        "year",
        "fiscal_transparency",
        "access_to_information",
        "asset_disclosure",
        "citizen_engagement",
        "values_check_passed",
        "total",
        "percent",
        "outcome",
    )
    readonly_fields = ("total", "percent", "outcome")
    extra = 0
    can_delete = False


@admin.register(Member)
class MemberAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    form = MemberForm
    list_display = ("name", "kind", "region", "status", "join_date", "plan_count")
    list_filter = ("region", "kind", "status")
    search_fields = ("name", "ogp_code", "iso3")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    readonly_fields = ("status", "status_since")
    list_select_related = ("parent",)
    inlines = (StatusChangeInline, EligibilityScoreInline)
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "parent", "region", "country", "iso3", "ogp_code")}),
        (_("Participation"), {"fields": ("join_date", "lead_agency", "website_url", "repository_url")}),
        (
            _("Status"),
            {
                "fields": ("status", "status_since", *MemberForm.STATUS_FIELDS),
                "description": _(
                    "The status follows the dated history below. To change it, record a new status with its "
                    "date and reason; it is published on the member's page."
                ),
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Member]:
        members: QuerySet[Member] = super().get_queryset(request)
        return members.annotate(plan_count=Count("action_plans", distinct=True))

    @admin.display(description=_("action plans"), ordering="plan_count")
    def plan_count(self, member: Member) -> int:
        count: int = member.plan_count  # type: ignore[attr-defined]  # annotated by get_queryset
        return count

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {**super().get_changeform_initial_data(request), "status_effective_date": timezone.localdate()}

    def save_model(self, request: HttpRequest, obj: Member, form: MemberForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if form.status_change is not None:
            status, effective_date, reason = form.status_change
            actions.change_status(request.user, obj, status, effective_date, reason)
            scheduled = effective_date > timezone.localdate()
            text = (
                _("Status change scheduled: %(status)s from %(date)s, recorded now, in effect on that day.")
                if scheduled
                else _("Status change recorded: %(status)s from %(date)s.")
            )
            messages.info(request, text % {"status": MemberStatus(status).label, "date": day(effective_date)})


@admin.register(EligibilityScore)
class EligibilityScoreAdmin(EligibilityOutcomeColumns, BackOfficeMixin, SimpleHistoryAdmin):
    list_display = (
        "member",
        "year",
        "fiscal_transparency",
        "access_to_information",
        "asset_disclosure",
        "citizen_engagement",
        "values_check_passed",
        "total",
        "percent",
        "outcome",
    )
    list_filter = ("year", "member__region", "values_check_passed")
    search_fields = ("member__name", "member__ogp_code")
    list_select_related = ("member",)
    autocomplete_fields = ("member",)
    readonly_fields = ("total", "percent", "outcome")


@admin.register(CivilSocietyOrganisation)
class CivilSocietyOrganisationAdmin(BackOfficeMixin, SimpleHistoryAdmin):
    list_display = ("name", "country", "verified", "member_count")
    list_filter = ("verified", "country")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("members",)
    actions = ("mark_verified",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[CivilSocietyOrganisation]:
        organisations: QuerySet[CivilSocietyOrganisation] = super().get_queryset(request)
        return organisations.annotate(member_count=Count("members", distinct=True))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, organisation: CivilSocietyOrganisation) -> int:
        count: int = organisation.member_count  # type: ignore[attr-defined]  # annotated by get_queryset
        return count

    @admin.action(description=_("Mark the selected organisations as verified"), permissions=["change"])
    def mark_verified(self, request: HttpRequest, queryset: QuerySet[CivilSocietyOrganisation]) -> None:
        # Row by row so each change lands in the organisation's history.
        for organisation in queryset.filter(verified=False):
            organisation.verified = True
            organisation.save(update_fields=["verified"])
        self.message_user(request, _("The selected organisations are marked as verified."), messages.SUCCESS)


from . import joining_admin  # noqa: E402,F401  (joining OGP)
