"""“Att göra”: what waits for a person across all their seats, derived from the lifecycles.

Nothing is stored: each ``Kind`` is one query over the current state of its model (a move's
source states from the model's ``Lifecycle``, the role-map permission the move needs, held
through the person's seats), so the list cannot drift from the records. The apps declare their
kinds in their ``todo.py`` and ``settings.TODO_KINDS`` lists them by dotted path, in the order
the page shows them (the kernel imports no app). The page runs one query per kind, and the
header's count one query in all (the kinds' queries as one ``UNION ALL``), whatever the number
of seats or rows. The personal calendar (``samverkan.personal_calendar``) shows the rows that
have a deadline.
"""

import datetime
from dataclasses import dataclass, replace
from functools import cache

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from samverkan import pagecache


@dataclass(frozen=True)
class Row:
    """One thing to do: what, where (``context``), the page that does it and by when.

    ``action``: the link's text, a verb phrase (“Ta ställning”); ``note``: a line under it
    (“Återsänt: …”); ``uid``: a stable name for the calendar (“stance-12”).
    """

    title: str
    context: str
    url: str
    action: str
    uid: str
    due: datetime.date | None = None
    note: str = ""
    overdue: bool = False  # set by ``Kind.rows``: the deadline has passed


@dataclass(frozen=True)
class Kind:
    """A kind of to-do. ``pending(user, today)``: the waiting objects, one queryset with whatever
    ``row`` reads already joined; ``row(obj, today)``: its ``Row``. ``due_label``: what the date
    means (“Möte”, “Klart senast”); ``in_calendar``: whether its deadlines go into the personal
    calendar (``samverkan.personal_calendar``)."""

    key: str
    heading: str
    pending: object
    row: object
    due_label: str = ""
    in_calendar: bool = False  # its deadlines go into the personal calendar

    def rows(self, user, today):
        rows = (self.row(obj, today) for obj in self.pending(user, today))
        return [replace(row, overdue=row.due is not None and row.due < today) for row in rows]


@cache
def kinds():
    return [import_string(path) for path in settings.TODO_KINDS]


def groups(user, today=None):
    """[(kind, rows)] of the kinds with something waiting for ``user``: one query per kind."""
    today = today or timezone.localdate()
    found = [(kind, kind.rows(user, today)) for kind in kinds()]
    return [(kind, rows) for kind, rows in found if rows]


def count(user, today=None):
    """How many rows the page would list, in one query (a ``UNION ALL`` of the kinds' queries)."""
    if not user.is_authenticated:
        return 0
    today = today or timezone.localdate()
    queries = [kind.pending(user, today).order_by().values_list("pk") for kind in kinds()]
    if not queries:
        return 0
    return queries[0].union(*queries[1:], all=True).count()


REQUEST_ATTRIBUTE = "_todo_count"


def request_count(request):
    """The header's count, once per request and only when a page shows it (never for visitors).

    Every logged-in page shows it, and its query is most of a small page's work: it is kept per
    person and day until the next committed change (``pagecache.per_generation``), so it is never
    behind a commit. The page itself ("Att göra") counts its own rows.
    """
    if not request.user.is_authenticated:
        return 0
    if not hasattr(request, REQUEST_ATTRIBUTE):
        user, today = request.user, timezone.localdate()
        key = f"member-pages:todo-count:{user.pk}:{today.isoformat()}"
        setattr(request, REQUEST_ATTRIBUTE, pagecache.per_generation(key, lambda: count(user, today)))
    return getattr(request, REQUEST_ATTRIBUTE)


def context(request):
    """Template context processor: ``todo_count``, a callable that the template calls only where
    it shows the count (the header of a logged-in page), so other pages run no query."""
    return {"todo_count": lambda: request_count(request)}
