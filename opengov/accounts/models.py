"""Users and the roles they hold, each scoped to what it covers (a member, an organisation, an action plan)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


class EmailUserManager(UserManager["User"]):
    """Users sign in with their e-mail address; there is no separate user name."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    # By e-mail, not user name: the base methods' first parameter is the user name (both overrides, deliberately).
    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> User:  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields: Any) -> User:  # type: ignore[override]
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None  # type: ignore[assignment]  # no user name: people sign in with their e-mail address
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("public name"), max_length=150, blank=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[EmailUserManager] = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.email

    @property
    def public_name(self) -> str:
        """The name shown beside a user's contributions (never the e-mail address)."""
        return self.display_name or self.get_full_name() or str(_("Anonymous participant"))


class Role(models.TextChoices):
    # Scoped to a member
    POINT_OF_CONTACT = "point_of_contact", _("Point of Contact")
    GOVERNMENT_EDITOR = "government_editor", _("Government editor")
    # Scoped to a civil-society organisation
    CSO_REPRESENTATIVE = "cso_representative", _("Civil-society representative")
    # Scoped to an action plan the IRM assigned
    IRM_RESEARCHER = "irm_researcher", _("IRM researcher")
    # Platform-wide
    IRM_STAFF = "irm_staff", _("IRM staff")
    SUPPORT_UNIT = "support_unit", _("Support Unit staff")
    MODERATOR = "moderator", _("Moderator")
    COMMUNICATIONS_EDITOR = "communications_editor", _("Communications editor")
    # Scoped to a country (any country, member or not): moderates Open Gov Week events held there
    COUNTRY_MODERATOR = "country_moderator", _("Country moderator (events)")


@dataclass(frozen=True)
class Scope:
    """Which foreign key a role is scoped by; None for platform-wide roles."""

    field: str | None


ROLE_SCOPES: dict[Role, Scope] = {
    Role.POINT_OF_CONTACT: Scope("member"),
    Role.GOVERNMENT_EDITOR: Scope("member"),
    Role.CSO_REPRESENTATIVE: Scope("organisation"),
    Role.IRM_RESEARCHER: Scope("action_plan"),
    Role.IRM_STAFF: Scope(None),
    Role.SUPPORT_UNIT: Scope(None),
    Role.MODERATOR: Scope(None),
    Role.COMMUNICATIONS_EDITOR: Scope(None),
    Role.COUNTRY_MODERATOR: Scope("country"),
}
GOVERNMENT_ROLES = (Role.POINT_OF_CONTACT, Role.GOVERNMENT_EDITOR)
FK_SCOPE_FIELDS = ("member", "organisation", "action_plan")
SCOPE_FIELDS = (*FK_SCOPE_FIELDS, "country")


def _scope_condition(role: Role, field: str | None) -> models.Q:
    """Exactly the scope field of the role is set, the others are empty."""
    q = models.Q(role=role)
    for name in SCOPE_FIELDS:
        if name == "country":  # a code, not a key: "" is empty too
            q &= ~models.Q(country="") if field == name else models.Q(country="")
        else:
            q &= models.Q(**{f"{name}__isnull": name != field})
    return q


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def current(self) -> RoleAssignmentQuerySet:
        now = timezone.now()
        return self.filter(models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now))

    def holders(self, role: str) -> list[User]:
        """The active users who currently hold ``role`` (one query): whom to notify for a platform role."""
        rows = self.current().filter(role=role, user__is_active=True).select_related("user").order_by("user_id")
        return [row.user for row in rows]


class RoleAssignment(models.Model):
    """A user holds a role for a scope. Ending a role sets ``ends_at``; rows are never deleted (audit).

    Uniqueness of an open assignment is enforced by accounts.actions.do_grant_role (a database
    constraint cannot express it portably: the scope columns are NULL for platform-wide roles).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments"
    )
    organisation = models.ForeignKey(
        "members.CivilSocietyOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    action_plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments"
    )
    country = CountryField(_("country"), blank=True, default="", help_text=_("For a country moderator: the country."))
    granted_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="roleassignment_scope_matches_role",
                condition=models.Q(
                    *[_scope_condition(role, scope.field) for role, scope in ROLE_SCOPES.items()],
                    _connector=models.Q.OR,
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.member or self.organisation or self.action_plan or (self.country.name if self.country else None)
        return f"{self.user}: {self.get_role_display()}" + (f" ({scope})" if scope else "")
