"""Whole public pages and public API lists served from the shared cache to anonymous visitors, always current.

A response is stored only when nothing in it can belong to one visitor: an anonymous GET or HEAD (no session, no
API token, no flash message waiting), a 200 that sets no cookie, did not use the CSRF token, is not streamed and
is not marked private. Drafts and hidden items are never shown to anonymous visitors, so they never get in.

Each entry keeps the generations of the tables the page read (core/freshness.py), taken before it was built; it
is served while none moved, so after any write the next request of every page that read the written table is
built again. Entries also expire after ``PAGE_CACHE_SECONDS`` (pages that depend on the date: "open now").

The key is the path with its query string, the language, whether htmx asked for a fragment, and (for the API)
the Accept header. Each entry carries an ETag of its body, so a repeated request answers 304 Not Modified.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_response_headers
from django.utils.translation import get_language

from opengov.core import freshness

KEY_PREFIX = "pagecache:"
# Cookies an anonymous page may arrive with and still be shared: none of them changes what the page shows
# (the language is part of the key).
SHAREABLE_COOKIES = frozenset({"csrftoken", "django_language", "og_primary"})
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary", "Allow", "Link")


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_ENABLED", True))


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def excluded_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PREFIXES", ()))


def shareable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    if set(request.COOKIES) - SHAREABLE_COOKIES:
        return False  # a session (signed in, or a flash message waiting) or anything else we do not know
    return not request.path.startswith(excluded_prefixes())


def shareable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds this visitor's CSRF token
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


def page_key(request: HttpRequest) -> str:
    parts = [
        request.get_full_path(),
        get_language() or "",
        "htmx" if request.headers.get("HX-Request") else "",
        request.headers.get("Accept", "") if request.path.startswith("/api/") else "",
    ]
    return KEY_PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class PageCacheMiddleware:
    """See the module docstring. Placed after the locale, authentication and message middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not enabled() or not shareable_request(request):
            return self.get_response(request)
        key = page_key(request)
        entry = cache.get(key)
        if entry is not None and freshness.is_fresh(entry["generations"]):
            return self.answer(request, entry, hit=True)
        before = freshness.generations(freshness.all_tables())
        with freshness.recording() as read:
            response = self.get_response(request)
        if not shareable_response(request, response):
            return response
        assert isinstance(response, HttpResponse)  # not streaming: checked above
        entry = {
            "content": response.content,
            "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
            "etag": '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"',
            "generations": {table: before.get(table) for table in read},
        }
        cache.set(key, entry, timeout())
        return self.answer(request, entry, hit=False)

    def answer(self, request: HttpRequest, entry: dict[str, Any], *, hit: bool) -> HttpResponseBase:
        conditional = get_conditional_response(request, etag=entry["etag"])
        if conditional is not None:
            conditional["ETag"] = entry["etag"]
            return conditional
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["ETag"] = entry["etag"]
        response["X-Page-Cache"] = "hit" if hit else "miss"
        # Browsers and proxies must come back to ask (cheap: a 304); only this cache holds the page.
        patch_response_headers(response, cache_timeout=0)
        return response
