from django.contrib import admin
from django.urls import include, path

from governance import views as governance_views

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
