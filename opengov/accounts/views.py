from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/dashboard.html", {})


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    raise NotImplementedError
