"""What every editing page shares: sign-in with a readable refusal page, and an action's errors put on the form."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

# Any response: a page, a redirect, or a file (FileResponse is not an HttpResponse).
_R = TypeVar("_R", bound=HttpResponseBase)


def editor_page(view: Callable[..., _R]) -> Callable[..., _R | HttpResponse]:
    """Sign-in required; a refusal renders a page that says why and where to go instead of a bare 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> _R | HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return render(request, "plans/edit/403.html", {"reason": str(exc)}, status=403)

    return login_required(wrapped)


def add_action_errors(form: BaseForm, error: ValidationError) -> None:
    """Put an action's ValidationError on the form: next to the field when the form has it, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
