"""Public pages of members: the directory and one page per member."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .filters import MemberDirectoryFilter
from .models import Member

PAGE_SIZE = 50


def directory(request: HttpRequest) -> HttpResponse:
    members = MemberDirectoryFilter(request.GET, queryset=Member.objects.for_directory().order_by("name"))
    page = Paginator(members.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "members/directory.html", {"filter": members, "page": page, "nav": "members"})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(Member.objects.for_public_page(), slug=slug)
    return render(request, "members/detail.html", {"member": member, "nav": "members"})
