from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("arshjul/", views.arshjul, name="arshjul"),
    path("arshjul.ics", views.arshjul_ics, name="arshjul_ics"),
    path("arsrapport/", views.latest_report, name="latest_report"),
    path("arsrapport/<year:year>/", views.report_detail, name="report_detail"),
    path("arsrapport/<year:year>/arsrapport.pdf", views.report_pdf, name="report_pdf"),
    path("arsrapport/<year:year>/faststall/", views.report_adopt, name="report_adopt"),
    path("arsrapport/<year:year>/bygg-pdf/", views.report_rebuild_pdf, name="report_rebuild_pdf"),
    path("arsrapport/<year:year>/avsnitt/<int:pk>/", views.section_detail, name="section_detail"),
    path("arsrapport/<year:year>/avsnitt/<int:pk>/redigera/", views.section_edit, name="section_edit"),
    path(
        "arsrapport/<year:year>/avsnitt/<int:pk>/forhandsgranska.pdf",
        views.section_preview_pdf,
        name="section_preview_pdf",
    ),
    path("arsrapport/<year:year>/avsnitt/<int:pk>/granska/", views.section_review, name="section_review"),
    path("arsrapport/<year:year>/avsnitt/<int:pk>/atertag/", views.section_withdraw, name="section_withdraw"),
    path(
        "arsrapport/<year:year>/avsnitt/<int:pk>/inget-avsnitt/",
        views.section_not_applicable,
        name="section_not_applicable",
    ),
]
