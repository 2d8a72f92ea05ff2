"""The 404 page's view: the message a view gave to ``Http404``, never Django's own.

The other error pages need no view of our own: Django's ``permission_denied`` passes the
``PermissionDenied`` message to ``403.html``, ``bad_request`` and ``csrf_failure`` render
``400.html`` and ``403_csrf.html`` with the request, and ``server_error`` renders ``500.html``
without it (nothing that could fail again: no database, no session).
"""

import re

from django.shortcuts import render
from django.utils.functional import Promise

# get_object_or_404's message ("No Meeting matches the given query.") names a model in English:
# no help to a visitor, so the page says only its own words. An unmatched URL (Resolver404)
# carries a dict, not a message.
DJANGO_NOT_FOUND = re.compile(r"No \w+ matches the given query\.")


def page_not_found(request, exception):
    message = exception.args[0] if exception is not None and exception.args else None
    if not isinstance(message, str | Promise) or DJANGO_NOT_FOUND.fullmatch(str(message)):
        message = ""
    return render(request, "404.html", {"message": message}, status=404)
