"""Double clicks through the whole stack: N logged-in browsers post the same form at once.

``double_click`` gives each of N threads its own ``django.test.Client`` (and so its own database
connection and session), logged in as the user. Every thread first reads what a browser would
(``read(client)``: usually GETs the page and returns the form's fields, with the version the
user saw), waits at a barrier until all have read, then POSTs. The test then counts the effect
in the database (history rows, decisions, items …) and checks that every other request was
answered with a refusal or a redirect, never a 500.

PostgreSQL only: SQLite serialises writers and has no row locks, so a race there proves nothing.
Tests using it are marked ``django_db(transaction=True)`` (the threads must see committed rows).
"""

import html
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from tests.conftest import require

CLICKS = 20


@dataclass
class Answers:
    """What the N requests were answered: status codes, redirect targets and the messages shown."""

    statuses: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    messages: list = field(default_factory=list)  # one list of strings per request
    pages: list = field(default_factory=list)  # the HTML answered (empty for a redirect)
    errors: list = field(default_factory=list)  # exceptions raised in a thread (a 500 in production)

    @property
    def count(self):
        return Counter(self.statuses)

    def check(self, clicks=CLICKS, allowed=(200, 302)):
        """Every request answered, none with an error; returns self for chaining."""
        assert not self.errors, self.errors[0]
        assert len(self.statuses) == clicks, f"{clicks - len(self.statuses)} requests never answered"
        assert set(self.statuses) <= set(allowed), self.count
        return self

    def said(self, text):
        """How many requests showed ``text``: in a message after a redirect, or on the page."""
        return sum(
            any(text in message for message in shown) or text in page
            for shown, page in zip(self.messages, self.pages, strict=True)
        )


# A module of races: ``pytestmark = RACES``. Committed transactions, PostgreSQL (skipped, or
# failed in CI, elsewhere), and the threads' connections closed afterwards.
RACES = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgresql_only")]


@dataclass
class Scenario:
    """One action clicked at once: where, by whom, what the page said, and its effect."""

    url: str
    user: object
    effect: object  # () -> int: the effect counted in the database (history rows, items …)
    read: object = None  # (client) -> the POST data, read from the page as a browser would
    data: dict | None = None
    allowed: tuple = (200, 302)  # the answers a late click may get (404: it is gone)
    refusal: object = None  # () -> the message every click but the one that acted shows

    def fire(self, expected=1, **options):
        """Click ``CLICKS`` times at once; the effect grows by ``expected``. Returns ``Answers``."""
        before = self.effect()
        answers = double_click(self.url, user=self.user, read=self.read, data=self.data, **options)
        answers.check(allowed=self.allowed)
        assert self.effect() - before == expected, answers.count
        if self.refusal is not None and not options.get("tabs"):
            assert answers.said(str(self.refusal())) == CLICKS - 1, answers.messages
        return answers


def double_click(url, *, user, read=None, data=None, clicks=CLICKS, tabs=False, headers=None):
    """POST ``url`` ``clicks`` times at once, each from its own logged-in client.

    ``read(client)``: what the browser read before clicking; returns the POST data (a dict) —
    for example the form's fields as rendered, with the version the user saw. Without it ``data``
    (default empty) is posted. A double click sends one page: ``read`` runs once, in the first
    browser, and every click posts what it returned; ``tabs=True`` is the same form open in
    ``clicks`` tabs (each reads its own page, e.g. its own one-time key). A callable value is
    called for each click (a file to upload: each click sends its own copy). Returns ``Answers``.
    """
    barrier = threading.Barrier(clicks)
    answers, lock, reading, pages = Answers(), threading.Lock(), threading.Lock(), []

    def browser():
        try:
            client = Client(raise_request_exception=True)
            if user is not None:  # None: a visitor without a login
                client.force_login(user)
            # One browser reads at a time: the test client collects the templates' contexts through
            # a global signal, so concurrent reads would see each other's forms.
            with reading:
                if tabs or not pages:
                    pages.append(read(client) if read else dict(data or {}))
                posted = {name: value() if callable(value) else value for name, value in pages[-1].items()}
            barrier.wait(timeout=60)
            response = client.post(url, posted, headers=headers or {})
            shown = [str(message) for message in get_messages(response.wsgi_request)]
            with lock:
                answers.statuses.append(response.status_code)
                answers.locations.append(response.get("Location"))
                answers.messages.append(shown)
                answers.pages.append(html.unescape(response.content.decode()))
        except Exception as error:  # noqa: BLE001 - reported by Answers.check, with its traceback
            barrier.abort()
            with lock:
                answers.errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=browser) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return answers


def fire(call, threads=CLICKS):
    """Run ``call()`` from ``threads`` threads at once, each with its own database connection:
    a service raced below its view. Returns (results, refusal codes); a refusal is a
    ``ValidationError``, any other exception fails the test. PostgreSQL only (see above)."""
    require(connection.vendor == "postgresql", "needs PostgreSQL")
    barrier = threading.Barrier(threads)
    done, refused, errors, lock = [], [], [], threading.Lock()

    def run():
        try:
            barrier.wait(timeout=60)
            result = call()
            with lock:
                done.append(result)
        except ValidationError as error:
            with lock:
                refused.append(error.code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    runners = [threading.Thread(target=run) for _ in range(threads)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join(timeout=180)
    assert errors == []
    return done, refused


def form_fields(response, name="form"):
    """The fields of ``response.context[name]`` as a browser would post them, unchanged."""
    form = response.context[name]
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def hidden_fields(response, *names, action=None):
    """The hidden inputs of a page as rendered (``names``, or all), optionally only those of the
    first form posting to ``action``: what a browser sends without the user typing it."""
    page = response.content.decode()
    if action is not None:
        page = re.search(rf'action="{re.escape(action)}".*?</form>', page, re.S).group(0)
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        attributes = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        if attributes.get("type") == "hidden" and "name" in attributes and "value" in attributes:
            found.setdefault(attributes["name"], html.unescape(attributes["value"]))
    return {name: value for name, value in found.items() if not names or name in names}


def already_saved():
    """The answer to a create form sent again (``samverkan.concurrency.AlreadySaved``), in Swedish."""
    from django.utils import translation

    from samverkan.concurrency import AlreadySaved

    with translation.override("sv"):
        return str(AlreadySaved().messages[0])


def confirmation(url, **typed):
    """``read`` for an action confirmed first (``samverkan.confirm``): the browser opens the
    confirmation page and its Confirm button posts the version shown there and the action's own
    fields (an adoption's date), with ``typed`` changes."""

    def read(client):
        response = client.get(url)
        assert response.status_code == 200 and not response.context["confirmation"].refusal
        data = form_fields(response, "confirm_form")
        if response.context["form"] is not None:
            data |= form_fields(response)
        return data | typed

    return read
