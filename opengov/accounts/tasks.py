"""Account e-mails (confirmation link, "you already have an account", password reset), sent by a task.

Actions enqueue them after commit, like notifications: a slow or unreachable mail server never turns a
sign-up into a 500 (with the account already written), and a failed sending is the task's failure, which
the worker logs. The link is built when the task runs, so no token waits in the queue table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from .models import User


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def confirmation_link(user: User) -> str:
    token = default_token_generator.make_token(user)
    site_url: str = settings.SITE_URL
    return site_url + reverse("accounts:confirm-email", kwargs={"uidb64": _uid(user), "token": token})


def _confirm(user: User) -> tuple[str, str, dict[str, Any]]:
    subject = _("Confirm your e-mail address for the OpenGov Platform")
    return subject, "accounts/email/confirm_email.txt", {"user": user, "link": confirmation_link(user)}


def _already_registered(user: User) -> tuple[str, str, dict[str, Any]]:
    context = {
        "user": user,
        "site_url": settings.SITE_URL,
        "reset_link": settings.SITE_URL + reverse("accounts:password-reset"),
    }
    return _("You already have an OpenGov Platform account"), "accounts/email/already_registered.txt", context


def _password_reset(user: User) -> tuple[str, str, dict[str, Any]]:
    # Links are built on SITE_URL, not on the request's Host header, which a sender could forge.
    context = {
        "user": user,
        "site_url": settings.SITE_URL,
        "uid": _uid(user),
        "token": default_token_generator.make_token(user),
    }
    subject = "".join(render_to_string("accounts/email/password_reset_subject.txt", context).splitlines())
    return subject, "accounts/email/password_reset.txt", context


MAILS: dict[str, Callable[[User], tuple[str, str, dict[str, Any]]]] = {
    "confirm": _confirm,
    "already-registered": _already_registered,
    "password-reset": _password_reset,
}


@task()
def send_account_email(kind: str, user_id: int, language: str) -> bool:
    """Send one account e-mail in the language the user had when they asked. False: no such user any more."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return False
    with translation.override(language):
        subject, template, context = MAILS[kind](user)
        send_mail(subject, render_to_string(template, context), None, [user.email])
    return True


def queue_account_email(kind: str, user: User) -> None:
    """Enqueue ``kind`` for ``user`` once the current transaction commits (at once outside one)."""
    if kind not in MAILS:
        raise ValueError(kind)
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: send_account_email.enqueue(kind, user.pk, language))
