"""Demo data of every app, loaded in the order of ``settings.DEMO_LOADERS``.

The data lives in TOML files under the top-level ``demo/`` folder, one per kind; each app's
small loader reads its file. Dates that must follow the calendar are written relative to the
day the demo is loaded (``months_ago``, ``years_ago``…), so the demo looks alive on any date and
a reload on a later date moves it forward. Every loader is idempotent: rows are found by their
natural keys, so a reload adds what the calendar now calls for and leaves what a visitor added.
"""

import contextlib
import datetime
import random
import re
import tomllib
import zlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from .outbox import mail_silenced
from .schedules import sync_beat_schedule

DATA = Path(settings.BASE_DIR) / "demo"


@transaction.atomic
def load_all(stdout=None, today=None, reset=False):
    """Run every app's idempotent demo loader for ``today``; returns the demo logins (dicts).

    ``reset`` first empties the database (``manage.py load_demo --reset``), so the demo starts over.
    """
    if reset:
        _flush()
    today = today or timezone.localdate()
    logins = []
    # The services name what they add in the site's language (agenda items, history reasons).
    with mail_silenced(), translation.override(settings.LANGUAGE_CODE):
        for path in settings.DEMO_LOADERS:
            logins += import_string(path)(stdout=stdout, today=today) or []
    sync_beat_schedule()  # no beat runs in the embedded mode: show the schedule in the admin anyway
    return logins


def _flush():
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


@cache
def data(kind):
    """The parsed ``demo/<kind>.toml``."""
    with (DATA / f"{kind}.toml").open("rb") as file:
        return tomllib.load(file)


def add_months(day, months):
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def relative(today, spec):
    """A date written relative to ``today`` in the data: ``months_ago``, ``days_ago``, ``days_ahead``."""
    day = add_months(today, -spec.get("months_ago", 0))
    return (
        day
        - datetime.timedelta(days=spec.get("days_ago", 0))
        + datetime.timedelta(days=spec.get("days_ahead", 0))
    )


def nth_weekday(year, month, week, weekday):
    """The ``week``-th ``weekday`` (0 = Monday) of a month."""
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))


def at(day, clock="10:00"):
    """An aware datetime on ``day`` at ``clock`` (local time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(clock)))


def rng(*key):
    """A random generator seeded by ``key``: the same demo text on every load."""
    return random.Random(zlib.crc32("|".join(map(str, key)).encode()))


@cache
def seed_sentences():
    """Sentences of the real annual report (seed 000) that are plain prose, for composed minutes."""
    text = (DATA / "arsrapport_2024.md").read_text(encoding="utf-8")
    sentences = []
    for line in text.splitlines():
        if line.startswith(("#", "|", "[", "-", "*")) or len(line) < 60:
            continue
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", line) if 60 <= len(s) <= 260 and s[0].isupper()]
    return tuple(sentences)


def compose(*key, sentences=3, topic=None):
    """Deterministic minutes-like text for ``key``: domain phrases and sentences of the seeds."""
    texts = data("texts")
    random_ = rng(*key)
    topic = topic or random_.choice(texts["topics"])
    parts = [random_.choice(texts["openings"]).format(topic=topic)]
    pool = [s for s in seed_sentences() if topic.split()[0].lower() in s.lower()] or list(seed_sentences())
    for _ in range(sentences - 1):
        if random_.random() < 0.5:
            parts.append(random_.choice(pool))
        else:
            parts.append(
                random_.choice(texts["phrases"]).format(
                    topic=topic, other=random_.choice(texts["topics"]), area=random_.choice(texts["areas"])
                )
            )
    return " ".join(dict.fromkeys(parts))


@contextlib.contextmanager
def stamped(models, when, user=None):
    """History rows of ``models`` written inside carry ``when`` (and ``user``), not the load time;
    so do the rows' own times that the services set to now (submitted, recorded, approved…).

    Services stamp their changes with the time of the call; the demo writes years of history in
    one go, so it moves what it wrote to the day the change would have been made. Wrap a whole
    batch (a meeting, a report), not each call: the rewrite costs a few queries per model.
    """
    started = timezone.now()
    before = {model: _top(_history_model(model)) for model in models}
    yield
    if not isinstance(when, datetime.datetime):
        when = at(when)
    values = {"history_date": when} | ({"history_user": user} if user is not None else {})
    for model, top in before.items():
        history = _history_model(model).objects.filter(history_id__gt=top)
        if not history.update(**values):
            continue
        rows = model.objects.filter(pk__in=history.values("id"))
        for field in _now_fields(model):
            rows.filter(**{f"{field}__gte": started}).update(**{field: when})


@cache
def _now_fields(model):
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]


@cache
def _history_model(model):
    return model.history.model  # building simple-history's manager is costly: once per model


def _top(model):
    return model.objects.order_by("-history_id").values_list("history_id", flat=True).first() or 0
