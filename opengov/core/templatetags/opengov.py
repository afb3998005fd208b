from django import template
from django.utils.safestring import SafeString

from opengov.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Render user Markdown as sanitised HTML."""
    return render_markdown(text)
