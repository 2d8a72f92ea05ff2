"""Liveness for the container orchestrator: is this process serving, and can it reach the database?

The compose health check of ``web`` asks ``/healthz`` from inside the container. The view reads
no session and sets no cookie, so a probe every few seconds leaves nothing behind.
"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The reason goes to the log, not to whoever asks (the proxy serves this page too).
        log.error("Health check: the database is unreachable: %s", error)
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
