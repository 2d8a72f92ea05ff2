"""The permission matrix: every named view × every actor × the object states it depends on, GET
and POST, against the expected answer in ``matrix.SPEC``, with a database fingerprint proving that
a refused POST changed nothing and an allowed one changed something.

The views come from the URL configuration (``get_resolver`` walked through its includes), so a
new view, or a new route of an existing name, without an entry in the spec fails
``test_every_view_has_an_entry``. One test per URL name; its failures are collected and reported
together as ``name × actor × state: expected …, got …``.

Every case runs in a savepoint that is rolled back, on a world built once for the module (see
``matrix_world``), so cases are independent and all start from the same fingerprint.
"""

import hashlib

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import FAST_HASHERS

from .matrix import CHANGED, EXCLUDED_PREFIXES, KEPT, LOGIN, REDIRECT, SPEC, outcomes
from .matrix_world import ACTORS, World

FINGERPRINTED_APPS = ("governance", "actionplans", "meetings", "reports", "samverkan", "auth", "guardian")
UNFINGERPRINTED_COLUMNS = {"last_login"}  # a login, not a change of anybody's rights or data
SIZE = {"views": 0, "cases": 0, "GET": 0, "POST": 0, "states": set()}


# --- The URL configuration -----------------------------------------------------------------------


def named_routes(resolver=None, namespace="", prefix=""):
    """[(qualified name, route text)] of every named pattern, through all includes."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += named_routes(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((namespace + entry.name, prefix + str(entry.pattern)))
    return found


# --- The database fingerprint ------------------------------------------------------------------


def _tables():
    tables = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in FINGERPRINTED_APPS or not model._meta.managed:
            continue
        columns = [
            f.column for f in model._meta.local_concrete_fields if f.column not in UNFINGERPRINTED_COLUMNS
        ]
        tables.append((model._meta.db_table, columns, model._meta.pk.column))
    return tables


class Writes:
    """Counts the statements of a request that write to a fingerprinted table: none means the
    database is unchanged without computing the fingerprint (the fingerprint proves the rest)."""

    IGNORED = ("django_session", "axes_")

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        words = sql.lstrip().split(None, 3)
        if words and words[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            if not any(table in sql[:200] for table in self.IGNORED):
                self.count += 1
        return execute(sql, params, many, context)


def fingerprint(tables):
    """A checksum of every row of every application table (one query per table)."""
    digest = hashlib.sha256()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, columns, pk in tables:
            cursor.execute(
                f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)} ORDER BY {quote(pk)}"
            )
            digest.update(table.encode())
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


# --- The world, once per module -----------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world and a logged-in client per actor, inside a transaction rolled back at the end."""
    media = tmp_path_factory.mktemp("matrix-media")
    quick = override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media)
    with django_db_blocker.unblock(), quick:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = World()
            built.media = media
            built.clients = {"fresh": Client()}
            for actor in ACTORS:
                client = Client()
                if actor != "anonymous":
                    client.force_login(built.users[actor])
                built.clients[actor] = client
            built.tables = _tables()
            built.fingerprint = fingerprint(built.tables)
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def quiet_refusals():
    """Thousands of expected 403s and 404s: Django's request log would format a traceback each."""
    import logging

    logger = logging.getLogger("django.request")
    level, logger.level = logger.level, logging.ERROR
    yield
    logger.level = level


@pytest.fixture(autouse=True)
def media_root(settings, world):
    """The world's files (attachments) stay where the world put them."""
    settings.MEDIA_ROOT = world.media
    return world.media


@pytest.fixture(autouse=True)
def quick_pdfs(monkeypatch):
    """WeasyPrint is not what the matrix tests: every PDF is a few bytes."""
    from reports import pdf as report_pdf
    from samverkan import pdf

    monkeypatch.setattr(pdf, "render_pdf", lambda html: b"%PDF-1.4\n%matrix\n")
    monkeypatch.setattr(report_pdf, "render_report_pdf", lambda *args, **kwargs: (b"%PDF-1.4\n", 1))


