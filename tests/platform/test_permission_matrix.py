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
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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
def world(django_db_setup, django_db_blocker):
    """The world and a logged-in client per actor, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = World()
            built.clients = {}
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
def quick_pdfs(monkeypatch):
    """WeasyPrint is not what the matrix tests: every PDF is a few bytes."""
    from reports import pdf as report_pdf
    from samverkan import pdf

    monkeypatch.setattr(pdf, "render_pdf", lambda html: b"%PDF-1.4\n%matrix\n")
    monkeypatch.setattr(report_pdf, "render_report_pdf", lambda *args, **kwargs: (b"%PDF-1.4\n", 1))


@pytest.fixture(scope="module", autouse=True)
def matrix_size(request):
    """Print the matrix's size after the module (the closing note's figures)."""
    yield
    if SIZE["cases"]:
        line = (
            f"Permission matrix: {SIZE['views']} views × {len(ACTORS)} actors, "
            f"{len(SIZE['states'])} object states; {SIZE['cases']} cases "
            f"({SIZE['GET']} GET, {SIZE['POST']} POST)"
        )
        terminal = request.config.pluginmanager.get_plugin("terminalreporter")
        if terminal:
            terminal.write_line("\n" + line)
        print(line)


# --- One case ------------------------------------------------------------------------------------


def observe(world, view, actor, state, method):
    """What happens: a status token, and whether the database changed (rolled back after)."""
    url = reverse(view.name, kwargs=view.kwargs(world, state, actor))
    client = world.clients[actor]
    if view.fresh_client:
        client = Client()
    headers = {"HTTP_HX_REQUEST": "true"} if view.htmx else {}
    with transaction.atomic():
        if view.fresh_client and actor != "anonymous":
            client.force_login(world.users[actor])
        if method == "GET":
            response = client.get(url + view.query, **headers)
        else:
            response = client.post(url, view.payload(world, state, actor), **headers)
        changed = fingerprint(world.tables) != world.fingerprint
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


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=view.xfail)) if view.xfail else name
        for name, view in sorted(SPEC.items())
    ],
)
def test_permission_matrix(name, world, db):
    view = SPEC[name]
    failures = []
    for state in view.states:
        SIZE["states"].add(f"{view.family}:{state}")
        for actor in ACTORS:
            for method in ("GET", "POST"):
                expected = outcomes(view.expect(method, actor, state))
                got, changed = observe(world, view, actor, state, method)
                SIZE["cases"] += 1
                SIZE[method] += 1
                wrong = got not in expected
                if method == "GET" and changed and not view.get_writes:
                    wrong, got = True, f"{got} and a change of the database"
                if method == "POST" and changed and got != CHANGED:
                    wrong, got = True, f"{got} and a change of the database"
                if wrong:
                    wanted = " or ".join(map(str, expected))
                    failures.append(f"{name} × {actor} × {state} {method}: expected {wanted}, got {got}")
    SIZE["views"] += 1
    assert not failures, "\n".join(failures)


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
