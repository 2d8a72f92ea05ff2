from django.urls import path

from . import views

app_name = "actionplans"

PLAN = "grupper/<slug:slug>/handlingsplan/<slug:period>/"

urlpatterns = [
    path("samverkansplan/", views.current_collaboration_plan, name="current_collaboration_plan"),
    path("samverkansplan/<slug:period>/", views.collaboration_plan, name="collaboration_plan"),
    path("samverkansplan/<slug:period>/rod-trad/", views.red_thread_page, name="red_thread"),
    path("lagesbild/", views.status_overview_page, name="status_overview"),
    path("grupper/<slug:slug>/delegerade-mal/", views.delegated_uptake, name="delegated_uptake"),
    path("grupper/<slug:slug>/handlingsplan/ny/", views.plan_create, name="plan_create"),
    path(PLAN, views.plan_detail, name="plan_detail"),
    path(PLAN + "pdf/", views.plan_pdf, name="plan_pdf"),
    path(PLAN + "xlsx/", views.plan_xlsx, name="plan_xlsx"),
    path(PLAN + "historik/", views.plan_history, name="plan_history"),
    path(PLAN + "historik/aterstall/", views.history_restore, name="history_restore"),
    path(PLAN + "skicka-in/", views.plan_submit, name="plan_submit"),
    path(PLAN + "faststall/", views.plan_adopt, name="plan_adopt"),
    path(PLAN + "atersand/", views.plan_return, name="plan_return"),
    path(PLAN + "redigera/", views.plan_edit, name="plan_edit"),
    path(PLAN + "redigera/delmal/nytt/", views.goal_edit, name="goal_add"),
    path(PLAN + "redigera/delmal/<int:pk>/", views.goal_edit, name="goal_edit"),
    path(PLAN + "redigera/delmal/<int:goal_pk>/aktiviteter/ny/", views.activity_edit, name="activity_add"),
    path(PLAN + "redigera/aktiviteter/<int:pk>/", views.activity_edit, name="activity_edit"),
    path(PLAN + "redigera/delmal/<int:pk>/ta-bort/", views.row_delete, {"kind": "goal"}, name="goal_delete"),
    path(PLAN + "redigera/delmal/<int:pk>/flytta/", views.row_move, {"kind": "goal"}, name="goal_move"),
    path(
        PLAN + "redigera/aktiviteter/<int:pk>/ta-bort/",
        views.row_delete,
        {"kind": "activity"},
        name="activity_delete",
    ),
    path(
        PLAN + "redigera/aktiviteter/<int:pk>/flytta/",
        views.row_move,
        {"kind": "activity"},
        name="activity_move",
    ),
    path(PLAN + "aktiviteter/<int:pk>/uppfoljning/", views.followup_add, name="followup_add"),
]
