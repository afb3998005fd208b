"""The signed-in user of a request, with its model's type, for the pages and endpoints only signed-in users reach.

The stubs type ``request.user`` as ``User | AnonymousUser`` whatever guards the view (login_required, editor_page,
IsAuthenticated, a rule that refuses the anonymous user); this is the one place that says which it is there."""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.request import Request

from .models import User


def signed_in_user(request: HttpRequest | Request) -> User:
    user = request.user
    assert isinstance(user, User), "reached without signing in: the view lacks its login check"
    return user
