"""The portal's public address (SITE_URL) and the files standard clients look for at a site's root.

Every absolute address the portal hands out (feed ids and links, calendar URLs, the sitemap,
canonical links, robots.txt) is built from SITE_URL, never from the Host header a request came in
by, so it is the same whichever name or proxy a client used.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe


def absolute_url(path):
    """``path`` (starting with /) on the portal's public address."""
    return settings.SITE_URL.rstrip("/") + path


def site(request):
    """Template context: the canonical address of the page being shown (its path, no query)."""
    return {"canonical_url": absolute_url(request.path)}


def _text(lines):
    return HttpResponse("".join(f"{line}\n" for line in lines), content_type="text/plain; charset=utf-8")


@require_safe
def robots_txt(request):
    """Crawlers may read the public pages; accounts, the admin and members' work pages are not for
    them (they need a login anyway), and the sitemap lists what is public."""
    return _text(
        [
            "User-agent: *",
            *(f"Disallow: {path}" for path in ("/admin/", "/konto/", "/oidc/", "/i18n/", "/att-granska/")),
            f"Sitemap: {absolute_url(reverse('sitemap'))}",
        ]
    )


_STARTED = timezone.now().replace(microsecond=0)


@require_safe
def security_txt(request):
    """RFC 9116: where to report a vulnerability. Contact from SECURITY_CONTACT; Expires from
    SECURITY_TXT_EXPIRES, or else a year after the running release was started (the file must not
    be older than a year, RFC 9116 2.5.5), so a portal that is redeployed keeps it current."""
    expires = settings.SECURITY_TXT_EXPIRES or _STARTED + datetime.timedelta(days=365)
    return _text(
        [
            f"Contact: {settings.SECURITY_CONTACT}",
            f"Expires: {expires.astimezone(datetime.UTC):%Y-%m-%dT%H:%M:%SZ}",
            "Preferred-Languages: sv, en",
            f"Canonical: {absolute_url(reverse('security_txt'))}",
        ]
    )


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says; it lives among the static files."""
    return redirect(static("favicon.ico"))


class SiteSitemap(Sitemap):
    """A ``django.contrib.sitemaps`` section whose addresses are on SITE_URL (not the request's host,
    and no sites framework needed), served in pages of ``limit`` addresses (``?p=``): the minutes
    grow every year, the work of one request does not."""

    limit = 1000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(SiteSitemap):
    """Pages that exist once, named by their URL names."""

    def __init__(self, names):
        self.names = names

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


@x_robots_tag
@require_safe
def sitemap_index(request, sitemaps):
    """``/sitemap.xml``: the sitemap index, one entry for each page of each section of ``sitemaps``
    that has any address (served by ``django.contrib.sitemaps.views.sitemap`` as
    ``sitemap_section``). Django's own ``index`` view would name the sections on the request's host
    and list empty ones; these are on SITE_URL."""
    entries = []
    for section, sitemap in sitemaps.items():
        pages = sitemap.paginator  # a new one each time it is asked for
        if not pages.count:
            continue
        location = absolute_url(reverse("sitemap_section", args=[section]))
        lastmod = sitemap.get_latest_lastmod()
        entries += [
            SitemapIndexItem(location if page == 1 else f"{location}?p={page}", lastmod)
            for page in pages.page_range
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
