"""Follow and unfollow (a button on followed pages), the follower's settings page, one-click unsubscribe."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from opengov.accounts.models import User
from opengov.core import followables as registry

from . import actions, mailer
from .models import Follow, Frequency


def _target(label: str, pk: int) -> models.Model:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    public = registry.followable_models().get(model)
    if public is None:
        raise Http404
    obj = public().filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return redirect(target)


@login_required
@require_POST
def toggle(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    obj = _target(label, pk)
    if request.POST.get("action") == "unfollow":
        actions.unfollow(request.user, obj)
        messages.success(request, _("You no longer follow %(item)s.") % {"item": obj})
    else:
        try:
            actions.follow(request.user, obj)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("You follow %(item)s. Choose how often you hear about it below.") % {"item": obj}
            )
    # Every followable model defines get_absolute_url (the follow panel sits on its page); Model does not declare it.
    return _back(request, obj.get_absolute_url())  # type: ignore[attr-defined]


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, initial_frequencies: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, kind in registry.kinds().items():
            self.fields[key] = forms.ChoiceField(
                label=kind.label, choices=Frequency.choices, initial=initial_frequencies.get(key)
            )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required: never the anonymous user here
    current = actions.frequencies_for(user)
    form = PreferencesForm(request.POST or None, initial_frequencies=current)
    if request.method == "POST" and form.is_valid():
        actions.set_preferences(user, form.cleaned_data)
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("following:index")
    follows = list(Follow.objects.filter(user=user).select_related("content_type"))
    # One query per followed model, not per follow.
    by_model: dict[type[models.Model], list[Follow]] = {}
    for f in follows:
        model = f.content_type.model_class()
        if model is not None:  # None: a model since removed; its follows have no item and are not listed
            by_model.setdefault(model, []).append(f)
    for model, rows in by_model.items():
        objects = model._default_manager.in_bulk([r.object_id for r in rows])
        for r in rows:
            r.item = objects.get(r.object_id)  # type: ignore[attr-defined]  # set on the row for the template only
    context = {"form": form, "follows": [f for f in follows if getattr(f, "item", None)], "nav": "account"}
    return render(request, "following/index.html", context, status=400 if form.errors else 200)


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058) without a session
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user_id = mailer.read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return render(request, "following/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        actions.unsubscribe_all(user)
        return render(request, "following/unsubscribe.html", {"done": True})
    return render(request, "following/unsubscribe.html", {"token": token})
