from django.contrib import admin
from django.urls import include, path, register_converter

from governance import views as governance_views
from samverkan.years import YearConverter

# Before the apps' URLs are included: they use <year:…>.
register_converter(YearConverter, "year")

admin.site.site_header = admin.site.site_title = "Samverkansportalen"

urlpatterns = [
    path("", governance_views.home, name="home"),
    path("", include("governance.urls")),
    path("", include("actionplans.urls")),
    path("", include("meetings.urls")),
    path("", include("reports.urls")),
    path("konto/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
