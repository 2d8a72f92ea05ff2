"""Pages served from a cache, invalidated by every committed change: public pages to anonymous
visitors, and a member's own pages to that member.

The public reads far more than members write, and a member reads their own pages far more often
than anything they see changes. A view decorated with ``public_page`` answers an anonymous GET from
the cache (``CACHES["default"]``: Redis when ``CACHE_URL`` is set, else this process's memory)
under a key made of the language, the date and the path with its query. ``public_page(
members=True)`` (and ``member_page``, for pages only members see) also answers a logged-in member's
GET from the cache, under a key that adds the member's id, their session (its key and data: a new
login, a logout or any change to the session is a new key) and their CSRF cookie (a stored form's
token is the cookie's secret, masked: it stays valid for exactly the requests that carry that
cookie). Htmx requests, requests with a message waiting and query parameters the page does not name
(or longer than ``QUERY_VALUE_MAX``) always get a fresh page. The query's values are normalised in
the key (their order, runs of white space), so trivial variants of a search share an entry.

A page is stored only when it is a 200 whose rendering set no cookie and changed no session: for
anonymous visitors it also used no CSRF token (what one visitor got is right for any other, and the
anonymous answers carry no ``Set-Cookie`` at all), for a member it used the token of the cookie the
request carried (not a new one). A response marked ``private`` or ``no-store`` by its view is never
stored. Members' responses stay ``Cache-Control: private, no-cache``.

Invalidation is by generation, not by URL: every entry records the generation it was rendered in,
and an entry of another generation is a miss. Whatever commits a write to a table of the apps in
``PUBLIC_CONTENT_APPS`` (a service, the admin, a task, a ``queryset.update()``) draws a new
generation after the commit: ``watch_writes`` is installed on every database connection, so there
is nothing a service could forget to call. Members' pages have their own generation, drawn anew
with the public one and also by the tables of ``MEMBER_CONTENT`` (the object permissions, users and
groups: who may see and do what, which members' pages show and public pages do not; a login's
``last_login`` too). So a member sees their own change, anyone's change and a seat that ended at
once. A write that is rolled back draws nothing; a page rendered before the commit belongs to the
old generation and is never served after it. The date in the key turns over what depends on "today"
(coming and past meetings, overdue sections) at midnight, and entries expire after
``PAGE_CACHE_SECONDS`` (which also bounds how long a cache that missed a bump, Redis being away at
the moment, can be stale). The cache failing is logged, never raised: the page is then rendered as
without it. ``per_generation`` keeps other per-member values the same way (the header's to-do
count, ``samverkan.todo``).

Every response of a cached page also answers conditional requests: an ETag (the view's own, such
as a calendar's, or a hash of the content) and a Last-Modified, and 304 to a client whose copy is
current.
"""

import hashlib
import logging
import re
import time
import uuid
from functools import wraps
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
MEMBER_GENERATION_KEY = "member-pages:generation"
SAFE_METHODS = ("GET", "HEAD")
QUERY_VALUE_MAX = 200  # a longer query value is rendered afresh, never stored


# --- Generations ---------------------------------------------------------------------------------


def current_generation(key=GENERATION_KEY):
    """The generation pages are rendered in now (a new one when the cache has none)."""
    generation = cache.get(key)
    if generation is None:
        cache.add(key, uuid.uuid4().hex, None)
        generation = cache.get(key)
    return generation


def new_generation():
    """Every stored page, public or a member's, is stale from now on."""
    try:
        cache.set_many({GENERATION_KEY: uuid.uuid4().hex, MEMBER_GENERATION_KEY: uuid.uuid4().hex}, None)
    except Exception:  # the cache is away: its entries expire after PAGE_CACHE_SECONDS
        logger.warning("Page cache: could not start a new generation", exc_info=True)


