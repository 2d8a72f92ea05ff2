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

import threading
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client


CLICKS = 20


@dataclass
class Answers:
    """What the N requests were answered: status codes, redirect targets and the messages shown."""

    statuses: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    messages: list = field(default_factory=list)  # one list of strings per request
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
        """How many requests showed a message containing ``text``."""
        return sum(any(text in message for message in shown) for shown in self.messages)


# A module of races: ``pytestmark = RACES``. Committed transactions, PostgreSQL (skipped, or
# failed in CI, elsewhere), and the threads' connections closed afterwards.
RACES = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgresql_only")]


def double_click(url, *, user, read=None, data=None, clicks=CLICKS, headers=None):
    """POST ``url`` ``clicks`` times at once, each from its own logged-in client.

    ``read(client)``: what the browser read before clicking; returns the POST data (a dict) —
    for example the form's fields as rendered, with the version the user saw. Without it ``data``
    (default empty) is posted. Returns ``Answers``.
    """
    barrier = threading.Barrier(clicks)
    answers, lock, reading = Answers(), threading.Lock(), threading.Lock()

    def browser():
        try:
            client = Client(raise_request_exception=True)
            client.force_login(user)
            # One browser reads at a time: the test client collects the templates' contexts through
            # a global signal, so concurrent reads would see each other's forms.
            with reading:
                posted = read(client) if read else dict(data or {})
            barrier.wait(timeout=60)
            response = client.post(url, posted, headers=headers or {})
            shown = [str(message) for message in get_messages(response.wsgi_request)]
            with lock:
                answers.statuses.append(response.status_code)
                answers.locations.append(response.get("Location"))
                answers.messages.append(shown)
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
