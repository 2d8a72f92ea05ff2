from django.urls import path
from django.views.generic import RedirectView

from samverkan.pagecache import public_page

from . import feeds, views

app_name = "meetings"

urlpatterns = [
    path("moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/pdf/", views.meeting_pdf, name="meeting_pdf"),
    path("moten/<int:pk>/redigera/", views.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/dagordning/", views.agenda, name="agenda"),
    path("moten/<int:pk>/dagordning/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("moten/<int:pk>/dagordning/<int:item_pk>/flytta/", views.item_move, name="item_move"),
    path("moten/<int:pk>/dagordning/<int:item_pk>/ta-bort/", views.item_remove, name="item_remove"),
    path("moten/<int:pk>/bilagor/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("moten/<int:pk>/narvaro/", views.attendance, name="attendance"),
    path("moten/<int:pk>/protokoll/", views.minutes, name="minutes"),
    path("moten/<int:pk>/narvaro/gast/", views.guest_add, name="guest_add"),
    path("moten/<int:pk>/rattelse/", views.minutes_correct, name="minutes_correct"),
    path(
        "moten/<int:pk>/skicka-kallelse/", views.meeting_action, {"action": "send_agenda"}, name="send_agenda"
    ),
    path("moten/<int:pk>/hallet/", views.mark_held, name="mark_held"),
    path("moten/<int:pk>/godkann/", views.meeting_action, {"action": "approve"}, name="approve"),
    path("moten/<int:pk>/publicera/", views.meeting_action, {"action": "publish"}, name="publish"),
    path("beslut/<int:pk>/stallningstagande/", views.stance, name="stance"),
    path("beslut/<int:pk>/uppdrag/", views.assignment_add, name="assignment_add"),
    path("grupper/<slug:slug>/moten/", views.body_meetings, name="body_meetings"),
    path("grupper/<slug:slug>/moten/nytt/", views.meeting_create, name="meeting_create"),
    path("grupper/<slug:slug>/uppdrag/", views.assignments, name="assignments"),
    path("grupper/<slug:slug>/uppdrag/<int:pk>/status/", views.assignment_move, name="assignment_move"),
    # "Att granska" became part of "Att göra" (samverkan.todo).
    path("att-granska/", RedirectView.as_view(pattern_name="todo", permanent=True), name="review"),
    path("protokoll/", views.archive, name="archive"),
    path("protokoll/<slug:slug>/<year:year>/", views.archive_year, name="archive_year"),
    path("sok/", views.search, name="search"),
    path("flode/protokoll/", public_page(feeds.PublishedMinutesFeed()), name="minutes_feed"),
    path("flode/kalender.ics", views.calendar_all, name="calendar_all"),
    path("flode/grupper/<slug:slug>/kalender.ics", views.calendar_body, name="calendar_body"),
]