def new_member_generation():
    """Every stored member's page is stale from now on (the public ones are not)."""
    try:
        cache.set(MEMBER_GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.warning("Page cache: could not start a new generation of members' pages", exc_info=True)


_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_tables = None


def _models(label):
    """The models of ``label``: an app's (with their history and many-to-many tables) or one."""
    if "." in label:
        return [apps.get_model(label)]
    return apps.get_app_config(label).get_models(include_auto_created=True)


def tables():
    """{table: the bump a committed write to it draws}: ``new_generation`` for the tables whose rows
    public pages show (every model of ``PUBLIC_CONTENT_APPS`` but the object permissions),
    ``new_member_generation`` for those only members' pages show (the object permissions and
    ``MEMBER_CONTENT``)."""
    global _tables
    if _tables is None:
        from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

        found = {}
        for label in settings.PUBLIC_CONTENT_APPS:
            for model in _models(label):
                permissions = issubclass(model, UserObjectPermissionBase | GroupObjectPermissionBase)
                found[model._meta.db_table] = new_member_generation if permissions else new_generation
        for label in settings.MEMBER_CONTENT:
            for model in _models(label):
                found.setdefault(model._meta.db_table, new_member_generation)
        _tables = found
    return _tables


def _bump_pending(connection, bump):
    """Whether the transaction already draws ``bump`` (or more: ``new_generation``) at its commit."""
    return any(callback in (bump, new_generation) for _sids, callback, _robust in connection.run_on_commit)


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: a statement that writes a watched table draws a new generation
    when its transaction commits (at once in autocommit, after the statement)."""
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql) if sql[:1] in "IUDiud \n" else None
    bump = match and tables().get(match.group(1))
    if bump:
        connection = context["connection"]
        if not (connection.in_atomic_block and _bump_pending(connection, bump)):
            transaction.on_commit(bump, using=connection.alias)
    return result


def install(connection, **kwargs):
    """``connection_created`` receiver: watch the connection's writes (once per connection object)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def per_generation(key, compute):
    """``compute()``, computed once per generation of members' pages (and per ``key``: put the
    person and the date in it) while the page cache is on; the cache failing is logged, and the
    value then computed."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    try:
        found = cache.get_many([MEMBER_GENERATION_KEY, key])
        generation = found.get(MEMBER_GENERATION_KEY) or current_generation(MEMBER_GENERATION_KEY)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return compute()
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()  # after reading the generation: a commit meanwhile makes it stale, not lost
    try:
        cache.set(key, (generation, value), settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache: could not store a value", exc_info=True)
    return value


# --- Serving -------------------------------------------------------------------------------------


def _cacheable(request, query):
    """Whether this request may be answered from, and its answer stored in, a cache at all."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in SAFE_METHODS
        and request.META.get("HTTP_HX_REQUEST") != "true"  # not request.headers: it copies them all
        and set(request.GET) <= query
        and all(len(value) <= QUERY_VALUE_MAX for value in request.GET.values())
    )


def _logged_in(request):
    """Whether the session holds a login, read from the session alone: the user is not loaded.

    That is enough to choose an entry: the session's data (with the user's id and password hash)
    is part of a member's key, and whatever could end a login without changing the session (a new
    password, a deactivated account) writes the user's row, which draws a new members' generation;
    the request that then misses renders the view, whose ``request.user`` checks the login."""
    return SESSION_KEY in request.session


def _anonymous(request):
    """Not logged in, and no message waiting (it is shown on the next page, and reading it removes
    it). A request without any cookie (a first visit, a crawler) is known to be so without loading
    the session: a login and waiting messages live in the session's cookie or the messages'."""
    if not request.COOKIES:
        return True
    return not _logged_in(request) and not len(get_messages(request))


def _member(request):
    """Logged in, and no message waiting."""
    return _logged_in(request) and not len(get_messages(request))


def _member_part(request):
    """What makes a member's page theirs: the session (its key and data, the login among them) and
    the CSRF cookie whose secret the page's forms carry."""
    session = request.session
    return "|".join(
        [
            session.session_key or "",
            repr(sorted(session.items())),
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        ]
    )


def _key(request, member=False, kind=None, language=None):
    """The entry's key: language, date, path, the query normalised (its parameters in order, runs
    of white space as one) and, for a member, ``_member_part``. ``kind`` names the entry's sort
    (public, member or front: a front entry holds the whole response, see ``PageCacheMiddleware``)."""
    query = sorted((name, " ".join(value.split())) for name, value in request.GET.items())
    language = language or translation.get_language()
    parts = [language, timezone.localdate().isoformat(), request.path, urlencode(query)]
    if member:
        parts.append(_member_part(request))
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"{kind or ('member' if member else 'public')}-page:{digest}"


def _csrf_kept(request, member):
    """Whether the page's forms, if any, carry a token that is valid for whoever gets the entry:
    for visitors none at all; for a member the token of the cookie they sent (not a new one)."""
    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return member and cookie is not None and request.META.get("CSRF_COOKIE") == cookie


def _storable(request, response, member):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and _csrf_kept(request, member)
        and not getattr(getattr(request, "session", None), "modified", False)
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _entry(response, generation):
    content = response.content
    return {
        "generation": generation,
        "status": response.status_code,
        "headers": dict(response.headers),
        "content": content,
        "etag": response.get("ETag") or quote_etag(hashlib.sha256(content).hexdigest()[:32]),
        "modified": parse_http_date_safe(response.get("Last-Modified", "")) or int(time.time()),
    }


