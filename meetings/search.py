"""Full-text search over published minutes.

PostgreSQL: the stored, GIN-indexed ``swedish`` tsvector (title weight A, text weight B), a
prefix query per word (so "vårdövergångarna" and "vårdöver" both find "vårdövergång"), ranked;
headlines are computed only for the rows on the page shown. The cost stays bounded however many
minutes match a common word ("samverkan" is in nearly all of them): the GIN index finds the matches,
only the ``RANKED`` newest of them are ranked (ranking reads each match's whole tsvector), and the
page is cut before the headlines; narrowing by group or year reaches the older ones.

SQLite: the crude stem of every word (``fallback_stem``) must occur (``icontains``) in the title or
the text; newest first, snippets cut in Python.
"""

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Meeting

PAGE_SIZE = 20
RANKED = 400  # the newest matches that are ranked and paged through (20 pages)
# Control characters mark the hits in a headline, so that the text can be escaped safely.
START, STOP = "\x02", "\x03"
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Results:
    meetings: list
    total: int
    page: int
    pages: int
    ranked: int = 0  # of the ``total``, how many were ranked and can be paged to (PostgreSQL)

    @property
    def truncated(self):
        """More matches than were ranked: the page says so and suggests narrowing the search."""
        return self.ranked < self.total


# Common Swedish inflection endings, longest first, for the SQLite fallback.
ENDINGS = (
    "arnas",
    "ernas",
    "ornas",
    "arna",
    "erna",
    "orna",
    "ande",
    "ende",
    "ens",
    "ets",
    "ars",
    "ers",
    "ors",
    "an",
    "en",
    "et",
    "ar",
    "er",
    "or",
    "na",
    "as",
    "es",
    "a",
    "e",
    "s",
)


def search_texts(meeting, agenda):
    """(title text, body text) of a meeting's minutes, for the search index; ``agenda``: the items
    in order, each with its decision or None (the scale-data generator passes rows it has built)."""
    title = " ".join(
        [meeting.body.name, meeting.body.short_name, meeting.title, meeting.get_kind_display()]
        + [item.title for item, _ in agenda]
    )
    parts = []
    for item, decision in agenda:
        texts = [item.description, item.questions, item.minutes, item.dialogue]
        if decision is not None:
            texts += [decision.proposal, decision.text]
        # A decision often repeats its proposal or the minutes word for word: each text of an item
        # is indexed once, so it neither counts twice in the ranking nor fills a snippet twice.
        parts += dict.fromkeys(text.strip() for text in texts if text and text.strip())
    return " ".join(title.split()), "\n".join(parts)


def search_vector(title, document):
    """The stored tsvector of a meeting: the title weighted A, the text B, stemmed as Swedish."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(title, weight="A", config="swedish") + SearchVector(
        document, weight="B", config="swedish"
    )


def words_of(query):
    return WORD.findall(query or "")[:8]


def fallback_stem(word):
    """A crude Swedish stem (at least four letters kept): "vårdövergångarna" → "vårdövergång".

    Only for the SQLite fallback; PostgreSQL uses its Swedish Snowball stemmer.
    """
    lowered = word.lower()
    for ending in ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 4:
            return lowered[: -len(ending)]
    return lowered


def _snippet(text, marked):
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _fallback_snippet(document, words, width=110):
    lowered = document.lower()
    hits = [lowered.find(word.lower()) for word in words if lowered.find(word.lower()) >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width)
    text = (
        ("…" if start else "")
        + document[start : at + 2 * width]
        + ("…" if at + 2 * width < len(document) else "")
    )
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE) if words else None
    if pattern:
        text = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)
    return _snippet(" ".join(text.split()), True)


def full_text():
    """Whether the database has Swedish full-text search (PostgreSQL); else the fallback serves."""
    return connection.vendor == "postgresql"


def search(query, *, body_slug=None, year=None, page=1):
    """The published minutes matching ``query``, best first, with highlighted snippets."""
    words = words_of(query)
    if not words:
        return Results([], 0, 1, 0)
    narrowed = {}
    if body_slug:
        narrowed["body__slug"] = body_slug
    if year:
        narrowed["date__year"] = year
    meetings = Meeting.objects.published().select_related("body").filter(**narrowed)
    postgres = full_text()
    if postgres:
        from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

        tsquery = SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw", config="swedish")
        # Only published minutes have a vector (services.reindex runs when they are published or
        # corrected), so the GIN index alone finds the matches; the rows shown are read through
        # published() again. The planner prices a sequential scan low, not knowing that it reads
        # every minutes' whole vector (TOASTed): for a word in nearly every minutes the index is
        # several times faster, so the scan is ruled out for these two queries.
        matches = Meeting.objects.filter(search_vector=tsquery, **narrowed)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            total = matches.count()
            newest = list(matches.order_by("-date", "-start_time").values_list("pk", flat=True)[:RANKED])
        meetings = (
            meetings.filter(pk__in=newest)
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by("-rank", "-date")
        )
        ranked = min(total, RANKED)
    else:
        words = [fallback_stem(word) for word in words]
        for word in words:
            meetings = meetings.filter(Q(search_title__icontains=word) | Q(search_document__icontains=word))
        meetings = meetings.order_by("-date", "-start_time")
        total = ranked = meetings.count()
    pages = max(1, -(-ranked // PAGE_SIZE))
    page = min(max(1, page), pages)
    shown = list(
        meetings.defer("search_document", "search_vector")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    )
    if shown and postgres:
        headlines = dict(
            Meeting.objects.filter(pk__in=[m.pk for m in shown])
            .annotate(
                headline=SearchHeadline(
                    "search_document",
                    tsquery,
                    config="swedish",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=40,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "headline")
        )
        for meeting in shown:
            meeting.snippet = _snippet(headlines.get(meeting.pk, ""), True)
    elif shown:
        documents = dict(
            Meeting.objects.filter(pk__in=[m.pk for m in shown]).values_list("pk", "search_document")
        )
        for meeting in shown:
            meeting.snippet = _fallback_snippet(documents.get(meeting.pk, ""), words)
    return Results(shown, total, page, pages, ranked)
