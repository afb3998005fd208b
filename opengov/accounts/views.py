"""Account pages: sign-up and confirmation, log-in and out, passwords, the dashboard and API tokens.

Views parse input and call accounts.actions; Django's own auth views do the password work with our forms
and templates.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from opengov.core import ratelimit

from . import actions
from .forms import (
    ChangePasswordForm,
    ConfirmForm,
    LoginForm,
    NewPasswordForm,
    ResendConfirmationForm,
    ResetRequestForm,
    SignUpForm,
)
from .signed_in import signed_in_user

# Sign-up, confirmation -------------------------------------------------------------------------

# The backend that checks passwords; confirmation logs in without a password, so it must be named.
PASSWORD_BACKEND = "opengov.accounts.backends.ThrottledModelBackend"
NEW_TOKEN_SESSION_KEY = "accounts:new-api-token"


def _over_limit(request: HttpRequest, form: Form, action: str) -> bool:
    """Count one ``action`` from the client's address; past its limit, say so on the form (nothing is done)."""
    try:
        ratelimit.hit(ratelimit.client_ip(request), action)
    except ratelimit.RateLimited as exc:
        form.add_error(None, str(exc))
        return True
    return False


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _over_limit(request, form, "signup"):
        data = form.cleaned_data
        actions.register(data["email"], data["password1"], data["display_name"])
        return redirect("accounts:signup-done")
    return render(request, "accounts/signup.html", {"form": form, "nav": "signup"})


def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html", {})


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    outcome, user = actions.confirm_from_link(uidb64, token)
    if outcome is actions.Confirmation.CONFIRMED:
        login(request, user, backend=PASSWORD_BACKEND)
        messages.success(request, _("Your e-mail address is confirmed. Welcome to the OpenGov Platform."))
        return redirect("accounts:dashboard")
    if outcome is actions.Confirmation.ALREADY_CONFIRMED:
        messages.info(request, _("Your e-mail address was already confirmed. Log in with your password."))
        return redirect("accounts:login")
    return render(request, "accounts/confirm_invalid.html", {"form": ResendConfirmationForm()}, status=400)


@require_http_methods(["GET", "POST"])
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ResendConfirmationForm(request.POST)
        if form.is_valid() and not _over_limit(request, form, "password-reset"):
            if actions.resend_confirmation(form.cleaned_data["email"]):
                return redirect("accounts:signup-done")
            form.add_error(
                "email",
                _("A link was sent to this address less than a minute ago. Wait a minute, then try again."),
            )
    else:
        form = ResendConfirmationForm(initial={"email": request.GET.get("email", "")})
    return render(request, "accounts/resend_confirmation.html", {"form": form})


# Log-in, log-out, passwords --------------------------------------------------------------------

login_view = auth_views.LoginView.as_view(
    authentication_form=LoginForm,
    template_name="registration/login.html",
    redirect_authenticated_user=True,
)


class LogoutView(auth_views.LogoutView):
    """POST only (Django refuses GET), so a link or an image cannot log anyone out."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response


# Django's default templates for these names come from the admin app, which is listed before ours,
# so our pages use their own names under accounts/.
class PasswordResetView(auth_views.PasswordResetView):
    """Reset e-mails are limited per address of the requester, so the form cannot flood anyone's inbox."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if _over_limit(self.request, form, "password-reset"):
            return self.form_invalid(form)
        return super().form_valid(form)


password_reset = PasswordResetView.as_view(
    form_class=ResetRequestForm,
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password-reset-done"),
    # The form queues the e-mail (accounts/tasks.py), whose link is built on SITE_URL, not on the Host header.
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=NewPasswordForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    form_class=ChangePasswordForm,
    template_name="accounts/password_change_form.html",
    success_url=reverse_lazy("accounts:password-change-done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")


# API tokens ------------------------------------------------------------------------------------

TOKEN_OPERATIONS = {
    "create": gettext_lazy("Your API token is ready. Copy the key now: it will not be shown again."),
    "regenerate": gettext_lazy("A new key replaces the old one, which no longer works. Copy it now."),
    "revoke": gettext_lazy("Your API token was revoked. Programs using it can no longer write."),
}


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    # Regenerating and revoking each need a ticked box; prefixes keep the two boxes' ids apart.
    confirm_forms = {op: ConfirmForm(prefix=op) for op in ("regenerate", "revoke")}
    if request.method == "POST":
        operation = request.POST.get("operation", "")
        if operation not in TOKEN_OPERATIONS:
            return HttpResponse(status=400)
        if operation in confirm_forms:
            confirm_forms[operation] = ConfirmForm(request.POST, prefix=operation)
        if operation == "create" or confirm_forms[operation].is_valid():
            response = _apply_token_operation(request, operation)
            if response is not None:
                return response
    context = {
        "nav": "account",
        "token": Token.objects.filter(user=signed_in_user(request)).first(),  # login_required
        # Shown once: popped from the session on the first page view after creating it.
        "new_key": request.session.pop(NEW_TOKEN_SESSION_KEY, None) if request.method == "GET" else None,
        "may_hold_token": request.user.has_perm("accounts.create_api_token"),
        "regenerate_form": confirm_forms["regenerate"],
        "revoke_form": confirm_forms["revoke"],
    }
    return render(request, "accounts/api_token.html", context, status=400 if request.method == "POST" else 200)


def _apply_token_operation(request: HttpRequest, operation: str) -> HttpResponse | None:
    """Run the action; redirect on success (so a reload never repeats it), None to show the page again."""
    try:
        if operation == "revoke":
            actions.revoke_api_token(request.user)
        else:
            token = actions.create_api_token(request.user, replace=operation == "regenerate")
            request.session[NEW_TOKEN_SESSION_KEY] = token.key
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(request, str(TOKEN_OPERATIONS[operation]))
    return HttpResponseRedirect(reverse_lazy("accounts:api-token"))
