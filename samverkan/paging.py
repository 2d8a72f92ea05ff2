"""Lists that grow with the years are shown a page at a time, the page in the URL (``?sida=N``)."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

PAGE_PARAMETER = "sida"


def page_of(request, items, per_page):
    """The page of ``items`` that ``?sida=N`` asks for (the first without it). A page that does not
    exist is 404, so only real pages are linked, indexed and cached."""
    try:
        return Paginator(items, per_page).page(request.GET.get(PAGE_PARAMETER, 1))
    except InvalidPage:
        raise Http404(_("No such page.")) from None
