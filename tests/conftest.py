"""Shared test set-up: a small structure with a named person in every role."""

import datetime
import io
import os
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from governance.models import Body, BodyKind, Membership, Organisation, Person
from governance.permissions import sync_user_permissions
from samverkan.celery import app as celery_app

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
# Logins in tests need no strong hashing: Django's default costs about 0.3 s per password.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Parallel test processes (pytest-xdist) share one Redis: each sends to and consumes its own
# queue, so a real worker never runs a task against another process's test database.
if "PYTEST_XDIST_WORKER" in os.environ:
    celery_app.conf.task_default_queue = f"tests-{os.environ['PYTEST_XDIST_WORKER']}"
    # ... and keeps its own cached pages when the cache is a shared Redis (CACHE_URL).
    settings.CACHES["default"]["KEY_PREFIX"] = f"tests-{os.environ['PYTEST_XDIST_WORKER']}"


def require(condition, reason):
    """Skip when a service is missing on a developer machine; fail in CI (REQUIRE_SERVICES=1)."""
    if condition:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"Required service missing: {reason}")
    pytest.skip(reason)


def close_other_connections():
    """End connections that other threads (a Celery worker, the live server) left on the test database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, dropped cleanly at the end: PostgreSQL refuses to drop a
    database that another session still uses, so connections left by other threads end first."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        connection.close()  # a fresh one: a test may have ended this process's own session too
        close_other_connections()


@pytest.fixture(scope="session", autouse=True)
def flush_by_delete():
    """A committed test (``transaction=True``, a live server, a real worker) ends with Django's
    flush, which on PostgreSQL is one ``TRUNCATE`` of every table: about a second for ~76 tables
    (new files for each table and index), whatever they hold. ``DELETE FROM`` each table, in one
    transaction, empties the few rows a test leaves in milliseconds. Every foreign key Django
    creates is ``DEFERRABLE INITIALLY DEFERRED``, so the order does not matter, and neither form
    resets the sequences (a flush that must, or must cascade, keeps ``TRUNCATE``).

    The content types and permissions stay: the flush's ``post_migrate`` signal would create
    the same rows again (a quarter of a second), and no test writes them."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush
    recreated_by_post_migrate = {"django_content_type", "auth_permission"}

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        delete = f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')}"
        emptied = [table for table in tables if table not in recreated_by_post_migrate]
        return [f"{delete} {style.SQL_FIELD(self.quote_name(table))};" for table in emptied]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture
def postgresql_only():
    """For races (``tests.concurrency.RACES``): PostgreSQL, and no connection left behind."""
    from django.db import connection

    require(connection.vendor == "postgresql", "concurrency tests need PostgreSQL")
    yield
    close_other_connections()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def fresh_page_cache(settings):
    """Public pages are rendered for every request, unless a test turns the page cache on (a test's
    own transaction never commits, so nothing would make a stored page stale within it: see
    tests/platform/test_public_page_cache.py, whose changes commit). Each test starts with a new
    generation, so no page stored by an earlier test (whose database was rolled back) is served."""
    from samverkan.pagecache import new_generation

    settings.PAGE_CACHE_SECONDS = 0
    new_generation()  # not cache.clear(): a shared Redis may hold a Celery broker's queues


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Files a test stores (attachments, built PDFs) go to its own directory, not ./media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def pdf_renders(monkeypatch):
    """WeasyPrint renders of public and draft PDFs so far: one entry per render, from any thread."""
    from samverkan import pdf

    done = []
    real = pdf.render_pdf

    def counted(html):
        done.append(html)
        return real(html)

    monkeypatch.setattr(pdf, "render_pdf", counted)
    return done


# The day the shared demo is loaded as (the demo follows the calendar): a fixed day keeps the
# tests' expectations true whenever they run; tests/platform/test_demo_calendar.py tries others.
DEMO_DAY = datetime.date(2026, 2, 10)


@contextmanager
def module_transaction(django_db_blocker):
    """For a module-scoped fixture: the rows it writes are seen by the module's tests (each in its
    own savepoint, as usual) and rolled back after the last one. Passwords hash fast, as in every
    test (the function-scoped ``fast_password_hashing`` is not active yet)."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo as ``samverkan.demo.load_all`` makes it, loaded once per test process
    (``tests/demo_data.py``); ``demo_data.restore(demo_snapshot)`` puts it in the database."""
    from tests import demo_data

    with django_db_blocker.unblock():
        return demo_data.take(tmp_path_factory.mktemp("demo-media"))


