from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.i18n import set_language

from actionplans.sitemaps import ActionPlanSitemap, CollaborationPlanSitemap
from governance import views as governance_views
from governance.forms import LoginForm
from governance.sitemaps import BodySitemap, OrganisationSitemap
from meetings.sitemaps import PublishedMinutesSitemap
from reports.sitemaps import AdoptedReportSitemap
from samverkan import health, site
from samverkan.pagecache import public_page
from samverkan.views import AboutPage, personal_calendar_feed, todo_page
from samverkan.years import YearConverter

# Before the apps' URLs are included: they use <year:…>.
register_converter(YearConverter, "year")

admin.site.site_header = admin.site.site_title = "Samverkansportalen"

# Single sign-on (OpenID Connect) only when configured: its views need the provider's settings.
single_sign_on = [path("oidc/", include("mozilla_django_oidc.urls"))] if settings.OIDC_ENABLED else []

# What the public may read, for search engines: sitemap.xml (announced in robots.txt) is the index
# of these sections, each in pages of SiteSitemap.limit addresses.
SITEMAPS = {
    "pages": site.PagesSitemap(
        [
            "home",
            "governance:organisation_chart",
            "actionplans:status_overview",
            "meetings:archive",
            "meetings:search",
            "reports:arshjul",
        ]
    ),
    "groups": BodySitemap(),
    "organisations": OrganisationSitemap(),
    "collaboration-plans": CollaborationPlanSitemap(),
    "action-plans": ActionPlanSitemap(),
    "minutes": PublishedMinutesSitemap(),
    "annual-reports": AdoptedReportSitemap(),
}

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("sitemap.xml", public_page(site.sitemap_index), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        public_page(require_safe(sitemap), query=("p",)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", site.security_txt, name="security_txt"),
    path("favicon.ico", site.favicon, name="favicon"),
    path("", governance_views.home, name="home"),
    path("", include("governance.urls")),
    path("", include("actionplans.urls")),
    path("", include("meetings.urls")),
    path("", include("reports.urls")),
    path("att-gora/", todo_page, name="todo"),
    path("kalender/<str:token>.ics", personal_calendar_feed, name="personal_calendar"),
    path(
        "konto/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm,
            extra_context={"single_sign_on": settings.OIDC_ENABLED, "provider": settings.OIDC_PROVIDER_NAME},
        ),
        name="login",
    ),
    path("konto/", include("django.contrib.auth.urls")),
    *single_sign_on,
    path(
        "tillganglighet/",
        public_page(AboutPage.as_view(template_name="samverkan/accessibility.html")),
        name="accessibility",
    ),
    path(
        "personuppgifter/",
        public_page(AboutPage.as_view(template_name="samverkan/personal_data.html")),
        name="personal_data",
    ),
    # The language switch is a form on every page. Without a CSRF token in it, public pages set no
    # cookie and can be cached (samverkan/pagecache.py); a forged switch only changes a language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

# Swedish error pages in the site's design (templates/400.html, 403.html, 403_csrf.html, 500.html).
handler404 = "samverkan.errors.page_not_found"
