"""The Support Unit's back office for people and roles. Nothing is deleted here: roles are ended,
accounts deactivated. Shared back-office access rules: opengov/core/admin.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from opengov.core.admin import BackOfficeMixin

from . import actions
from .models import FK_SCOPE_FIELDS, ROLE_SCOPES, SCOPE_FIELDS, Role, RoleAssignment, RoleAssignmentQuerySet, User

# Roles -----------------------------------------------------------------------------------------


class RoleAssignmentForm(forms.ModelForm[RoleAssignment]):
    """Checks that the scope fits the role before accounts.actions.grant_role is called."""

    class Meta:
        model = RoleAssignment
        fields = ("user", "role", *SCOPE_FIELDS)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        role = cleaned.get("role")
        if not role:
            return cleaned
        needed = ROLE_SCOPES[Role(role)].field
        for name in SCOPE_FIELDS:
            if name == needed and not cleaned.get(name):
                self.add_error(name, _("This role needs a %(scope)s.") % {"scope": self._label(name)})
            elif name != needed and cleaned.get(name):
                self.add_error(
                    name,
                    _("A %(role)s is not scoped by a %(scope)s: leave this empty.")
                    % {"role": Role(role).label, "scope": self._label(name)},
                )
        return cleaned

    def _label(self, name: str) -> str:
        return str(getattr(RoleAssignment._meta.get_field(name), "verbose_name", name))

    def validate_constraints(self) -> None:
        # clean() explains a mismatched scope field by field; the check constraint's generic message adds nothing.
        pass


def scope_of(assignment: RoleAssignment) -> Any:
    return (
        assignment.member
        or assignment.organisation
        or assignment.action_plan
        or (assignment.country.name if assignment.country else _("whole platform"))
    )


def grant_from_form(request: HttpRequest, assignment: RoleAssignment) -> RoleAssignment:
    field = ROLE_SCOPES[Role(assignment.role)].field
    scope = getattr(assignment, field) if field else None
    return actions.grant_role(request.user, assignment.user, assignment.role, scope)


class RoleAssignmentInline(BackOfficeMixin, admin.TabularInline[RoleAssignment, User]):
    """The user's roles, past and current. Existing rows are read-only (end a role from the role list);
    new rows are granted through accounts.actions.grant_role (see UserAdmin.save_formset)."""

    model = RoleAssignment
    form = RoleAssignmentForm
    fields = ("role", *SCOPE_FIELDS, "granted_at", "ends_at")
    readonly_fields = ("granted_at", "ends_at")
    autocomplete_fields = FK_SCOPE_FIELDS
    extra = 0
    show_change_link = True

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # with add but no change permission, Django shows existing rows read-only

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("accounts.manage_roles")

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleAssignment]:
        assignments: QuerySet[RoleAssignment] = super().get_queryset(request)
        return assignments.select_related("member", "organisation", "action_plan__member")


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("e-mail confirmed")
    parameter_name = "confirmed"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", str(_("Yes"))), ("no", str(_("No")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> QuerySet[User]:
        if self.value() in ("yes", "no"):
            return queryset.filter(email_confirmed_at__isnull=self.value() == "no")
        return queryset


class UserCreationForm(AdminUserCreationForm[User]):
    class Meta:
        model = User
        fields = ("email", "display_name")

    def clean_email(self) -> str:
        # Addresses are stored lower-case (EmailUserManager); compare the same way.
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email


class UserEditForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BackOfficeMixin, DjangoUserAdmin[User]):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "display_name", "is_active", "confirmed", "is_staff", "last_login")
    list_filter = ("is_active", ConfirmedFilter, "is_staff", "role_assignments__role")
    search_fields = ("email", "display_name", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined", "email_confirmed_at")
    inlines = (RoleAssignmentInline,)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Public profile"), {"fields": ("display_name", "first_name", "last_name")}),
        (
            _("Access"),
            {
                "fields": ("is_active", "email_confirmed_at", "is_staff", "is_superuser", "groups", "user_permissions"),
                "description": _(
                    "Deactivate an account instead of deleting it. Support Unit staff need “staff status” to "
                    "open this back office and a Support Unit role (below) to manage anything in it."
                ),
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "display_name", "usable_password", "password1", "password2")},
        ),
    )
    filter_horizontal = ("groups", "user_permissions")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("accounts.manage_roles") or super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False  # changing a superuser's e-mail or password would be a way to become one
        return request.user.has_perm("accounts.manage_roles") or super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.manage_roles") or super().has_add_permission(request)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only a superuser makes superusers or hands out raw Django permissions.
            readonly += ("is_superuser", "groups", "user_permissions")
        return readonly

    @admin.display(boolean=True, description=_("confirmed"), ordering="email_confirmed_at")
    def confirmed(self, user: User) -> bool:
        return user.email_confirmed_at is not None

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not RoleAssignment:
            super().save_formset(request, form, formset, change)
            return
        for assignment in formset.save(commit=False):
            if assignment.pk is None:
                assignment.user = form.instance
                grant_from_form(request, assignment)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(BackOfficeMixin, admin.ModelAdmin[RoleAssignment]):
    form = RoleAssignmentForm
    list_display = ("user", "role", "scope", "granted_at", "ends_at", "is_current")
    list_filter = ("role", ("ends_at", admin.EmptyFieldListFilter))
    search_fields = ("user__email", "user__display_name", "member__name", "organisation__name", "action_plan__ogp_id")
    list_select_related = ("user", "member", "organisation", "action_plan__member")
    autocomplete_fields = ("user", *FK_SCOPE_FIELDS)
    date_hierarchy = "granted_at"
    actions = ("end_roles",)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("accounts.manage_roles")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.manage_roles")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A granted role is a fact with a date: it is ended, never edited (the action below), so the form is
        # only for adding.
        return obj is None and request.user.has_perm("accounts.manage_roles")

    @admin.display(description=_("scope"))
    def scope(self, assignment: RoleAssignment) -> Any:
        return scope_of(assignment)

    @admin.display(boolean=True, description=_("current"))
    def is_current(self, assignment: RoleAssignment) -> bool:
        return assignment.ends_at is None

    def save_model(self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool) -> None:
        try:
            granted = grant_from_form(request, obj)
        except (PermissionDenied, ValidationError) as error:
            # The form validated the scope; this is a last line (for example a role ended meanwhile).
            raise PermissionDenied(str(error)) from error
        # The admin's messages and log entry refer to ``obj``; it becomes the row grant_role kept.
        obj.pk, obj.granted_at, obj.ends_at = granted.pk, granted.granted_at, granted.ends_at

    @admin.action(description=_("End the selected roles today"), permissions=["manage_roles"])
    def end_roles(self, request: HttpRequest, queryset: RoleAssignmentQuerySet) -> None:
        ended = 0
        for assignment in queryset.current().select_related("user"):
            actions.end_role(request.user, assignment)
            ended += 1
        self.message_user(
            request,
            ngettext("%(n)d role ended.", "%(n)d roles ended.", ended) % {"n": ended},
            messages.SUCCESS,
        )

    def has_manage_roles_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.manage_roles")
