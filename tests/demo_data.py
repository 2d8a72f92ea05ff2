"""The whole demo for tests, loaded once per test process and copied back wherever it is needed.

``samverkan.demo.load_all`` takes many seconds on PostgreSQL; running it for every browser test,
every committed test and every module that reads the demo was most of the suite's time. Instead
the ``demo_snapshot`` fixture (tests/conftest.py) runs the real loaders once, committed, as
``make demo`` does, copies every table out with PostgreSQL's ``COPY … (FORMAT BINARY)`` together
with every sequence's position and the files the loaders stored, and empties the database
again. ``restore`` puts exactly that back: the same rows with the same keys, so a test sees the
database ``load_all`` left, whatever ran before it.

The tests of the loaders themselves (idempotent reruns, the command's output) still run them.
On SQLite (a developer machine) there is no snapshot and ``restore`` runs the loaders.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from tests.conftest import DEMO_DAY, FAST_HASHERS

# Django's record of applied migrations is not data: flush keeps it, and so does a restore.
KEPT_TABLES = {"django_migrations"}


@dataclass
class Snapshot:
    tables: list  # [(quoted table name, COPY BINARY bytes)]
    sequences: list  # [(qualified sequence name, last_value, is_called)]
    media: Path  # the files the loaders stored, relative to MEDIA_ROOT


def _tables(cursor):
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
    return [connection.ops.quote_name(name) for (name,) in cursor.fetchall() if name not in KEPT_TABLES]


def clear_caches():
    """The caches that outlive a transaction: content types (their keys change with a restore)
    and the configured caches (pages cached against the rows before)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()


def take(media):
    """Run the demo loaders (committed, Celery eager, files into ``media``), copy everything out,
    then empty the database as a committed test leaves it. None on SQLite."""
    from django.core.management import call_command
    from django.test import override_settings

    from samverkan.celery import app as celery_app
    from samverkan.demo import load_all

    if connection.vendor != "postgresql":
        return None
    from django.contrib.auth import get_user_model

    # Requested first by a test whose module already holds rows (or a transaction), the
    # snapshot would take them in and its flush would end them: a fixture-order mistake.
    assert not connection.in_atomic_block, "the demo snapshot is taken outside any transaction"
    assert not get_user_model().objects.exists(), "the demo snapshot is taken on an empty database"
    eager, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, True
    try:
        with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS):
            load_all(today=DEMO_DAY)
        tables = []
        with connection.cursor() as cursor:
            for table in _tables(cursor):
                with cursor.copy(f"COPY {table} TO STDOUT (FORMAT BINARY)") as copy:
                    tables.append((table, b"".join(bytes(block) for block in copy)))
            cursor.execute(
                "SELECT format('%I.%I', schemaname, sequencename), COALESCE(last_value, 1), "
                "last_value IS NOT NULL FROM pg_sequences WHERE schemaname = current_schema()"
            )
            sequences = cursor.fetchall()
    finally:
        celery_app.conf.task_always_eager = eager
        call_command("flush", interactive=False, verbosity=0)
        clear_caches()
    return Snapshot(tables, sequences, Path(media))


def restore(snapshot):
    """Replace the whole database's content by the demo: from the snapshot (one transaction,
    foreign keys checked at its end), or by running the loaders where there is none."""
    if snapshot is None:
        from samverkan.demo import load_all

        load_all(today=DEMO_DAY)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(table for table, _data in snapshot.tables)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, data in snapshot.tables:
            with cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(data)
        for sequence, value, called in snapshot.sequences:
            cursor.execute("SELECT setval(%s, %s, %s)", [sequence, value, called])
    clear_caches()
    if any(snapshot.media.iterdir()):
        shutil.copytree(snapshot.media, settings.MEDIA_ROOT, dirs_exist_ok=True)
