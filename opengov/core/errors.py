"""Error pages: branded and translated for people, JSON for API clients (never an HTML page to a program).

Registered as Django's handler400/403/404/500 in opengov/urls.py. They answer for every URL, including those no
view matched (``/api/v1/consultations/0.5/``), which DRF's own JSON errors never see.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext_lazy

ERRORS = {
    400: (gettext_lazy("Bad request"), gettext_lazy("The request was malformed or incomplete.")),
    403: (
        gettext_lazy("You may not open this page"),
        gettext_lazy(
            "Your account does not have permission to see or do this. Log in with another account, or "
            "ask the Support Unit for the role you need."
        ),
    ),
    404: (
        gettext_lazy("Page not found"),
        gettext_lazy("There is no page at this address. It may have moved, or the link may be mistyped."),
    ),
    500: (
        gettext_lazy("Something went wrong on our side"),
        gettext_lazy("The error has been logged and nothing you did caused it. Please try again in a few minutes."),
    ),
}
API_DETAIL = {
    400: gettext_lazy("Malformed request."),
    403: gettext_lazy("You do not have permission to perform this action."),
    404: gettext_lazy("Not found."),
    500: gettext_lazy("Server error."),
}


def wants_json(request: HttpRequest) -> bool:
    """API paths, and clients that ask for JSON and not for HTML."""
    if request.path.startswith("/api/") and not request.path.startswith("/api/docs/"):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _render(request: HttpRequest, status: int) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"detail": str(API_DETAIL[status])}, status=status)
    title, explanation = ERRORS[status]
    # A plain context, not RequestContext: the 500 page must render even when the database (which context
    # processors read) is what failed.
    context = {"status": status, "title": title, "explanation": explanation, "request_path": request.path}
    return HttpResponse(loader.get_template("core/error.html").render(context), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _render(request, 500)