def size_line():
    """The matrix's size, for the closing note (printed after the run by tests/platform/conftest.py)."""
    if not SIZE["cases"]:
        return None
    return (
        f"Permission matrix: {SIZE['views']} views × {len(ACTORS)} actors × {len(SIZE['states'])} object "
        f"states (by view); {SIZE['cases']} cases: {SIZE['GET']} GET, {SIZE['POST']} POST"
    )


# --- One case ------------------------------------------------------------------------------------


def observe(world, view, actor, state, method):
    """What happens: a status token, and whether the database changed (rolled back after)."""
    url = reverse(view.name, kwargs=view.kwargs(world, state, actor))
    client = world.clients[actor]
    if view.fresh_client:  # logs in anew inside the savepoint: the case may end the session
        client = world.clients["fresh"]
        client.cookies.clear()
    headers = {"HTTP_HX_REQUEST": "true"} if view.htmx else {}
    writes = Writes()
    with transaction.atomic():
        if view.fresh_client and actor != "anonymous":
            client.force_login(world.users[actor])
        data = view.payload(world, state, actor) if method == "POST" else None
        with connection.execute_wrapper(writes):
            if method == "GET":
                response = client.get(url + view.query, **headers)
            else:
                response = client.post(url, data, **headers)
        changed = bool(writes.count) and fingerprint(world.tables) != world.fingerprint
        transaction.set_rollback(True)
    status = response.status_code
    if status in (301, 302) and response.url.startswith(reverse("login")):
        return LOGIN, changed
    if method == "POST" and status < 400:
        return (CHANGED if changed else KEPT), changed
    if status in (301, 302):
        return REDIRECT, changed
    return status, changed


def test_every_view_has_an_entry():
    routes = named_routes()
    names = {name for name, _route in routes if not name.startswith(tuple(EXCLUDED_PREFIXES))} | {
        name for name in SPEC if name.startswith(tuple(EXCLUDED_PREFIXES))
    }
    missing = sorted(names - SPEC.keys())
    assert not missing, (
        f"Views without an entry in the permission matrix (tests/platform/matrix.py): {missing}"
    )
    stale = sorted(SPEC.keys() - names)
    assert not stale, f"Matrix entries for views that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(SPEC))
def test_permission_matrix(name, world, db):
    view = SPEC[name]
    failures = []
    for state in view.all_states:
        SIZE["states"].add(f"{view.family}:{state}")
        for actor in ACTORS:
            for method in ("GET", "POST"):
                expected = outcomes(view.expect(method, actor, state))
                got, changed = observe(world, view, actor, state, method)
                SIZE["cases"] += 1
                SIZE[method] += 1
                wrong = got not in expected
                tolerated = view.queues_build and got in (200, 503)
                if changed and got != CHANGED and not tolerated:
                    wrong, got = True, f"{got} and a change of the database"
                if wrong:
                    wanted = " or ".join(map(str, expected))
                    message = f"{name} × {actor} × {state} {method}: expected {wanted}, got {got}"
                    failures.append(message)
    SIZE["views"] += 1
    assert not failures, "\n".join(failures)


def test_the_fingerprint_sees_a_change_and_ignores_a_login(world, db):
    from governance.models import Body

    with transaction.atomic():
        world.clients["fresh"].force_login(world.users["member"])  # a session and last_login
        assert fingerprint(world.tables) == world.fingerprint
        Body.objects.filter(pk=world.nosam.pk).update(short_name="X")
        assert fingerprint(world.tables) != world.fingerprint
        transaction.set_rollback(True)
    assert fingerprint(world.tables) == world.fingerprint


def test_every_route_of_a_name_is_visited(world, db):
    """A name with two routes (a plan's current version and a numbered revision) is visited
    through each: the spec's states must produce kwargs for both."""
    routes = {}
    for name, route in named_routes():
        routes.setdefault(name, set()).add(route)
    unvisited = []
    for name, patterns in routes.items():
        if len(patterns) < 2:
            continue
        view = SPEC[name]
        used = {frozenset(view.kwargs(world, state, "site_admin")) for state in view.states}
        if len(used) < len(patterns):
            unvisited.append(name)
    assert not unvisited, f"Routes never visited by the matrix: {unvisited}"
