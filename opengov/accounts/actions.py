"""Writes to accounts: sign-up with e-mail confirmation, and granting or ending roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from opengov.core.permissions import attribute_to, require

from .models import ROLE_SCOPES, Role, RoleAssignment, User
from .predicates import forget_roles


def confirmation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("accounts:confirm-email", kwargs={"uidb64": uid, "token": token})


def sign_up(email: str, password: str, display_name: str = "") -> User:
    """Create an inactive account and e-mail a confirmation link; the account works once confirmed."""
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password, display_name=display_name, is_active=False)
    transaction.on_commit(lambda: send_confirmation(user))
    return user


def send_confirmation(user: User) -> None:
    context = {"user": user, "link": confirmation_link(user)}
    send_mail(
        subject=_("Confirm your e-mail address for the OpenGov Platform"),
        message=render_to_string("accounts/email/confirm_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def confirm_email(user: User, token: str) -> bool:
    """Activate the account when the token is valid (tokens expire after PASSWORD_RESET_TIMEOUT)."""
    if user.email_confirmed_at is not None:
        return True
    if not default_token_generator.check_token(user, token):
        return False
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    return True


@transaction.atomic
def grant_role(granted_by: Any, user: User, role: str, scope: Any = None) -> RoleAssignment:
    """Give ``user`` a role for ``scope`` (a member, organisation or action plan; None for platform roles)."""
    if granted_by is not None:
        require(granted_by, "accounts.manage_roles")
    field = ROLE_SCOPES[Role(role)].field
    kwargs: dict[str, Any] = {
        "user": user,
        "role": role,
        "member": None,
        "organisation": None,
        "action_plan": None,
    }
    if field is None:
        if scope is not None:
            raise ValidationError(_("This role is platform-wide and takes no scope."))
    else:
        if scope is None:
            raise ValidationError(_("This role needs a %(scope)s.") % {"scope": field.replace("_", " ")})
        kwargs[field] = scope
    existing = RoleAssignment.objects.current().filter(**kwargs).first()
    if existing:
        return existing
    assignment = RoleAssignment(**kwargs)
    attribute_to(assignment, granted_by)
    assignment.save()
    forget_roles(user)
    return assignment


@transaction.atomic
def end_role(ended_by: Any, assignment: RoleAssignment) -> None:
    require(ended_by, "accounts.manage_roles")
    assignment.ends_at = timezone.now()
    attribute_to(assignment, ended_by)
    assignment.save(update_fields=["ends_at"])
    forget_roles(assignment.user)
