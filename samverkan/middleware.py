import ipaddress

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    """Swedish unless the visitor has chosen another language with the language switch.

    Unlike Django's LocaleMiddleware the browser's Accept-Language is ignored: the portal is
    Swedish first, and English is an explicit choice (stored in the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class TrustedProxyMiddleware:
    """Forwarded headers are believed only from the reverse proxies in ``TRUSTED_PROXIES``.

    Anyone can send ``X-Forwarded-Proto: https`` or ``X-Forwarded-For``. From a trusted proxy the
    visitor's address (the right-most address in X-Forwarded-For that is not itself a trusted
    proxy; what is to its left the visitor could have written) becomes ``REMOTE_ADDR``, so the
    login lock-out and the logs see visitors, not the proxy. From anyone else the forwarded
    headers are removed before Django's SecurityMiddleware reads ``SECURE_PROXY_SSL_HEADER``.
    Must come first in MIDDLEWARE.
    """

    FORWARDED_HEADERS = (
        "HTTP_FORWARDED",
        "HTTP_X_FORWARDED_FOR",
        "HTTP_X_FORWARDED_HOST",
        "HTTP_X_FORWARDED_PORT",
        "HTTP_X_FORWARDED_PROTO",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = [ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES]

    def trusted(self, address):
        return address is not None and any(address in network for network in self.proxies)

    def __call__(self, request):
        meta = request.META
        if self.trusted(_address(meta.get("REMOTE_ADDR", ""))):
            hops = [_address(hop) for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
            visitor = next((hop for hop in reversed(hops) if not self.trusted(hop)), None)
            if visitor is not None:
                meta["REMOTE_ADDR"] = str(visitor)
        else:
            for header in self.FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


def client_ip(request):
    """The visitor's address for django-axes (AXES_CLIENT_IP_CALLABLE): see TrustedProxyMiddleware."""
    return request.META.get("REMOTE_ADDR")


class RequestBodyLimitMiddleware:
    """Refuse a request body larger than the visitor may send, before anything reads it.

    Django reads a body lazily, but the CSRF check reads ``request.POST`` before any view runs, and
    uploads are spooled to disk while they are parsed: without this, an anonymous 200 MB POST is
    read in full before a permission check says no. Only the headers are looked at here: a
    ``Content-Length`` above the limit gets 413 and a Swedish page, and a body without a length
    (``Transfer-Encoding: chunked``) gets 411, because Django under WSGI would read it as empty and
    the form would silently be lost. Logged-in users may send ``REQUEST_BODY_MAX_BYTES`` (an
    attachment and its form); anonymous visitors ``ANONYMOUS_BODY_MAX_BYTES`` (enough to log in).
    Placed after the authentication middleware, which reads the session but never the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        status = self.refusal(request)
        if status:
            anonymous = not request.user.is_authenticated
            return render(
                request,
                "request_refused.html",
                {"status": status, "limit": self.limit(request), "anonymous": anonymous},
                status=status,
            )
        return self.get_response(request)

    @staticmethod
    def limit(request):
        if request.user.is_authenticated:
            return settings.REQUEST_BODY_MAX_BYTES
        return settings.ANONYMOUS_BODY_MAX_BYTES

    def refusal(self, request):
        """411 or 413 when the body may not be read; None when it may (or there is none)."""
        length = request.META.get("CONTENT_LENGTH")
        if not length:
            return 411 if "HTTP_TRANSFER_ENCODING" in request.META else None
        # Django reads an invalid length as 0 (nothing), so only a number can be too large.
        if length.isdigit() and int(length) > self.limit(request):
            return 413
        return None