def _response(entry):
    response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
    response.headers["ETag"] = entry["etag"]
    response.headers["Last-Modified"] = http_date(entry["modified"])
    return response


def _conditional(request, response):
    """304 when the client's copy (If-None-Match / If-Modified-Since) is the one ``response`` holds.

    Browsers keep the page but ask again each time (``no-cache``: the question costs a 304, and a
    change is seen at once); a member's page is for their browser only (``private``).
    """
    if request.method not in SAFE_METHODS or response.status_code != 200:
        return response
    # A request with a session may be a member's (asked without loading the user: no query).
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        patch_cache_control(response, no_cache=True, private=True)
    else:
        patch_cache_control(response, no_cache=True)
    return (
        get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
        or response
    )


def _render(view, request, args, kwargs):
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()  # a TemplateResponse (the sitemap): content is needed now
    return response


def _fresh(view, request, args, kwargs):
    """The page rendered, not stored: with an ETag of its content, for conditional requests."""
    return _conditional(request, _with_etag(_render(view, request, args, kwargs)))


def _cached(view, request, args, kwargs, member):
    """The page from the cache if stored in the current generation, else rendered and stored."""
    generation_key = MEMBER_GENERATION_KEY if member else GENERATION_KEY
    return _from_cache(
        request, _key(request, member), generation_key, lambda: _render(view, request, args, kwargs), member
    )


def _from_cache(request, key, generation_key, render, member=False):
    """The entry ``key`` if stored in the current generation, else ``render()`` stored under it."""
    try:
        found = cache.get_many([generation_key, key])
        generation = found.get(generation_key) or current_generation(generation_key)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return _conditional(request, render())
    entry = found.get(key)
    if entry is not None and entry["generation"] == generation:
        return _conditional(request, _response(entry))
    response = render()
    if not _storable(request, response, member):
        return _conditional(request, response)
    entry = _entry(response, generation)
    try:
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache: could not store a page", exc_info=True)
    return _conditional(request, _response(entry))


def public_page(view=None, *, query=(), members=False, public=True):
    """Serve ``view`` to anonymous visitors from the cache, and with ``members`` to each member
    from their own entries (see the module docstring).

    ``query``: the query parameters the page reads (``("ar",)``); a request with any other is
    rendered afresh and not stored, so made-up parameters cannot fill the cache.
    """
    if view is None:
        return lambda inner: public_page(inner, query=query, members=members, public=public)
    allowed = frozenset(query)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "page_cache_front", False):
            return _render(view, request, args, kwargs)  # PageCacheMiddleware stores the response
        if _cacheable(request, allowed):
            if public and _anonymous(request):
                return _cached(view, request, args, kwargs, member=False)
            if members and _member(request):
                return _cached(view, request, args, kwargs, member=True)
        return _fresh(view, request, args, kwargs)

    wrapper.public_page = public
    wrapper.page_query = allowed
    return wrapper


def member_page(view=None, *, query=()):
    """Serve a page that only members see to each member from their own entries; the same as
    ``public_page(members=True)`` without the visitors' entries. Put it above ``login_required``:
    a stored page is then served without loading the user (see ``_logged_in``), and everyone else
    goes through the view and its decorators."""
    if view is None:
        return lambda inner: member_page(inner, query=query)
    return public_page(view, query=query, members=True, public=False)


class PageCacheMiddleware:
    """Answer a request that carries no cookie at all (a first visit, a crawler, a feed reader) for
    a public page from the cache before the middleware below it runs, and store what they made of
    a miss: the whole response, with the headers they add (CSP, frame options, language, Vary).

    Such a request is known to be a visitor's without its session, and every layer below would
    only make the same answer again (no session to load, no user, no message, no token): skipping
    them makes a stored page cost little more than the least view. Requests with any cookie (a
    member, a chosen language, a message waiting) go through the stack and the view's own
    ``public_page``. It sits below SecurityMiddleware (HTTPS redirect, its headers) and WhiteNoise.
    Entries are kept apart from the view's (``front-page:``), as they hold more headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.COOKIES or not _served_from_the_front(request):
            return self.get_response(request)
        request.page_cache_front = True
        key = _key(request, kind="front", language=settings.LANGUAGE_CODE)  # no language cookie
        return _from_cache(request, key, GENERATION_KEY, lambda: _with_etag(self.get_response(request)))


def _served_from_the_front(request):
    """Whether the request is for a public page's view, with query parameters it reads."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "public_page", False) and _cacheable(request, view.page_query)


def _with_etag(response):
    if response.status_code == 200 and not response.streaming:
        response.headers.setdefault("ETag", quote_etag(hashlib.sha256(response.content).hexdigest()[:32]))
    return response
