"""Markdown to safe HTML: one renderer for pages and PDFs."""

import html

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


def render_markdown(text):
    """Render Markdown source, then keep only the allow-listed tags (links http(s)/mailto)."""
    return nh3.clean(
        markdown.markdown(text or "", extensions=["tables", "sane_lists"]),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def markdown_to_text(text):
    """Markdown source reduced to its words, on one line: for attributes, accessible names, short
    table cells and generated labels, where markup cannot go (a link keeps its text, not its URL)."""
    words = nh3.clean(markdown.markdown(text or ""), tags=set())
    return " ".join(html.unescape(words).split())
