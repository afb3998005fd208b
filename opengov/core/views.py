from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Load balancers poll this: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "detail": exc.__class__.__name__}, status=503)


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the SVG icon.
    The static URL is resolved per request (production's hashed names exist only after collectstatic), and the
    redirect is temporary because that hashed name changes with the file."""
    return HttpResponseRedirect(static("core/favicon.svg"))


@never_cache
def set_language(request: HttpRequest) -> HttpResponseRedirect:
    """The language menu, as a GET form: choosing a language changes nothing but the visitor's own cookie, so it
    needs no CSRF token, and pages that carry the menu hold nothing personal (they can be shared by the page cache).
    """
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    language = request.GET.get("language", "")
    if language and check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
