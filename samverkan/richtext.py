"""Markdown to safe HTML: one renderer for pages and PDFs.

Both conversions are pure functions of the text and cached (a plan's page shows the same texts on
every request, the editor hundreds of them): building a Markdown parser costs more than converting
a short text, so each thread keeps one of each kind and resets it between texts.
"""

import functools
import html
import re
import threading

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
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


HEADING = re.compile(r"<h([1-6])\b(.*?)</h\1>", re.DOTALL)
# Markdown is shown inside a page section whose heading is an h2: its own headings start at h3.
TOP_HEADING_LEVEL = 3


def _fit_headings(rendered):
    """Renumber the headings so that the highest starts at TOP_HEADING_LEVEL and none skips a
    level after the one before it (at most h6). Text that starts at "####", or jumps from "#" to
    "###", would otherwise leave a gap in the page's outline."""
    levels = [int(match[1]) for match in HEADING.finditer(rendered)]
    if not levels:
        return rendered
    shift = min(levels) - TOP_HEADING_LEVEL
    fitted, previous = [], TOP_HEADING_LEVEL - 1
    for level in levels:
        previous = min(level - shift, previous + 1, 6)
        fitted.append(previous)
    fitted = iter(fitted)

    def renumber(match):
        level = next(fitted)
        return f"<h{level}{match[2]}</h{level}>"

    return HEADING.sub(renumber, rendered)


_parsers = threading.local()
CACHED_TEXTS = 4096


def _convert(text, *extensions):
    """``markdown.markdown(text, extensions=…)`` with this thread's reusable parser."""
    parsers = _parsers.__dict__
    parser = parsers.get(extensions)
    if parser is None:
        parser = parsers[extensions] = markdown.Markdown(extensions=list(extensions))
    return parser.reset().convert(text)


@functools.lru_cache(maxsize=CACHED_TEXTS)
def render_markdown(text):
    """Render Markdown source with its headings fitted into the page, then keep only the
    allow-listed tags (links http(s)/mailto)."""
    rendered = _fit_headings(_convert(text or "", "tables", "sane_lists"))
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


@functools.lru_cache(maxsize=CACHED_TEXTS)
def markdown_to_text(text):
    """Markdown source reduced to its words, on one line: for attributes, accessible names, short
    table cells and generated labels, where markup cannot go (a link keeps its text, not its URL)."""
    words = nh3.clean(_convert(text or ""), tags=set())
    return " ".join(html.unescape(words).split())
