"""Public pages served to anonymous visitors from a cache, invalidated by every committed change.

The public reads far more than members write. A view decorated with ``public_page`` answers an
anonymous GET from the cache (``CACHES["default"]``: Redis when ``CACHE_URL`` is set, else this
process's memory) under a key made of the language, the date and the path with its query; members,
htmx requests, visitors with a pending message and query parameters the page does not name always
get a fresh page. A page is stored only when rendering it set no cookie, used no CSRF token and
changed no session: so what one visitor got is right for any other, and the anonymous answers
carry no ``Set-Cookie`` at all.

Invalidation is by generation, not by URL: every entry records the generation it was rendered in,
and an entry of another generation is a miss. Whatever commits a write to a table of the apps in
``PUBLIC_CONTENT_APPS`` (a service, the admin, a task, a ``queryset.update()``) draws a new
generation after the commit: ``watch_writes`` is installed on every database connection, so there
is nothing a service could forget to call. A write that is rolled back draws nothing; a page
rendered before the commit belongs to the old generation and is never served after it. The date
in the key turns over what depends on "today" (coming and past meetings, overdue sections) at
midnight, and entries expire after ``PAGE_CACHE_SECONDS`` (which also bounds how long a cache that
missed a bump, Redis being away at the moment, can be stale). The cache failing is logged, never
raised: the page is then rendered as without it.

Every response of a public page also answers conditional requests: an ETag (the view's own, such
as a calendar's, or a hash of the content) and a Last-Modified, and 304 to a client whose copy is
current.
"""

import hashlib
import logging
import re
import time
import uuid
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
SAFE_METHODS = ("GET", "HEAD")


# --- Generations ---------------------------------------------------------------------------------


def current_generation():
    """The generation pages are rendered in now (a new one when the cache has none)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_generation():
    """Every stored page is stale from now on."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # the cache is away: its entries expire after PAGE_CACHE_SECONDS
        logger.warning("Public page cache: could not start a new generation", exc_info=True)


_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_public_tables = None


def public_tables():
    """The tables whose rows public pages show: every model of ``PUBLIC_CONTENT_APPS`` (their
    history too) but the object-permission rows, which no page shows."""
    global _public_tables
    if _public_tables is None:
        from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

        _public_tables = frozenset(
            model._meta.db_table
            for label in settings.PUBLIC_CONTENT_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
            if not issubclass(model, UserObjectPermissionBase | GroupObjectPermissionBase)
        )
    return _public_tables


def _bump_pending(connection):
    return any(callback is new_generation for _sids, callback, _robust in connection.run_on_commit)


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: a statement that writes a public table draws a new generation
    when its transaction commits (at once in autocommit, after the statement)."""
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql) if sql[:1] in "IUDiud \n" else None
    if match and match.group(1) in public_tables():
        connection = context["connection"]
        if not (connection.in_atomic_block and _bump_pending(connection)):
            transaction.on_commit(new_generation, using=connection.alias)
    return result


def install(connection, **kwargs):
    """``connection_created`` receiver: watch the connection's writes (once per connection object)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


# --- Serving -------------------------------------------------------------------------------------


def _cacheable(request, query):
    """Whether this request may be answered from, and its answer stored in, the shared cache."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in SAFE_METHODS
        and request.META.get("HTTP_HX_REQUEST") != "true"  # not request.headers: it copies them all
        and set(request.GET) <= query
        and _without_login_or_message(request)
    )


def _without_login_or_message(request):
    """Not logged in, and no message waiting (it is shown on the next page, and reading it removes
    it). A request without any cookie (a first visit, a crawler) is known to be so without loading
    the session: a login and waiting messages live in the session's cookie or the messages'."""
    if not request.COOKIES:
        return True
    return not request.user.is_authenticated and not len(get_messages(request))


def _key(request):
    path = request.get_full_path()
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{translation.get_language()}|{day}|{path}".encode()).hexdigest()
    return f"public-page:{digest}"


def _storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
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


def public_page(view=None, *, query=()):
    """Serve ``view`` to anonymous visitors from the cache (see the module docstring).

    ``query``: the query parameters the page reads (``("ar",)``); a request with any other is
    rendered afresh and not stored, so made-up parameters cannot fill the cache.
    """
    if view is None:
        return lambda inner: public_page(inner, query=query)
    allowed = frozenset(query)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request, allowed):
            response = _render(view, request, args, kwargs)
            if response.status_code == 200 and not response.streaming:
                response.headers.setdefault(
                    "ETag", quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
                )
            return _conditional(request, response)
        key = _key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY) or current_generation()
        except Exception:
            logger.warning("Public page cache unavailable", exc_info=True)
            return _conditional(request, _render(view, request, args, kwargs))
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            return _conditional(request, _response(entry))
        response = _render(view, request, args, kwargs)
        if not _storable(request, response):
            return _conditional(request, response)
        entry = _entry(response, generation)
        try:
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Public page cache: could not store a page", exc_info=True)
        return _conditional(request, _response(entry))

    wrapper.public_page = True
    return wrapper
