"""Property-based input for the pages: arbitrary text, NUL bytes, bare CRs, huge and negative
numbers and impossible dates, in every field of a form or a URL. The property is always the same:
the portal answers with a page, a form error, a redirect or a 4xx, never a 500.

The test classes derive from ``hypothesis.extra.django.TestCase``: each example runs in its own
savepoint, rolled back afterwards, so examples do not see each other's writes and the data from
``setUpTestData`` is built once per class.
"""

from django import forms
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

PAYLOADS = [
    "\x00",
    "a\x00b",
    "\r",
    "Rubrik\rBEGIN:VEVENT",
    "\r\n\r\n",
    "=HYPERLINK(\"http://evil.example\")",
    "+1+1",
    "-1",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "//evil.example/",
    "0",
    "-0",
    str(2**31),
    str(2**63),
    str(10**30),
    "9" * 5000,
    "1e309",
    "NaN",
    "Infinity",
    "٣",
    "２０２４",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "2024-02-30",
    "-2024-01-01",
    "24:00",
    "23:59:60",
    "x" * 10_000,
    " ",
    "'; DROP TABLE meetings_meeting; --",
    "\ud7ff\ue000\U0010ffff",
]

# Any text (Hypothesis leaves out lone surrogates, which no browser can send), the payloads, and
# integers far outside every column's range.
FUZZ = st.one_of(
    st.text(max_size=120),
    st.sampled_from(PAYLOADS),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)

# Each test class posts its forms a few dozen times: enough to hit the payloads, fast enough to
# run with the suite. Requests take tens of milliseconds, so no per-example deadline.
FUZZ_SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class FuzzTestCase(TestCase):
    """Logins are made once per class (``log_in_once`` in ``setUpTestData``), not per example."""

    @classmethod
    def log_in_once(cls, *users):
        cls.sessions = {}
        for user in users:
            client = Client()
            client.force_login(user)
            cls.sessions[user.pk] = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    def log_in(self, user):
        self.client.cookies[django_settings.SESSION_COOKIE_NAME] = self.sessions[user.pk]


def plausible(field):
    """A value ``field`` would accept, so that fuzzing one field gets past the others."""
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _label in field.choices if str(value)]
        return values[0] if values else ""
    if isinstance(field, forms.DateField):
        return "2026-03-10"
    if isinstance(field, forms.TimeField):
        return "13:00"
    if isinstance(field, forms.EmailField):
        return "person@example.se"
    if isinstance(field, forms.IntegerField):
        return "1"
    return "Text"


def baseline(form):
    """The POST data of ``form`` as a browser would send it: its values, else plausible ones."""
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if value in (None, "", []):
            value = plausible(field)
        if isinstance(value, list | tuple):
            value = [str(v) for v in value]
        elif isinstance(field, forms.BooleanField) and value is True:
            value = "on"
        elif isinstance(field, forms.BooleanField) and value is False:
            continue
        data[form.add_prefix(name)] = value if isinstance(value, list) else str(value)
    return data


def fuzzed(data):
    """A strategy for ``data`` with arbitrary input in it: in one field (so that the rest is
    valid and the odd value reaches the service behind the form), or in any of them."""
    if not data:
        return st.just(data)
    one = st.tuples(st.sampled_from(sorted(data)), FUZZ).map(lambda pair: {**data, pair[0]: pair[1]})
    any_ = st.fixed_dictionaries({key: st.one_of(st.just(value), FUZZ) for key, value in data.items()})
    return st.one_of(one, any_)


def assert_answered(response):
    assert response.status_code < 500, response.status_code
