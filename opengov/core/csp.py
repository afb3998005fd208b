"""Content-Security-Policy exceptions that stay exact: a response that must carry its own <style> (a stored,
self-contained HTML report) allows those very blocks by their SHA-256 hashes, nothing else inline."""

from __future__ import annotations

import base64
import hashlib
import re

from django.http import HttpResponseBase

_STYLE = re.compile(rb"<style[^>]*>(.*?)</style>", re.S | re.I)


def allow_own_styles(response: HttpResponseBase, html: bytes) -> HttpResponseBase:
    """Add the hash of each <style> block of ``html`` to the response's style-src (django-csp reads
    ``_csp_update``)."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(block).digest()).decode() + "'" for block in _STYLE.findall(html)
    ]
    if hashes:
        response._csp_update = {"style-src": hashes}  # type: ignore[attr-defined]  # django-csp's own attribute
    return response
