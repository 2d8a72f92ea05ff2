from django import template
from django.utils.safestring import mark_safe

from samverkan.richtext import markdown_to_text, render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has cleaned it


@register.filter
def plain(text):
    """Markdown reduced to its text (autoescaped as usual): for attributes, names and short cells."""
    return markdown_to_text(text)
