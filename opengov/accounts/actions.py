"""Writes to accounts: sign-up with e-mail confirmation, granting or ending roles, API tokens."""

from __future__ import annotations

import contextlib
import enum
import logging
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from opengov.core.permissions import attribute_to, require

from .models import ROLE_SCOPES, Role, RoleAssignment, User
from .predicates import forget_roles
from .tasks import queue_account_email

logger = logging.getLogger(__name__)


def sign_up(email: str, password: str, display_name: str = "") -> User:
    """Create an inactive account and e-mail a confirmation link; the account works once confirmed."""
    with transaction.atomic():
        user: User = User.objects.create_user(
            email=email, password=password, display_name=display_name, is_active=False
        )
        queue_account_email("confirm", user)
    return user


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
    """Give ``user`` a role for ``scope`` (a member, organisation, action plan or country code; None for platform
    roles)."""
    if granted_by is not None:
        require(granted_by, "accounts.manage_roles")
    field = ROLE_SCOPES[Role(role)].field
    kwargs: dict[str, Any] = {
        "user": user,
        "role": role,
        "member": None,
        "organisation": None,
        "action_plan": None,
        "country": "",
    }
    if field is None:
        if scope is not None:
            raise ValidationError(_("This role is platform-wide and takes no scope."))
    else:
        if scope is None:
            related = RoleAssignment._meta.get_field(field).related_model
            scope_name = related._meta.verbose_name if isinstance(related, type) else field
            raise ValidationError(_("This role needs a %(scope)s.") % {"scope": scope_name})
        kwargs[field] = str(scope) if field == "country" else scope
    existing = RoleAssignment.objects.current().filter(**kwargs).first()
    if existing:
        return existing
    assignment = RoleAssignment(**kwargs)
    attribute_to(assignment, granted_by)
    assignment.save()
    forget_roles(user)
    return assignment


@transaction.atomic
def end_role(ended_by: Any, assignment: RoleAssignment, reason: str = "", *, checked: bool = False) -> None:
    """End a role now, attributed to ``ended_by``. ``checked=True``: the caller already checked its own rule
    (IRM staff ending a researcher's plan-scoped role checked irm.assign_researcher)."""
    if not checked:
        require(ended_by, "accounts.manage_roles")
    if assignment.ends_at is not None:
        return
    assignment.ends_at = timezone.now()
    attribute_to(assignment, ended_by, reason=reason)
    assignment.save(update_fields=["ends_at"])
    forget_roles(assignment.user)


# --- Sign-up without leaking who has an account -------------------------------------------------

# One confirmation e-mail per address per minute: enough for a person who lost the first one, too slow
# to turn the form into a way of flooding someone's inbox.
CONFIRMATION_RESEND_SECONDS = 60


def _confirmation_throttle_key(email: str) -> str:
    return f"accounts:confirmation-sent:{email.strip().lower()}"


def claim_confirmation_slot(email: str) -> bool:
    """True when a confirmation e-mail may go to ``email`` now (and reserve the slot for a minute).

    Keyed on the address whether or not an account exists, so the "wait a minute" answer reveals nothing.
    ``cache.add`` is atomic on every backend we use, so two simultaneous requests cannot both win.
    """
    return cache.add(_confirmation_throttle_key(email), 1, CONFIRMATION_RESEND_SECONDS)


def register(email: str, password: str, display_name: str = "") -> None:
    """What the sign-up form calls. The answer is the same whether or not the address is taken:

    - new address: create the inactive account and send the confirmation link (sign_up);
    - address of an account never confirmed: take the new password and name, send a fresh link (the old
      links stop working because the token covers the password hash);
    - address of a confirmed account: tell its owner by e-mail, and point to password reset.
    """
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        claim_confirmation_slot(email)
        # The same address may sign up in a parallel request, which then sends the link.
        with contextlib.suppress(IntegrityError):
            sign_up(email=email, password=password, display_name=display_name)
        return
    if not claim_confirmation_slot(email):
        return
    if existing.email_confirmed_at is None and not existing.is_active:
        existing.set_password(password)
        existing.display_name = display_name
        existing.save(update_fields=["password", "display_name"])
        queue_account_email("confirm", existing)
    else:
        queue_account_email("already-registered", existing)


def resend_confirmation(email: str) -> bool:
    """Send a new link to an unconfirmed account. Returns False only when throttled; silent otherwise
    (an unknown or already confirmed address gets nothing, and the caller shows the same message)."""
    if not claim_confirmation_slot(email):
        return False
    user = User.objects.filter(email__iexact=email.strip(), email_confirmed_at__isnull=True, is_active=False).first()
    if user is not None:
        queue_account_email("confirm", user)
    return True


class Confirmation(enum.Enum):
    CONFIRMED = "confirmed"  # activated just now: log the person in
    ALREADY_CONFIRMED = "already_confirmed"  # an old link: never log in from it, ask for the password
    INVALID = "invalid"  # bad, tampered or expired link


def confirm_from_link(uidb64: str, token: str) -> tuple[Confirmation, User | None]:
    """Decode the link and activate the account it names.

    A link that was already used does not log anyone in: whoever can read an old e-mail must still know
    the password.
    """
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = User.objects.get(pk=pk)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist, ValidationError):
        return Confirmation.INVALID, None
    if user.email_confirmed_at is not None:
        return Confirmation.ALREADY_CONFIRMED, user
    if not confirm_email(user, token):
        return Confirmation.INVALID, None
    return Confirmation.CONFIRMED, user


def unconfirmed_user_with_password(email: str, password: str) -> User | None:
    """The never-confirmed account behind a failed log-in, if the password is right (so the log-in page
    can say "confirm your address" without telling strangers which addresses have accounts)."""
    user = User.objects.filter(email__iexact=email.strip(), email_confirmed_at__isnull=True, is_active=False).first()
    if user is not None and user.check_password(password):
        return user
    return None


# --- API tokens ---------------------------------------------------------------------------------


@transaction.atomic
def create_api_token(user: Any, *, replace: bool = False) -> Token:
    """Create the user's API token; with ``replace`` an existing one is revoked first (regenerate)."""
    if not user.has_perm("accounts.create_api_token"):
        raise PermissionDenied(_("Only people who hold a role on the platform can create an API token."))
    existing = Token.objects.filter(user=user).first()
    if existing is not None:
        if not replace:
            raise ValidationError(_("You already have a token. Regenerate it to get a new key."))
        existing.delete()
    token = Token.objects.create(user=user)
    logger.info("API token %s for user %s", "regenerated" if existing else "created", user.pk)
    return token


@transaction.atomic
def revoke_api_token(user: Any) -> bool:
    """Delete the user's token (a credential, not user content: nothing to keep). True if there was one."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    if deleted:
        logger.info("API token revoked for user %s", user.pk)
    return bool(deleted)
