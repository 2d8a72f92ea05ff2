import ipaddress

from django.conf import settings
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
