"""The portal's URLs plus the benchmark's floor, for ``bench/settings.py`` only (production's URLs
have no such route)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from samverkan import urls as portal


@require_safe
def floor(request):
    """The least any page costs: a request through every middleware, with no database, template
    or cache behind it."""
    return HttpResponse(b"ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/floor", floor, name="bench_floor"), *portal.urlpatterns]
handler404 = portal.handler404
