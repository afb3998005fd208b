from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import actions


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "nav": "notifications"})


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    ids = request.POST.getlist("id")
    actions.mark_read(request.user, [int(i) for i in ids if i.isdigit()] if ids else None)
    return redirect("notifications:inbox")
