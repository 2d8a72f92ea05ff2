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
from django.db import transaction
from django.db.models import DateTimeField
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from simple_history.signals import pre_create_historical_record

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
def stamped(when, user=None, bulk=()):
    """History rows written inside carry ``when`` (and ``user``), not the load time; so do the
    times of the rows themselves that the services set to now (submitted, recorded, approved…).

    Services stamp their changes with the time of the call; the demo writes years of history in
    one go, so it dates each change to the day it would have been made. Saved rows are stamped as
    their history row is written (no query); history written in bulk (``bulk_create_with_history``)
    is moved afterwards for the models named in ``bulk``. An inner block wins over an outer one.
    """
    if not isinstance(when, datetime.datetime):
        when = at(when)
    written = {}

    def stamp(sender, instance, history_instance, **kwargs):
        history_instance.history_date = when
        if user is not None:
            history_instance.history_user = user
        written.setdefault(type(instance), {})[instance.pk] = instance

    started = timezone.now()
    pre_create_historical_record.connect(stamp, weak=False, dispatch_uid=id(stamp))
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(dispatch_uid=id(stamp))
    now = (started, timezone.now())
    for model in bulk:
        rows = model.history.filter(history_date__range=now)
        written.setdefault(model, {}).update(dict.fromkeys(rows.values_list("id", flat=True)))
        rows.update(history_date=when, **({"history_user": user} if user is not None else {}))
    for model, instances in written.items():
        for field in _now_fields(model):
            model.objects.filter(pk__in=instances, **{f"{field}__range": now}).update(**{field: when})
            for instance in filter(None, instances.values()):  # a later save() must not undo it
                if getattr(instance, field) and now[0] <= getattr(instance, field) <= now[1]:
                    setattr(instance, field, when)


@cache
def _now_fields(model):
    return [f.name for f in model._meta.concrete_fields if isinstance(f, DateTimeField)]
