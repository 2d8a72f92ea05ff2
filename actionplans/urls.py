from django.urls import path

from . import views

app_name = "actionplans"

PLAN = "grupper/<slug:slug>/handlingsplan/<slug:period>/"
# The same routes for one revision of the plan; without it they address the current version.
VERSION = PLAN + "version/<int:revision>/"

PLAN_ROUTES = [
    ("", views.plan_detail, {}, "plan_detail"),
    ("pdf/", views.plan_pdf, {}, "plan_pdf"),
    ("xlsx/", views.plan_xlsx, {}, "plan_xlsx"),
    ("historik/", views.plan_history, {}, "plan_history"),
    ("historik/aterstall/", views.history_restore, {}, "history_restore"),
    ("skicka-in/", views.plan_submit, {}, "plan_submit"),
    ("atertag/", views.plan_withdraw, {}, "plan_withdraw"),
    ("faststall/", views.plan_adopt, {}, "plan_adopt"),
    ("atersand/", views.plan_return, {}, "plan_return"),
    ("revidera/", views.plan_revise, {}, "plan_revise"),
    ("redigera/", views.plan_edit, {}, "plan_edit"),
    ("redigera/delmal/nytt/", views.goal_edit, {}, "goal_add"),
    ("redigera/delmal/<int:pk>/", views.goal_edit, {}, "goal_edit"),
    ("redigera/delmal/<int:goal_pk>/aktiviteter/ny/", views.activity_edit, {}, "activity_add"),
    ("redigera/aktiviteter/<int:pk>/", views.activity_edit, {}, "activity_edit"),
    ("redigera/delmal/<int:pk>/ta-bort/", views.row_delete, {"kind": "goal"}, "goal_delete"),
    ("redigera/delmal/<int:pk>/flytta/", views.row_move, {"kind": "goal"}, "goal_move"),
    ("redigera/aktiviteter/<int:pk>/ta-bort/", views.row_delete, {"kind": "activity"}, "activity_delete"),
    ("redigera/aktiviteter/<int:pk>/flytta/", views.row_move, {"kind": "activity"}, "activity_move"),
    ("aktiviteter/<int:pk>/uppfoljning/", views.followup_add, {}, "followup_add"),
    ("aktiviteter/<int:pk>/status/", views.activity_status, {}, "activity_status"),
]

urlpatterns = [
    path("samverkansplan/", views.current_collaboration_plan, name="current_collaboration_plan"),
    path("samverkansplan/<slug:period>/", views.collaboration_plan, name="collaboration_plan"),
    path("samverkansplan/<slug:period>/rod-trad/", views.red_thread_page, name="red_thread"),
    path("lagesbild/", views.status_overview_page, name="status_overview"),
    path("grupper/<slug:slug>/delegerade-mal/", views.delegated_uptake, name="delegated_uptake"),
    path("grupper/<slug:slug>/handlingsplan/ny/", views.plan_create, name="plan_create"),
    path("grupper/<slug:slug>/handlingsplan/", views.current_plan, name="current_plan"),
    *(
        path(prefix + route, view, kwargs, name=name)
        for prefix in (PLAN, VERSION)
        for route, view, kwargs, name in PLAN_ROUTES
    ),
]
