from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("organisation/", views.organisation_chart, name="organisation_chart"),
    path("grupper/<slug:slug>/", views.body_detail, name="body_detail"),
    path("grupper/<slug:slug>/redigera/", views.body_edit, name="body_edit"),
    path("grupper/<slug:slug>/platser/ny/", views.membership_edit, name="membership_add"),
    path("grupper/<slug:slug>/platser/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("grupper/<slug:slug>/platser/<int:pk>/avsluta/", views.membership_end, name="membership_end"),
    path("parter/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("mina-sidor/", views.my_groups, name="my_groups"),
    path("mina-sidor/kalender/", views.calendar_renew, name="calendar_renew"),
    path("mina-sidor/aviseringar/", views.notice_preferences, name="notice_preferences"),
    path("grupper/<slug:slug>/prenumerera/", views.subscribe_minutes, name="subscribe_minutes"),
    path("arsrapport/prenumerera/", views.subscribe_report, name="subscribe_report"),
    path("prenumeration/bekrafta/<str:token>/", views.subscription_confirm, name="subscription_confirm"),
    path("prenumeration/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
