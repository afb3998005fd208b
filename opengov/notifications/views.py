from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opengov.core.queries import parse_id

from . import actions


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required; narrows User | AnonymousUser (accounts is beside us, not below)
    page = Paginator(user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "nav": "notifications"})


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    ids = request.POST.getlist("id")
    actions.mark_read(request.user, [i for i in map(parse_id, ids) if i is not None] if ids else None)
    return redirect("notifications:inbox")
