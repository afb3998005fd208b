"""Forms of the account pages. Every input says what it is for (autocomplete) so browsers and password
managers fill the right thing; templates render fields with Django's accessible field groups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from opengov.core.ratelimit import RateLimited

from . import throttle
from .actions import unconfirmed_user_with_password
from .models import User
from .tasks import queue_account_email


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to this address to confirm it. It is never shown to others."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(
        label=_("Public name"),
        max_length=150,
        help_text=_("Shown beside what you write on the platform, for example your name or initials."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Type the same password, to be sure there is no typing mistake."),
    )

    def clean_email(self) -> str:
        # Deliberately no "already registered" error: that would tell anyone which addresses have accounts.
        email: str = self.cleaned_data["email"]
        return email.strip().lower()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            # Validate against an unsaved user so the similarity check sees the e-mail and public name.
            candidate = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailField(forms.EmailField):
    """The e-mail input of the log-in and reset forms."""

    widget = forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})


class LoginForm(AuthenticationForm):
    """Log in with the e-mail address; an account that was never confirmed is told so (only when the
    password is right, so the message reveals nothing to someone guessing addresses)."""

    username = EmailField(label=_("E-mail address"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is not right. Both are case-sensitive."),
    }

    def clean(self) -> dict[str, Any]:
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if self.request is not None:
            # Before any password check: a locked guesser must learn nothing, not even "unconfirmed".
            try:
                throttle.check_login_allowed(self.request, email or "")
            except RateLimited as exc:
                minutes = exc.minutes
                raise forms.ValidationError(
                    ngettext(
                        "Too many failed log-ins from your connection. Try again in %(minutes)s minute, "
                        "or reset your password.",
                        "Too many failed log-ins from your connection. Try again in %(minutes)s minutes, "
                        "or reset your password.",
                        minutes,
                    )
                    % {"minutes": minutes},
                    code="throttled",
                ) from None
        try:
            return super().clean()
        except forms.ValidationError:
            if email and password and unconfirmed_user_with_password(email, password) is not None:
                raise forms.ValidationError(
                    format_html(
                        '{} <a href="{}">{}</a>',
                        _("You have not confirmed your e-mail address yet: follow the link we sent you."),
                        reverse("accounts:resend-confirmation") + "?" + urlencode({"email": email}),
                        _("Send the link again"),
                    ),
                    code="unconfirmed",
                ) from None
            raise


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ResetRequestForm(PasswordResetForm):
    email = EmailField(label=_("E-mail address"), max_length=254)

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        """Queued like every account e-mail (accounts/tasks.py), so a mail server that is down is no 500."""
        context = kwargs.get("context") or args[2]
        queue_account_email("password-reset", context["user"])


if TYPE_CHECKING:
    _SetPasswordForm = SetPasswordForm[User]
else:
    _SetPasswordForm = SetPasswordForm  # generic in django-stubs only, not at run time


class NewPasswordForm(_SetPasswordForm):
    """Django's SetPasswordForm with our labels (it already validates against the password validators)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class ConfirmForm(forms.Form):
    """A required tick box before an action that cannot be undone (regenerating or revoking a token)."""

    confirm = forms.BooleanField(
        label=_("I understand that the current key stops working at once."),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )
