"""User text: Markdown rendered to HTML, then sanitised with nh3. The only way user text becomes HTML."""

from __future__ import annotations

import threading
from functools import lru_cache

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


# Building a Markdown parser loads its extensions (about a millisecond); keep one per thread and reset it.
_local = threading.local()


def _parser() -> md.Markdown:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = md.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    return parser.reset()


def render_markdown(text: str | None) -> SafeString:
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    return _render(text)


@lru_cache(maxsize=1024)
def _render(text: str) -> SafeString:
    """Texts are read far more often than they change (a commitment page renders several): keep recent
    results, keyed by the text itself, so a changed text is simply a new key."""
    html = _parser().convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
