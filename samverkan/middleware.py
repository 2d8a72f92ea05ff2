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