@pytest.fixture(scope="module")
def demo_db(demo_snapshot, django_db_blocker):
    """The whole demo, committed for a module and flushed after it."""
    from tests import demo_data

    with django_db_blocker.unblock():
        demo_data.restore(demo_snapshot)
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo_users(demo_snapshot, db, django_user_model):
    """The whole demo in this test's database: committed in a committed test
    (``transaction=True``, a live server), else inside the test's transaction. {username: user}."""
    from tests import demo_data

    demo_data.restore(demo_snapshot)
    yield {user.username: user for user in django_user_model.objects.all()}
    demo_data.clear_caches()  # they know the demo's rows, which the test's end removes


def stored_pdfs(folder):
    """The names of the public PDFs stored in ``pdf/<folder>``."""
    from django.core.files.storage import default_storage

    return default_storage.listdir(f"pdf/{folder}")[1] if default_storage.exists(f"pdf/{folder}") else []


def pdf_text(body):
    """The text of a PDF, read back by pypdf."""
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def struct_types(body):
    """How often each structure type (/Document, /H1, /Table, /TD, …) occurs in a PDF's tag tree
    (read with pikepdf); empty for an untagged PDF."""
    from collections import Counter

    import pikepdf

    found = Counter()

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found[str(node.S)] += 1
            if "/K" in node:
                walk(node.K)

    with pikepdf.open(io.BytesIO(body)) as pdf:
        if "/StructTreeRoot" in pdf.Root:
            walk(pdf.Root.StructTreeRoot.K)
    return found


def concurrent_gets(url, count):
    """``count`` anonymous GETs of ``url`` released at once from their own threads (and database
    connections): [(status, ETag, body)]."""
    import threading

    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(count)
    answers = []

    def visitor():
        try:
            barrier.wait(timeout=30)
            response = Client().get(url)
            answers.append((response.status_code, response.get("ETag"), response.getvalue()))
        finally:
            connection.close()

    threads = [threading.Thread(target=visitor) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Tasks run in-process unless a test asks for the real worker."""
    if "real_celery_worker" in request.fixturenames:
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


class Structure:
    """A tiny sub-region: LGS with a theme group and a NOSAM, people in every role."""

    ROLES = list(Membership.Role)

    def __init__(self):
        self.region = Organisation.objects.create(name="Region Test", slug="region-test", kind="region")
        self.town = Organisation.objects.create(
            name="Testby kommun", slug="testby-kommun", kind="municipality"
        )
        self.council_kind = BodyKind.objects.create(
            name="Ledningsgrupp", name_plural="Ledningsgrupper", order=1
        )
        self.theme_kind = BodyKind.objects.create(
            name="Temagrupp", name_plural="Temagrupper", order=2, chair_term_months=18
        )
        self.local_kind = BodyKind.objects.create(name="NOSAM", name_plural="NOSAM", order=3)
        self.lgs = Body.objects.create(
            name="Ledningsgrupp för samverkan", short_name="LGS", slug="lgs", kind=self.council_kind
        )
        self.theme = Body.objects.create(
            name="Temagrupp Äldre",
            short_name="TG Äldre",
            slug="tg-aldre",
            kind=self.theme_kind,
            parent=self.lgs,
            plans_adopted_by=self.lgs,
        )
        self.nosam = Body.objects.create(
            name="NOSAM Testby", slug="nosam-testby", kind=self.local_kind, parent=self.lgs
        )
        self.start = datetime.date(2024, 1, 1)
        self.people = {}
        for role in self.ROLES:
            self.people[role] = self.seat(self.nosam, role, username=role.value)
        self.outsider = self.user("outsider")

    def user(self, username):
        return get_user_model().objects.create_user(
            username,
            f"{username}@example.se",
            "pw-Samverkan-1",
            first_name=username.title(),
            last_name="Testsson",
        )

    def seat(self, body, role, username, start=None, end=None):
        user = self.user(username)
        person = Person.objects.create(
            first_name=username.title(),
            last_name="Testsson",
            organisation=self.town,
            user=user,
            email=f"{username}@example.se",
            title="Enhetschef",
        )
        Membership.objects.create(
            body=body, person=person, role=role, start_date=start or self.start, end_date=end
        )
        sync_user_permissions(user)
        return user


@pytest.fixture
def structure(db):
    return Structure()
