from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Member


def directory(request: HttpRequest) -> HttpResponse:
    return render(request, "members/directory.html", {"members": Member.objects.for_directory()})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "members/detail.html", {"member": get_object_or_404(Member, slug=slug)})
